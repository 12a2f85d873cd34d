// LivePerson Messaging Window API (consumer, v3) wire types.
// Shared by the widget's client and by the stand-in server. These describe what is *sent*;
// what is *received* from the network is `unknown` until a tolerant decoder has looked at it.
// See ../shared/reference/liveperson-protocol.md (§2 envelope, §3 conversations, §5 events).

export type ReqId = string;

export interface Request<T extends string = string, B = unknown> {
  kind: 'req';
  id: ReqId | number;
  type: T;
  body?: B;
  headers?: Header[];
  metadata?: Metadata[];
}

export interface Response<B = unknown> {
  kind: 'resp';
  reqId: ReqId;
  code: number;
  type: string;
  body?: B;
}

export interface Notification<B = unknown> {
  kind: 'notification';
  type: string;
  body: B;
}

export type Frame = Request | Response | Notification;

// ---- headers (InitConnection) ----
export type Feature =
  | 'CO_BROWSE'
  | 'CO_APP'
  | 'PHOTO_SHARING'
  | 'SECURE_FORMS'
  | 'AUTO_MESSAGES'
  | 'RICH_CONTENT'
  | 'QUICK_REPLIES'
  | 'MULTI_DIALOG'
  | 'FILE_SHARING'
  | 'MARKDOWN_HYPERLINKS';

export interface ClientPropertiesHeader {
  type: '.ams.headers.ClientProperties';
  appId?: string;
  appVersion?: string;
  deviceFamily?: 'DESKTOP' | 'TABLET' | 'MOBILE' | 'OTHER';
  os?: 'WINDOWS' | 'LINUX' | 'OSX' | 'ANDROID' | 'IOS' | 'OTHER';
  integration?: 'WEB_SDK' | 'MOBILE_SDK' | 'BRAND_SDK';
  integrationVersion?: string;
  browser?: string;
  timeZone?: string;
  features?: Feature[];
}

export interface ConsumerAuthenticationHeader {
  type: '.ams.headers.ConsumerAuthentication';
  jwt: string;
}

export type Header = ClientPropertiesHeader | ConsumerAuthenticationHeader;

// ---- metadata ----
export type Metadata =
  | { type: 'ExternalId'; id: string }
  | { type: 'ActionReason'; reason?: string; reasonId?: string }
  | { type: 'Answer'; questionId?: string; id?: string; provider?: string; groupId?: string }
  | { type: string; [k: string]: unknown };

// ---- conversation metadata ----
export type ConvState = 'OPEN' | 'CLOSE';
export type Role = 'CONSUMER' | 'ASSIGNED_AGENT' | 'AGENT' | 'MANAGER' | 'READER' | 'CONTROLLER';
export type ParticipantState = 'ACTIVE' | 'SUGGESTED';
export type CloseReason = 'CONSUMER' | 'AGENT' | 'SYSTEM' | 'TIMEOUT';
export type TtrType = 'CUSTOM' | 'NORMAL' | 'PRIORITIZED' | 'URGENT';

export interface WireParticipant {
  id: string;
  role: Role;
}

export interface WireDialog {
  dialogId: string;
  participantsDetails: Array<{ id: string; role: Role; state?: ParticipantState }>;
  dialogType: 'MAIN' | 'POST_SURVEY' | 'OTHER';
  channelType: 'MESSAGING' | 'COBROWSE';
  state: ConvState;
  creationTs: number;
  endTs?: number;
  metaDataLastUpdateTs: number;
  closedBy?: 'CONSUMER' | 'AGENT';
  closedCause?: string;
  metaData?: Record<string, unknown>;
}

export interface ConversationDetails {
  participants: WireParticipant[];
  dialogs: WireDialog[];
  brandId: string;
  skillId: string;
  state: ConvState;
  stage: ConvState;
  closeReason?: CloseReason;
  startTs: number;
  endTs?: number;
  metaDataLastUpdateTs: number;
  ttr: { ttrType: TtrType; value: number };
  csat?: { field?: 'CSATRate'; csatRate: number; csatResolutionConfirmation?: boolean; status: 'FILLED' | 'PARTIALLY_FILLED' | 'SKIPPED' };
}

export interface ExConversationChange {
  type: 'UPSERT' | 'DELETE';
  result: {
    convId: string;
    effectiveTTR?: number;
    lastUpdateTime?: number;
    conversationDetails: ConversationDetails;
  };
}

export interface ExConversationChangeNotificationBody {
  subscriptionId: string;
  changes: ExConversationChange[];
}

// ---- messaging events ----
export type WireChatState = 'ACTIVE' | 'INACTIVE' | 'GONE' | 'COMPOSING' | 'PAUSE';
export type AcceptStatus = 'ACCEPT' | 'READ' | 'ACTION' | 'ACCESS' | 'NACK';

