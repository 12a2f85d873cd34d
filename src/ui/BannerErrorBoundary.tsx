// Keeps a rendering fault inside one banner row: it shows a short notice in its place.
import type { ReactNode } from 'react';
import type { TimelineRow } from '../core/model';
import { FaultBoundary } from './FaultBoundary';
import { t } from './i18n';

export function BannerErrorBoundary({ banner, children }: { banner: Extract<TimelineRow, { kind: 'banner' }>['banner']; children: ReactNode }) {
  const fallback = (
    <div className="parley-row parley-banner" data-originator="system" data-banner={banner.type} data-render-failed="">
      <p>{t('partRenderFailed')}</p>
    </div>
  );
  return (
    <FaultBoundary part="a banner" fallback={fallback}>
      {children}
    </FaultBoundary>
  );
}
