// The ClientProperties header of InitConnection (protocol reference §2.2): who Parley is and the
// features it handles. Shared by the session and the connection check (src/embed/check.ts).
import type { ClientPropertiesHeader, Feature } from './wire';

/** ClientProperties features Parley actually handles (quick replies, the survey dialog, auto messages, structured content). */
export const FEATURES: Feature[] = ['QUICK_REPLIES', 'MULTI_DIALOG', 'AUTO_MESSAGES', 'RICH_CONTENT'];
export const PARLEY_VERSION = '0.1.0';

export function clientProperties(): ClientPropertiesHeader {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return {
    type: '.ams.headers.ClientProperties',
    appId: 'parley',
    appVersion: PARLEY_VERSION,
    integration: 'WEB_SDK',
    integrationVersion: PARLEY_VERSION,
    ...(timeZone ? { timeZone } : {}),
    features: FEATURES,
  };
}
