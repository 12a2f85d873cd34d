// The expected reply worded for a person: "Usually replies within 10 minutes", "Expect a reply by
// 14:30", "We are away until Mon 09:00, then usually reply within an hour".
import type { ExpectedReply } from '../core/model';
import type { Translator } from './i18n';

type T = Translator['t'];

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
