// Validates Parley's and the stand-in's WebSocket frames against LivePerson's own JSON schemas
// (draft-04), read at run time from ../shared/lp-schemas. Those files may be read, never copied:
// nothing from them is stored in this repository. Where LivePerson's docs and real traffic deviate
// from the schemas, SCHEMA_EXCEPTIONS lists the deviation once, with its reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';

const repoRoot = path.resolve(import.meta.dirname, '..');
export const SCHEMA_DIR = path.resolve(repoRoot, '..', 'shared', 'lp-schemas');
const BASE = 'https://lp-schemas.invalid/';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Whether LivePerson's schemas are at `dir`. Without them the checks warn and skip, except in CI
 * (`CI=true`), where a missing folder is an error: a green CI run must mean the frames were checked.
 */
export function schemaPresence(dir: string, env: Record<string, string | undefined>): boolean {
  const present = existsSync(path.join(dir, 'ws', 'consumerRequests.json')) && existsSync(path.join(dir, 'ws', 'agentRequests.json'));
  if (!present && env.CI === 'true') {
    throw new Error(`LivePerson schemas not found at ${dir}, and CI=true: the schema checks cannot be skipped in CI. Put LivePerson's schemas (developer-center assets/schema) at ../shared/lp-schemas.`);
  }
  return present;
}

export function schemasAvailable(): boolean {
  return schemaPresence(SCHEMA_DIR, process.env);
}

export interface SchemaException {
  id: string;
  /** Which frames it concerns: sent by the consumer (`client`) or by the server. */
  direction: 'client' | 'server';
  reason: string;
  /** Rewrites (a copy of) the frame into what the schema expects. */
  adjust?: (frame: Obj) => void;
  /** Validates the frame with this schema (path under lp-schemas) instead of the ws/* union. */
  schema?: (frame: Obj) => string | undefined;
}

const SCHEMA_FEATURES = new Set(['CO_BROWSE', 'CO_APP', 'PHOTO_SHARING', 'SECURE_FORMS', 'AUTO_MESSAGES', 'RICH_CONTENT']);
const WIDER_FILE_TYPES = new Set(['PDF', 'DOCX', 'XLSX', 'PPTX']);
const SCHEMA_METADATA = new Set(['ActionReason', 'BotResponse', 'IBMWatsonInfo', 'ExternalId']);
const SCHEMA_ROLES = new Set(['CONSUMER', 'ASSIGNED_AGENT', 'MANAGER']);
const body = (f: Obj): Obj => (isObj(f.body) ? f.body : {});
const wrap = (o: Obj, key: string) => {
  if (o[key] !== undefined && !Array.isArray(o[key])) o[key] = [o[key]];
};
const moveContent = (e: Obj) => {
  e.message = e.content;
  delete e.content;
};
const exChanges = (f: Obj): Obj[] => (f.type === 'cqm.ExConversationChangeNotification' ? asList(body(f).changes).filter(isObj) : []);
const msChanges = (f: Obj): Obj[] => (f.type === 'ms.MessagingEventNotification' ? asList(body(f).changes).filter(isObj) : []);

