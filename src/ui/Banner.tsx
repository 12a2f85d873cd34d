import type { ChatView, TimelineRow } from '../core/model';
import { useI18n } from './i18n';
import { bannerText } from './text';

export interface BannerProps {
  row: Extract<TimelineRow, { kind: 'banner' }>;
  names: ChatView['names'];
}

/** A centred line in the timeline: an agent joined, the conversation ended, … */
export function Banner({ row, names }: BannerProps) {
  const { t } = useI18n();
  return (
    <div className="parley-row parley-banner" data-originator="system" data-banner={row.banner.type}>
      <p>{bannerText(t, row.banner, names)}</p>
    </div>
  );
}
