// The ClientProperties header of InitConnection (protocol reference §2.2): who Parley is and the
// features it handles. Shared by the session and the connection check (src/embed/check.ts).
import type { ClientPropertiesHeader, Feature } from './wire';

/** ClientProperties features Parley actually handles (quick replies, the survey dialog, auto messages, structured content). */
export const FEATURES: Feature[] = ['QUICK_REPLIES', 'MULTI_DIALOG', 'AUTO_MESSAGES', 'RICH_CONTENT'];
/**
 * Announced too while the visitor may send files: PHOTO_SHARING (the schema's enum) and FILE_SHARING,
 * as LivePerson's own web window does (protocol reference §2.2).
 */
export const FILE_FEATURES: Feature[] = ['PHOTO_SHARING', 'FILE_SHARING'];
export const PARLEY_VERSION = '0.1.0';

/** `files`: the visitor may send files (FILE_FEATURES are announced too). */
export function clientProperties(files = false): ClientPropertiesHeader {
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
    features: files ? [...FEATURES, ...FILE_FEATURES] : FEATURES,
  };
}