export const SCHEMA_EXCEPTIONS: readonly SchemaException[] = [
  { id: 'numeric-request-id', direction: 'client', reason: 'The tutorials send numeric ids ("id":1); servers echo them as strings.',
    adjust: (f) => void (typeof f.id === 'number' && (f.id = String(f.id))) },
  { id: 'single-element-arrays', direction: 'client', reason: 'Protocol overview: a one-element array may be sent as the element itself (conversationField, convState, stage, sequenceList, headers, metadata).',
    adjust: (f) => {
      for (const k of ['headers', 'metadata']) wrap(f, k);
      const b = body(f);
      for (const k of ['convState', 'stage', 'conversationField']) wrap(b, k);
      if (isObj(b.event)) wrap(b.event, 'sequenceList');
    } },
  { id: 'client-properties-alias', direction: 'client', reason: 'The Client-Properties header and the PCS tutorial use type ".ClientProperties".',
    adjust: (f) => asList(f.headers).filter(isObj).forEach((h) => void (h.type === '.ClientProperties' && (h.type = '.ams.headers.ClientProperties'))) },
  { id: 'client-features', direction: 'client', reason: 'Tutorials and LP\'s own web window announce QUICK_REPLIES, MULTI_DIALOG, FILE_SHARING, MARKDOWN_HYPERLINKS; the schema enum lists 6 features.',
    adjust: (f) => asList(f.headers).filter(isObj).forEach((h) => void (Array.isArray(h.features) && (h.features = h.features.filter((x) => SCHEMA_FEATURES.has(String(x)))))) },
  { id: 'survey-metadata', direction: 'client', reason: 'PCS tutorial: quick-reply clicks carry Answer/Question metadata, which Metadata.json does not list.',
    adjust: (f) => void (Array.isArray(f.metadata) && (f.metadata = f.metadata.filter((m) => !isObj(m) || SCHEMA_METADATA.has(String(m.type))))) },
  { id: 'rich-content-content', direction: 'client', reason: 'Real RichContentEvents (LP SDK examples, messaging-window-sdk) carry `content`; the schema says `message`.',
    adjust: (f) => {
      const e = body(f).event;
      if (isObj(e) && e.type === 'RichContentEvent' && e.content !== undefined) moveContent(e);
    } },
  { id: 'pcs-conversation-fields', direction: 'client', reason: 'PCS tutorial: {field:"Stage"} has StateChange\'s shape under another name; DialogChange is not in the schema (checked by the stand-in instead).',
    adjust: (f) => {
      const b = body(f);
      if (!Array.isArray(b.conversationField)) return;
      b.conversationField = b.conversationField
        .filter((x) => !isObj(x) || x.field !== 'DialogChange')
        .map((x) => (isObj(x) && x.field === 'Stage' ? { ...x, field: 'ConversationStateField' } : x));
    } },
  { id: 'wider-file-types', direction: 'client', reason: 'Accounts with the wider file sharing (FILE_SHARING, protocol reference §7 [INF]) take PDF, DOCX, XLSX and PPTX; the upload schema lists only JPG, PNG, GIF, JPEG, HostedFile.json only IMG, JPG, PNG, GIF, TXT, PDF.',
    adjust: (f) => {
      const b = body(f);
      if (f.type === 'ms.GenerateURLForUploadFile' && WIDER_FILE_TYPES.has(String(b.fileType))) b.fileType = 'PNG';
      const e = isObj(b.event) ? b.event : undefined;
      if (e?.contentType === 'hosted/file' && isObj(e.message) && WIDER_FILE_TYPES.has(String(e.message.fileType)) && e.message.fileType !== 'PDF') e.message.fileType = 'PDF';
    } },
  { id: 'undocumented-consumer-requests', direction: 'client', reason: 'GetClock/KeepAlive (protocol overview, OAI yaml) and ms.UnsubscribeMessagingEvents are not in ws/consumerRequests.json: checked as plain requests.',
    schema: (f) => (['GetClock', 'KeepAlive', 'ms.UnsubscribeMessagingEvents'].includes(String(f.type)) ? 'infra/keepAlive.json' : undefined) },
  { id: 'get-clock-response', direction: 'server', reason: 'The GetClock response ({currentTime}, node-agent-sdk README; "GetClockResponse" in a v3 client) is not in ws/consumerResponses.json: checked as a plain response.',
    schema: (f) => (f.kind === 'resp' && (f.type === '.GetClock$Response' || f.type === 'GetClockResponse') ? 'infra/resp.json' : undefined) },
  { id: 'participants-pid', direction: 'server', reason: 'The conversation-metadata tutorial\'s older format carries participantsPId (role → ids), possibly instead of participants: checked as the participants it names.',
    adjust: (f) => exChanges(f).forEach((c) => {
      const d = isObj(c.result) && isObj(c.result.conversationDetails) ? c.result.conversationDetails : undefined;
      if (!d || d.participants !== undefined || !isObj(d.participantsPId)) return;
      d.participants = Object.entries(d.participantsPId).flatMap(([role, ids]) => asList(ids).map((id) => ({ id, role })));
    }) },
  { id: 'chat-state-change', direction: 'server', reason: 'PCS tutorial / node-agent-sdk: ChatStateEvent notifications carry no sequence and no serverTimestamp.',
    adjust: (f) => msChanges(f).forEach((c) => {
      if (isObj(c.event) && c.event.type === 'ChatStateEvent') Object.assign(c, { sequence: c.sequence ?? 0, serverTimestamp: c.serverTimestamp ?? 0 });
    }) },
  { id: 'rich-content-content-notification', direction: 'server', reason: 'As for requests: RichContentEvent carries `content`, not `message`.',
    adjust: (f) => msChanges(f).forEach((c) => {
      const e = c.event;
      if (isObj(e) && e.type === 'RichContentEvent' && e.content !== undefined) moveContent(e);
    }) },
  { id: 'participant-roles', direction: 'server', reason: 'PCS tutorial: participants include AGENT (survey bot), READER, CONTROLLER; the schema enum lists 3 roles.',
    adjust: (f) => exChanges(f).forEach((c) => {
      const d = isObj(c.result) && isObj(c.result.conversationDetails) ? c.result.conversationDetails : undefined;
      if (d && Array.isArray(d.participants)) d.participants = d.participants.filter((p) => !isObj(p) || SCHEMA_ROLES.has(String(p.role)));
    }) },
];

