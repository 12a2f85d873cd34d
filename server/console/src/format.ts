// Small display helpers shared by the console's components.
import type { Agent, ConversationSummary, Participant } from './types';

export const time = (ts: number): string =>
  ts > 0 ? new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';

export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export function nameOf(agents: readonly Agent[], id: string): string {
  return agents.find((a) => a.id === id)?.nickname ?? shortId(id);
}

/** A skill for people: LivePerson's "-1" (and none) is no particular skill. */
export const skillName = (skillId: string | undefined): string =>
  !skillId || skillId === '-1' ? 'any skill' : `skill ${skillId}`;

/** Participants of the conversation's MAIN dialog (with their states), else its top-level list. */
export function mainParticipants(c: ConversationSummary): Participant[] {
  const main = c.dialogs.find((d) => d.dialogType === 'MAIN');
  return main && main.participants.length > 0 ? main.participants : c.participants;
}

export const isActive = (p: Participant): boolean => p.state === undefined || p.state === 'ACTIVE';

/** Agents can no longer act once the MAIN dialog is closed (a post-conversation survey may still run). */
export const isEnded = (c: ConversationSummary): boolean => c.queue === 'closed' || c.state === 'CLOSE';

export const inSurvey = (c: ConversationSummary): boolean => c.state === 'CLOSE' && c.stage === 'OPEN';
