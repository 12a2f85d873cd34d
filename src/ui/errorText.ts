import { t } from './i18n';

/** A short human-readable reason from whatever a session promise rejected with. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return t('unknownError');
}
