// Builders for core events in tests (not shipped code: only *.test.ts files import this).
import type { ConversationSnapshot, CoreEvent, Dialog, Participant, ParticipantRole } from '../model';

export const CONSUMER = 'visitor-1';

export function participant(id: string, role: ParticipantRole, status: Participant['status'] = 'active'): Participant {
  return { id, role, status };
}

export function dialog(id: string, over: Partial<Dialog> = {}): Dialog {
  return { id, kind: 'main', messaging: true, open: true, participants: [], createdAt: 1000, ...over };
}

/** A conversation snapshot; by default open, with the visitor and a MAIN dialog whose id is the conversation id. */
export function snapshot(id: string, updatedAt: number, over: Partial<ConversationSnapshot> = {}): CoreEvent {
  const snap: ConversationSnapshot = {
    id,
    updatedAt,
    stage: 'open',
    mainOpen: true,
    startedAt: 1000,
    skillId: 'sales',
    participants: [participant(CONSUMER, 'consumer')],
    dialogs: [dialog(id)],
    ...over,
  };
  return { type: 'conversation', snapshot: snap };
}

export function withAgent(...agents: Participant[]): Participant[] {
  return [participant(CONSUMER, 'consumer'), ...agents];
}

type MessageFact = Extract<CoreEvent, { type: 'message' }>;

export function text(dialogId: string, sequence: number, from: string, body: string, over: Partial<MessageFact> = {}): MessageFact {
  return {
    type: 'message',
    conversationId: dialogId,
    dialogId,
    sequence,
    at: 10_000 + sequence * 100,
    originatorId: from,
    originator: from === CONSUMER ? 'consumer' : 'agent',
    body: { kind: 'text', text: body },
    receivedAt: 10_000 + sequence * 100,
    ...over,
  };
}

export function receipt(
  dialogId: string,
  sequence: number,
  from: string,
  status: 'accept' | 'read' | 'action',
  sequences: number[],
  conversationId = dialogId,
): CoreEvent {
  return {
    type: 'receipt',
    conversationId,
    dialogId,
    sequence,
    at: 10_000 + sequence * 100,
    originatorId: from,
    originator: from === CONSUMER ? 'consumer' : 'agent',
    status,
    sequences,
  };
}

export function typing(dialogId: string, from: string, composing: boolean, receivedAt: number): CoreEvent {
  const originator = from === CONSUMER ? 'consumer' : 'agent';
  return { type: 'typing', conversationId: dialogId, dialogId, originatorId: from, originator, composing, receivedAt };
}
