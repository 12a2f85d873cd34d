// The visitor's own conversation fields (cm.UpdateConversationField, protocol reference §4.2): marking
// the waiting conversation urgent (TTRField) and the legacy CSAT rating after it closed (CSATRate).
import { sessionError } from '../core/session';
import { currentConversation } from '../core/conversation';
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import { sessionErrorKindOf } from './errors';
import { RequestTypes, type ConversationField, type UpdateConversationFieldBody } from './wire';

/** The TTR value sent with URGENT: the documented example's (close-conversationttr.md); the account's own SLA applies. */
export const URGENT_TTR_SECONDS = 300;

export interface ConversationFields {
  markUrgent(): Promise<void>;
  rate(stars: number): Promise<void>;
}

export function createConversationFields(deps: { connection: Connection; store: ChatStore }): ConversationFields {
  const { connection, store } = deps;
  const update = async (conversationId: string, conversationField: ConversationField) => {
    const body: UpdateConversationFieldBody = { conversationId, conversationField: [conversationField] };
    try {
      await connection.request(RequestTypes.UpdateConversationField, body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw sessionError(sessionErrorKindOf(error), `${conversationField.field} was not updated: ${reason}`, { cause: error });
    }
  };
  return {
    async markUrgent() {
      const snap = currentConversation(store.state);
      if (snap?.stage !== 'open') throw sessionError('notFound', 'There is no open conversation to mark urgent');
      await update(snap.id, { field: 'TTRField', ttrType: 'URGENT', value: URGENT_TTR_SECONDS });
    },
    async rate(stars) {
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw sessionError('empty', 'A rating is a whole number of stars from 1 to 5');
      const snap = currentConversation(store.state);
      if (snap?.stage !== 'closed') throw sessionError('notFound', 'There is no ended conversation to rate');
      // Only the rating was asked, not whether the issue was resolved: PARTIALLY_FILLED [INF].
      await update(snap.id, { field: 'CSATRate', csatRate: stars, csatResolutionConfirmation: false, status: 'PARTIALLY_FILLED' });
    },
  };
}