// ---- loading ----

const JSON_TYPES = new Set(['array', 'boolean', 'integer', 'number', 'null', 'object', 'string']);

/** Tolerates what the published files get wrong: type "Long"/"any"/…, case-broken relative $refs. */
function preprocess(node: unknown, dir: string, files: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => preprocess(n, dir, files));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type' && v === 'Long') out[k] = 'integer';
    else if (k === 'required' && Array.isArray(v) && v.length === 0) continue; // draft-04 wants minItems 1
    else if (k === 'type' && typeof v === 'string' && !JSON_TYPES.has(v)) continue; // "any", and data-like values in userprofile/*
    else if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
      const [file = '', frag] = v.split('#');
      const target = path.posix.normalize(path.posix.join(dir, file));
      const fixed = files.has(target) ? target : [...files].find((x) => x.toLowerCase() === target.toLowerCase()) ?? target;
      out[k] = `${BASE}${fixed}${frag !== undefined ? `#${frag}` : ''}`;
    } else out[k] = preprocess(v, dir, files);
  }
  return out;
}

function listJson(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listJson(dir, r) : e.name.endsWith('.json') ? [r] : [];
  });
}

interface Validators {
  ajv: Ajv;
  byFile: (file: string, pointer?: string) => ValidateFunction;
  requests: Map<string, string>;
  notifications: Map<string, string>;
  responses: Map<string, string>;
}

const RESPONSE_TITLES: Record<string, string> = {
  'cm.RequestConversationResponse': 'RequestConversationResponse',
  '.ReqBody$StringResp': 'StringResp',
  'ms.PublishEventResponse': 'PublishEventResponse',
  GenericSubscribeResponse: 'GenericSubscribeResponse',
  'cqm.SubscribeExConversationsResponse': 'SubscribeExConversationsResponse',
  'ms.GenerateURLResponse': 'GenerateURLResponse',
  // The other names the docs show (protocol reference §2.7; the stand-in's responseTypes: 'variants').
  StringResponse: 'StringResp',
  '.ams.GenericSubscribeResponse': 'GenericSubscribeResponse',
};

let loaded: Validators | undefined;

