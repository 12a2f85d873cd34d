// What real LivePerson sends that the stand-in's defaults leave out, switched on per account
// (Settings; all off by default) so that tests can prove the widget copes with it:
//   participantsFormat  the older `participantsPId` map (role → ids; the conversation-metadata tutorial,
//                       the agent v2 API) beside `participants`, or instead of it (protocol reference §3.4, §13.3);
//   closedRetentionMs   closed conversations age out of the stream ("removed from the stream after a
//                       reasonable period of time", §3.2): a DELETE to every subscription that held them;
//   responseTypes       'variants': the other response `type` names the docs show (§2.7, §13.3);
//   notificationsFirst  the notifications a request causes go out before its response (§13.9).
// Numeric request ids are always echoed as strings (§2.5): that is what LivePerson does, not a variant.
import type { ConversationDetails, Role } from '../../src/liveperson/wire';
import { RequestTypes } from '../../src/liveperson/wire';
import type { Conversation } from './model';

export type ParticipantsFormat = 'participants' | 'both' | 'participantsPId';
export const PARTICIPANTS_FORMATS: readonly ParticipantsFormat[] = ['participants', 'both', 'participantsPId'];
export type ResponseTypes = 'documented' | 'variants';
export const RESPONSE_TYPES: readonly ResponseTypes[] = ['documented', 'variants'];

/** The conversation details in the older format: `participants` may be missing, `participantsPId` maps role → ids. */
export type ParticipantsVariant = Omit<ConversationDetails, 'participants'> & {
  participants?: ConversationDetails['participants'];
  participantsPId?: Partial<Record<Role, string[]>>;
};

export function withParticipantsFormat(details: ConversationDetails, format: ParticipantsFormat): ParticipantsVariant {
  if (format === 'participants') return details;
  const participantsPId: Partial<Record<Role, string[]>> = {};
  for (const p of details.participants) (participantsPId[p.role] ??= []).push(p.id);
  if (format === 'both') return { ...details, participantsPId };
  const { participants: _omitted, ...rest } = details;
  return { ...rest, participantsPId };
}

/** The other names the docs show for a successful response's `type` (a client must not switch on it). */
const TYPE_VARIANTS: Readonly<Record<string, string>> = {
  GenericSubscribeResponse: '.ams.GenericSubscribeResponse', // get-messages tutorial
  '.GetClock$Response': 'GetClockResponse', // a v3 client [3P]
};

export function responseTypeFor(type: string, requestType: string, responseTypes: ResponseTypes): string {
  if (responseTypes === 'documented') return type;
  // The PCS tutorial: {"type":"StringResponse","body":"OK Conversation resolved successfully"}.
  if (requestType === RequestTypes.UpdateConversationField && type === '.ReqBody$StringResp') return 'StringResponse';
  return TYPE_VARIANTS[type] ?? type;
}

/** When a closed conversation has aged out of the stream (undefined: it has not closed, or retention is off). */
export function agedOutAt(conv: Conversation, closedRetentionMs: number): number | undefined {
  if (closedRetentionMs <= 0 || conv.stage !== 'CLOSE') return undefined;
  return (conv.endTs ?? conv.metaDataLastUpdateTs) + closedRetentionMs;
}
