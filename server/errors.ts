// Every text the stand-in answers with, in one place, so tests and clients never hard-code them.
// WebSocket error bodies are StringResp bodies: at most 128 characters (infra/stringRespBody.json).

const MAX = 128;

/** Cuts a text to the StringResp limit. */
export function clip(text: string): string {
  return text.length <= MAX ? text : `${text.slice(0, MAX - 1)}…`;
}

export const Texts = {
  // ---- successful StringResp bodies ----
  connectionInitialized: 'OK Connection initialized',
  keepAlive: 'OK',
  unsubscribed: 'OK Unsubscribed successfully',
  conversationResolved: 'OK Conversation resolved successfully',
  dialogClosed: 'OK Dialog closed successfully',
  ttrUpdated: 'OK TTR updated successfully',
  csatUpdated: 'OK CSAT rate updated successfully',
  // ---- agent side (node-agent-sdk README) ----
  agentStateUpdated: 'Agent state updated successfully',
  ringStateUpdated: 'Ring state updated successfully',
  agentAdded: 'OK Agent added successfully',
  agentRemoved: 'OK Agent removed successfully',
} as const;

export const Errors = {
  // ---- framing ----
  malformedJson: 'Malformed JSON',
  notAnObject: 'A frame must be a JSON object',
  missingId: 'A request needs an id (string or number)',
  missingType: 'A request needs a type (string)',
  unsupportedKind: (kind: string) => clip(`Unsupported kind: ${kind}`),
  unknownType: (type: string) => clip(`Unknown request type: ${type}`),
  badField: (field: string, expected: string) => clip(`Invalid ${field}: expected ${expected}`),
  tooDeep: (max: number) => `The request is nested deeper than ${max} levels`,
  // ---- auth ----
  notAuthenticated: 'Not authenticated: send InitConnection with a ConsumerAuthentication header first',
  otherConsumer: 'The connection is already authenticated as another consumer',
  // ---- conversations ----
  alreadyOpen: (conversationId: string) => clip(`Consumer already has an open conversation: ${conversationId}`),
  unknownConversation: (id: string) => clip(`Unknown conversation: ${id}`),
  notYourConversation: 'The conversation belongs to another consumer',
  alreadyClosed: 'The conversation is already closed',
  unknownDialog: (id: string) => clip(`Unknown dialog: ${id}`),
  dialogClosed: 'The dialog is closed',
  dialogNotInConversation: 'The dialog does not belong to this conversation',
  urgentNotAllowed: 'The account does not let consumers mark a conversation urgent',
  unsupportedField: (field: string) => clip(`Unsupported conversationField: ${field}`),
  duplicateField: (field: string) => clip(`conversationField names ${field} more than once`),
  unknownSequence: (seq: number) => clip(`sequenceList names no existing event: ${seq}`),
  unknownSubscription: (id: string) => clip(`Unknown subscription: ${id}`),
  // ---- faults ----
  injected: (code: number) => (code === 429 ? 'Too many requests (injected fault)' : 'Internal server error (injected fault)'),
  internal: 'Internal server error',
  authRefused: 'Authentication refused (injected fault)',
  // ---- HTTP (identity and control API) ----
  notFound: 'Not found',
  methodNotAllowed: 'Method not allowed',
  bodyTooLarge: 'Request body too large',
  badJson: 'The request body must be JSON',
  badAccount: 'Invalid account id',
  badToken: 'Invalid token',
  missingAuthCode: 'authCode (string) is required',
  missingIdToken: 'id_token (string) is required',
  notExternalToken: 'id_token is not an unauthenticated external token of this account',
  externalExpired: 'id_token has expired: refresh it at anonymous/authorize',
  refreshWindowOver: 'id_token can no longer be refreshed',
  badConnector: 'Unknown connector id',
  badApiVersion: 'Unsupported API version (v=3.0 is required)',
  badCallback: 'callback must be a JavaScript identifier (dots allowed, at most 128 characters)',
  unknownAgent: (id: string) => clip(`Unknown agent: ${id}`),
  alreadyAssigned: (id: string) => clip(`The conversation is already assigned to ${id}`),
  noAssignedAgent: 'No agent is assigned to this conversation',
  agentNotInConversation: (name: string) => clip(`Agent ${name} is not in this conversation`),
  notManager: (name: string) => clip(`${name} is not a manager`),
  badCloseCode: 'code must be 1000-1003, 1007-1014 or 3000-4999',
  // ---- agent side (server/agent) ----
  loginFailed: 'Authentication failed: wrong username or password',
  sessionUnauthorized: 'session unauthorized',
  badBearer: 'Invalid or expired agent session',
  unknownRing: (id: string) => clip(`Unknown ring: ${id}`),
  ringTaken: 'The conversation was already taken',
  unknownConsumer: (id: string) => clip(`Unknown consumer: ${id}`),
  agentNotInDialog: 'Agent does not exist in conversation',
  unsupportedParticipantsChange: (what: string) => clip(`Unsupported ParticipantsChange: ${what}`),
} as const;

/** WebSocket close codes the stand-in uses. */
export const Close = {
  normal: 1000,
  unsupportedData: 1003,
  tooBig: 1009,
  tokenExpired: 4401,
  anonymousExpired: 4407,
} as const;

export const CloseReasons = {
  authTimeout: 'No authentication received in time',
  badToken: 'Invalid or expired token',
  otherConsumer: 'Token of another consumer',
  expired: 'Token expired',
  idle: 'Idle timeout',
  binary: 'Binary frames are not supported',
  shutdown: 'Server shutting down',
} as const;

/** reqId used when a frame could not be parsed far enough to find its id. */
export const UNKNOWN_REQ_ID = 'unknown';

/** A request refused with a 4xx/5xx code; WebSocket handlers and HTTP routes turn it into their error shape. */
export class Refusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(clip(message));
  }
}
