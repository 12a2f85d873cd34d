import { sessionErrorKind, type SessionErrorKind } from '../core/session';
import type { ConnectionErrorKind } from '../core/model';
import { t, type MessageKey } from './i18n';

const REASONS: Record<SessionErrorKind, MessageKey> = {
  empty: 'reasonEmpty',
  tooLong: 'reasonTooLong',
  stopped: 'reasonStopped',
  notFound: 'reasonNotFound',
  nothingToEnd: 'reasonNothingToEnd',
  refused: 'reasonRefused',
  network: 'reasonNetwork',
};

/**
 * A short reason, from the catalogue, for whatever a session promise rejected with (its kind, also
 * through a wrapping error's `cause`); the session's own English message is never shown.
 */
export function errorText(error: unknown): string {
  for (let e = error, depth = 0; e !== undefined && depth < 3; e = (e as { cause?: unknown } | null)?.cause, depth++) {
    const kind = sessionErrorKind(e);
    if (kind) return t(REASONS[kind]);
  }
  return t('unknownError');
}

/** The status line's text for a connection that gave up. */
export function connectionErrorText(kind: ConnectionErrorKind | undefined): string {
  if (kind === 'signIn') return t('connectionErrorSignIn');
  if (kind === 'unsupported') return t('connectionErrorUnsupported');
  return t('connectionError');
}
