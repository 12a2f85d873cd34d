// The post-conversation survey bot (role AGENT): one quick-reply question in the POST_SURVEY dialog;
// the consumer's answer closes the dialog with closedCause "Completed", which ends the conversation.
import type { CloseReason, ContentEvent, QuickReply } from '../../src/liveperson/wire';
import type { Account } from './accounts';
import { publish } from './events';
import { closeSurveyDialog, openSurveyDialog } from './lifecycle';
import type { Conversation } from './model';

export const SURVEY_QUESTION = 'How would you rate your overall experience?';
export const SURVEY_THANKS = 'Thank you for your feedback!';
export const SURVEY_COMPLETED = 'Completed';
/** closedCause when a consumer who cannot see the survey (no MULTI_DIALOG) starts a new conversation. */
export const SURVEY_SKIPPED = 'Skipped';

function question(account: Account): ContentEvent {
  const questionId = `${account.surveyBot.id}-q1`;
  const replies: QuickReply[] = ['1', '2', '3', '4', '5'].map((n) => ({
    type: 'button',
    title: n,
    tooltip: n,
    click: {
      metadata: [{ type: 'Answer', questionId, id: `${questionId}-a${n}`, provider: 'AC' }],
      actions: [{ type: 'publishText', text: n }],
    },
  }));
  return { type: 'ContentEvent', contentType: 'text/plain', message: SURVEY_QUESTION, quickReplies: { type: 'quickReplies', itemsPerRow: 5, replies } };
}

/** A survey runs only for consumers whose client announced MULTI_DIALOG. */
export function canSurvey(account: Account, conv: Conversation): boolean {
  return account.consumerFeatures.get(conv.consumerId)?.has('MULTI_DIALOG') === true;
}

/** Closes the MAIN dialog, opens the POST_SURVEY dialog and asks the question. */
export function startSurvey(account: Account, conv: Conversation, reason: CloseReason, now: number): void {
  const dialog = openSurveyDialog(account, conv, reason, now);
  publish(account, conv, dialog, { originatorId: account.surveyBot.id, role: 'AGENT', event: question(account) }, now);
}

/** Makes the bot answer consumers in every POST_SURVEY dialog of the account. */
export function runSurveyBot(account: Account): () => void {
  return account.listen({
    event(conv, dialog, _change, stored) {
      if (dialog.type !== 'POST_SURVEY' || dialog.state !== 'OPEN' || !stored) return;
      if (stored.role !== 'CONSUMER' || stored.event.type !== 'ContentEvent') return;
      const now = Date.now();
      const thanks: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: SURVEY_THANKS };
      publish(account, conv, dialog, { originatorId: account.surveyBot.id, role: 'AGENT', event: thanks }, now);
      closeSurveyDialog(account, conv, dialog, 'AGENT', SURVEY_COMPLETED, now);
    },
  });
}
