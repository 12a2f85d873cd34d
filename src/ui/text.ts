// The words the widget shows for what the session reports: participant names with the catalogue's
// fallbacks, banner sentences, message bodies as plain text, the expected reply ("Usually replies
// within 10 minutes", "Expect a reply by 14:30", "We are away until Mon 09:00, then usually reply
// within an hour"), and error reasons from the catalogue (the session's own English is never
// shown). Everything from the server is rendered as text.
import type { ChatView, ConnectionErrorKind, ExpectedReply, MessageBody, TimelineRow } from '../core/model';
import { sessionErrorKind, type SessionErrorKind } from '../core/session';
import type { MessageKey, Translator } from './i18n';

type T = Translator['t'];
type BannerInfo = Extract<TimelineRow, { kind: 'banner' }>['banner'];

export function agentName(t: T, names: ChatView['names'], participantId: string | undefined): string {
  const name = participantId === undefined ? undefined : names[participantId];
  return name && name.trim() !== '' ? name : t('agentFallback');
}

export function managerName(t: T, names: ChatView['names'], participantId: string): string {
  const name = names[participantId];
  return name && name.trim() !== '' ? name : t('managerFallback');
}

/** The sentence shown for a timeline banner. */
export function bannerText(t: T, banner: BannerInfo, names: ChatView['names']): string {
  switch (banner.type) {
    case 'agentJoined':
      return t('agentJoined', { name: agentName(t, names, banner.participantId) });
    case 'agentLeft':
      return t('agentLeft', { name: agentName(t, names, banner.participantId) });
    case 'transferred':
      return banner.participantId === undefined ? t('transferred') : t('transferredTo', { name: agentName(t, names, banner.participantId) });
    case 'backToQueue':
      return t('backToQueue');
    case 'managerJoined':
      return t('managerJoined', { name: managerName(t, names, banner.participantId) });
    case 'conversationEnded':
      return banner.by === 'agent' ? t('endedByAgent') : banner.by === 'consumer' ? t('endedByConsumer') : t('endedBySystem');
    case 'surveyStarted':
      return t('surveyStarted');
  }
}

/** The plain text shown for a message body. */
export function bodyText(t: T, body: MessageBody): string {
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'file':
      return t('fileMessage', { caption: body.caption || body.fileType });
    case 'rich':
      return body.fallbackText.trim() !== '' ? body.fallbackText : t('unsupportedMessage');
    case 'unsupported':
      return t('unsupportedMessage');
  }
}

/** Whether the body is shown as the generic "unsupported message" bubble. */
export function isUnsupported(body: MessageBody): boolean {
  return body.kind === 'unsupported' || (body.kind === 'rich' && body.fallbackText.trim() === '');
}

const REASONS: Record<SessionErrorKind, MessageKey> = {
  empty: 'reasonEmpty',
  tooLong: 'reasonTooLong',
  stopped: 'reasonStopped',
  notFound: 'reasonNotFound',
  nothingToEnd: 'reasonNothingToEnd',
  refused: 'reasonRefused',
  network: 'reasonNetwork',
  fileType: 'reasonFileType',
  fileTooBig: 'reasonFileTooBig',
  filesOff: 'reasonFilesOff',
  cancelled: 'reasonCancelled',
};

/** A short reason for whatever a session promise rejected with (its kind, also through a wrapping error's `cause`). */
export function errorText(t: T, error: unknown): string {
  for (let e = error, depth = 0; e !== undefined && depth < 3; e = (e as { cause?: unknown } | null)?.cause, depth++) {
    const kind = sessionErrorKind(e);
    if (kind) return t(REASONS[kind]);
  }
  return t('unknownError');
}

/** The status line's text for a connection that gave up. */
export function connectionErrorText(t: T, kind: ConnectionErrorKind | undefined): string {
  if (kind === 'signIn') return t('connectionErrorSignIn');
  if (kind === 'unsupported') return t('connectionErrorUnsupported');
  return t('connectionError');
}

/** A duration in the largest whole unit that fits, rounded up (59 s is a minute, 90 min are 2 hours). */
export function durationText(t: T, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return minutes === 1 ? t('durationMinute') : t('durationMinutes', { count: minutes });
  const hours = Math.ceil(minutes / 60);
  if (hours < 24) return hours === 1 ? t('durationHour') : t('durationHours', { count: hours });
  const days = Math.ceil(hours / 24);
  return days === 1 ? t('durationDay') : t('durationDays', { count: days });
}

/** A moment: its time today, or its weekday and time on another day. */
function whenText(translator: Translator, at: number, now: number): string {
  if (new Date(at).toDateString() === new Date(now).toDateString()) return translator.formatTime(at);
  try {
    return new Intl.DateTimeFormat(translator.language, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
  } catch {
    return translator.formatTime(at);
  }
}

/** The sentence for an expected reply at `now`; undefined when it says nothing useful (a due time already past). */
export function expectedReplyText(translator: Translator, reply: ExpectedReply, now: number): string | undefined {
  const { t } = translator;
  if (reply.by !== undefined) return reply.by > now ? t('expectedBy', { time: whenText(translator, reply.by, now) }) : undefined;
  const within = reply.withinSeconds !== undefined ? durationText(t, reply.withinSeconds) : undefined;
  if (reply.after !== undefined && reply.after > now) {
    const time = whenText(translator, reply.after, now);
    return within ? t('expectedAwayWithin', { time, duration: within }) : t('expectedAway', { time });
  }
  return within ? t('expectedWithin', { duration: within }) : undefined;
}
