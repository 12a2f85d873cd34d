// The post-conversation survey bot (role AGENT): its questions in the POST_SURVEY dialog, one after
// each answer (quick replies, then free text); the last answer closes the dialog with closedCause
// "Completed", which ends the conversation.
import type { CloseReason, ContentEvent, QuickReply } from '../../src/liveperson/wire';
import type { Account } from './accounts';
import { publish } from './events';
import { closeSurveyDialog, openSurveyDialog } from './lifecycle';
import type { Conversation, Dialog } from './model';

/** The questions, in order: a 1–5 rating and a yes/no (quick replies), then free text (typed), as LivePerson's survey bot asks them. */
export const SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  { id: 'q1', text: 'How would you rate your overall experience?', replies: ['1', '2', '3', '4', '5'] },
  { id: 'q2', text: 'Was your issue resolved?', replies: ['Yes', 'No'] },
  { id: 'q3', text: 'Is there anything else you would like to tell us?', replies: [] },
];
export const SURVEY_THANKS = 'Thank you for your feedback!';
export const SURVEY_COMPLETED = 'Completed';
/** closedCause when a consumer who cannot see the survey (no MULTI_DIALOG) starts a new conversation. */
export const SURVEY_SKIPPED = 'Skipped';

export interface SurveyQuestion {
  id: string;
  text: string;
  /** Quick-reply titles; none: a free-text question. */
  replies: readonly string[];
}

function question(account: Account, q: SurveyQuestion): ContentEvent {
  const event: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: q.text };
  if (q.replies.length === 0) return event;
  const questionId = `${account.surveyBot.id}-${q.id}`;
  const replies: QuickReply[] = q.replies.map((n, i) => ({
    type: 'button',
    title: n,
    tooltip: n,
    click: {
      metadata: [{ type: 'Answer', questionId, id: `${questionId}-a${i + 1}`, provider: 'AC' }],
      actions: [{ type: 'publishText', text: n }],
    },
  }));
  return { ...event, quickReplies: { type: 'quickReplies', itemsPerRow: Math.min(8, replies.length), replies } };
}

/** How many of the questions the bot has asked in this dialog. */
function asked(account: Account, dialog: Dialog): number {
  const texts = new Set(SURVEY_QUESTIONS.map((q) => q.text));
  return dialog.events.filter((e) => e.originatorId === account.surveyBot.id && e.event.type === 'ContentEvent' && typeof e.event.message === 'string' && texts.has(e.event.message)).length;
}

/** A survey runs only for consumers whose client announced MULTI_DIALOG. */
export function canSurvey(account: Account, conv: Conversation): boolean {
  return account.consumerFeatures.get(conv.consumerId)?.has('MULTI_DIALOG') === true;
}

/** Closes the MAIN dialog, opens the POST_SURVEY dialog and asks the question. */
export function startSurvey(account: Account, conv: Conversation, reason: CloseReason, now: number): void {
  const dialog = openSurveyDialog(account, conv, reason, now);
  publish(account, conv, dialog, { originatorId: account.surveyBot.id, role: 'AGENT', event: question(account, SURVEY_QUESTIONS[0]!) }, now);
}

/** Makes the bot answer consumers in every POST_SURVEY dialog of the account. */
export function runSurveyBot(account: Account): () => void {
  return account.listen({
    event(conv, dialog, _change, stored) {
      if (dialog.type !== 'POST_SURVEY' || dialog.state !== 'OPEN' || !stored) return;
      if (stored.role !== 'CONSUMER' || stored.event.type !== 'ContentEvent') return;
      const now = Date.now();
      const next = SURVEY_QUESTIONS[asked(account, dialog)];
      if (next) {
        publish(account, conv, dialog, { originatorId: account.surveyBot.id, role: 'AGENT', event: question(account, next) }, now);
        return;
      }
      const thanks: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: SURVEY_THANKS };
      publish(account, conv, dialog, { originatorId: account.surveyBot.id, role: 'AGENT', event: thanks }, now);
      closeSurveyDialog(account, conv, dialog, 'AGENT', SURVEY_COMPLETED, now);
    },
  });
}