/** The branches of a ws/* union (anyOf or oneOf): by request type name, and by `title:<title>`. */
export function branches(file: string): Map<string, string> {
  const out = new Map<string, string>();
  const schema: unknown = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
  const key = isObj(schema) && schema.oneOf !== undefined ? 'oneOf' : 'anyOf';
  asList(isObj(schema) ? schema[key] : undefined).forEach((b, i) => {
    if (!isObj(b)) return;
    const props = asList(b.allOf).filter(isObj).map((x) => (isObj(x.properties) && isObj(x.properties.type) ? x.properties.type : undefined));
    for (const t of props) for (const name of asList(t?.enum)) out.set(String(name), `/${key}/${i}`);
    if (typeof b.title === 'string') out.set(`title:${b.title}`, `/${key}/${i}`);
  });
  return out;
}

function load(): Validators {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const files = listJson(SCHEMA_DIR);
  const set = new Set(files);
  for (const f of files) {
    const raw: unknown = JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
    const schema = preprocess(raw, path.posix.dirname(f), set) as Obj;
    delete schema.$schema;
    ajv.addSchema({ ...schema, id: `${BASE}${f}` });
  }
  const cache = new Map<string, ValidateFunction>();
  const byFile = (file: string, pointer = '') => {
    const key = `${BASE}${file}#${pointer}`;
    let v = cache.get(key);
    if (!v) cache.set(key, (v = ajv.compile({ $ref: key })));
    return v;
  };
  loaded = { ajv, byFile, requests: branches('ws/consumerRequests.json'), notifications: branches('ws/consumerNotifications.json'), responses: branches('ws/consumerResponses.json') };
  return loaded;
}

// ---- validating ----

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);

/** The compiled schema of a file under lp-schemas (at a JSON pointer). */
export const schemaAt = (file: string, pointer?: string): ValidateFunction => load().byFile(file, pointer);

/** Errors of a frame after the exceptions of its direction; `pick` names the schema (or an error text). */
export function validateWith(
  exceptions: readonly SchemaException[],
  frame: unknown,
  direction: 'client' | 'server',
  pick: (f: Obj) => ValidateFunction | string,
): string[] {
  if (!isObj(frame)) return ['/ frame is not a JSON object'];
  const copy = structuredClone(frame);
  const own = exceptions.filter((x) => x.direction === direction);
  for (const x of own) x.adjust?.(copy);
  const v = load();
  const override = own.map((x) => x.schema?.(copy)).find((s) => s !== undefined);
  const fn = override ? v.byFile(override) : pick(copy);
  if (typeof fn === 'string') return [fn];
  return fn(copy) ? [] : describe(fn.errors);
}

/** Errors of a frame the consumer sends (empty when valid). */
export function validateClientFrame(frame: unknown): string[] {
  return validateWith(SCHEMA_EXCEPTIONS, frame, 'client', (f) => {
    const v = load();
    const pointer = v.requests.get(String(f.type));
    return pointer ? v.byFile('ws/consumerRequests.json', pointer) : `/type unknown request type ${JSON.stringify(f.type)}`;
  });
}

/** Errors of a response or notification the server sends (empty when valid). */
export function validateServerFrame(frame: unknown): string[] {
  return validateWith(SCHEMA_EXCEPTIONS, frame, 'server', (f) => {
    const v = load();
    if (f.kind === 'notification') {
      const pointer = v.notifications.get(String(f.type));
      return pointer ? v.byFile('ws/consumerNotifications.json', pointer) : `/type unknown notification type ${JSON.stringify(f.type)}`;
    }
    if (f.kind !== 'resp') return `/kind must be "resp" or "notification"`;
    const title = RESPONSE_TITLES[String(f.type)];
    const pointer = title ? v.responses.get(`title:${title}`) : undefined;
    return v.byFile('ws/consumerResponses.json', pointer ?? '');
  });
}