export interface QuickReply {
  type: 'button';
  title: string;
  tooltip?: string;
  click?: { metadata?: Metadata[]; actions?: Array<{ type: 'publishText'; text: string } | { type: string; [k: string]: unknown }> };
}

export interface ContentEvent {
  type: 'ContentEvent';
  contentType: string; // 'text/plain' | 'hosted/file' | ...
  message: string | Record<string, unknown>;
  quickReplies?: { type: 'quickReplies'; itemsPerRow?: number; replies: QuickReply[] };
}

/** A `hosted/file` ContentEvent's message (ms/HostedFile.json): a file in LivePerson's storage (swift). */
export interface HostedFileMessage {
  caption: string;
  relativePath: string;
  fileType: string;
  /** A data URL thumbnail under 30 KB (protocol reference §7). */
  preview?: string;
}

export interface RichContentEvent {
  type: 'RichContentEvent';
  content: Record<string, unknown>; // docs and real traffic: `content` (the schema says `message`)
}

export interface AcceptStatusEvent {
  type: 'AcceptStatusEvent';
  status: AcceptStatus;
  sequenceList: number[];
}

export interface ChatStateEvent {
  type: 'ChatStateEvent';
  chatState: WireChatState;
}

export type MessagingEvent = ContentEvent | RichContentEvent | AcceptStatusEvent | ChatStateEvent;

export interface MessagingEventChange {
  sequence?: number; // absent for ChatStateEvent
  originatorId: string;
  originatorMetadata?: { id: string; role: Role };
  serverTimestamp?: number; // absent for ChatStateEvent
  event: MessagingEvent;
  conversationId?: string;
  dialogId: string;
  messageAudience?: 'ALL' | 'AGENTS_AND_MANAGERS';
  metadata?: Metadata[];
}

export interface MessagingEventNotificationBody {
  changes: MessagingEventChange[];
}

// ---- request bodies ----
export interface SubscribeExConversationsBody {
  convState?: ConvState[];
  stage?: ConvState[];
  minLastUpdatedTime?: number;
}

export interface SubscribeMessagingEventsBody {
  dialogId: string;
  conversationId?: string;
  fromSeq?: number;
}

export interface PublishEventBody {
  dialogId: string;
  conversationId?: string;
  event: MessagingEvent;
}

export interface ConsumerRequestConversationBody {
  brandId?: string;
  skillId?: string;
  ttrDefName?: 'NORMAL' | 'URGENT' | 'PRIORITIZED' | null;
  channelType?: 'MESSAGING';
  conversationContext?: Record<string, unknown>;
  campaignInfo?: { campaignId: number | string; engagementId: number | string };
}

export type ConversationField =
  | { field: 'ConversationStateField'; conversationState: ConvState }
  | { field: 'Stage'; conversationState: ConvState }
  | { field: 'DialogChange'; type: 'UPDATE'; dialog: { dialogId: string; state: ConvState; closedCause?: string } }
  | { field: 'TTRField'; ttrType: TtrType; value: number }
  | { field: 'CSATRate'; csatRate: number; csatResolutionConfirmation?: boolean; status: 'FILLED' | 'PARTIALLY_FILLED' | 'SKIPPED' };

export interface UpdateConversationFieldBody {
  conversationId: string;
  conversationField: ConversationField | ConversationField[];
}

/** Request type names the consumer API uses (v3 short aliases). */
export const RequestTypes = {
  InitConnection: 'InitConnection',
  GetClock: 'GetClock',
  KeepAlive: 'KeepAlive',
  SubscribeExConversations: 'cqm.SubscribeExConversations',
  UnsubscribeExConversations: 'cqm.UnsubscribeExConversations',
  ConsumerRequestConversation: 'cm.ConsumerRequestConversation',
  UpdateConversationField: 'cm.UpdateConversationField',
  SubscribeMessagingEvents: 'ms.SubscribeMessagingEvents',
  UnsubscribeMessagingEvents: 'ms.UnsubscribeMessagingEvents',
  PublishEvent: 'ms.PublishEvent',
  GenerateURLForUploadFile: 'ms.GenerateURLForUploadFile',
  GenerateURLForDownloadFile: 'ms.GenerateURLForDownloadFile',
} as const;

export const NotificationTypes = {
  ExConversationChange: 'cqm.ExConversationChangeNotification',
  MessagingEvent: 'ms.MessagingEventNotification',
} as const;

/** WebSocket close codes with a protocol meaning (protocol-overview). */
export const CloseCodes = {
  /** A fresh token is needed (missing or expired authenticated token). */
  TokenExpired: 4401,
  /** The unauthenticated identity expired: v3 refreshes it at the IdP; a legacy signup cannot be refreshed (a new visitor). */
  AnonymousIdentityExpired: 4407,
} as const;
