import type { ChatView, TimelineRow } from '../core/model';
import { bannerText } from './bannerText';

export interface BannerProps {
  row: Extract<TimelineRow, { kind: 'banner' }>;
  names: ChatView['names'];
}

/** A centred line in the timeline: an agent joined, the conversation ended, … */
export function Banner({ row, names }: BannerProps) {
  return (
    <div className="parley-row parley-banner" data-originator="system" data-banner={row.banner.type}>
      <p>{bannerText(row.banner, names)}</p>
    </div>
  );
}
