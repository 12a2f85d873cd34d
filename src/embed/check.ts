// The connection check (check.html), a page of the frame's origin without React: the loader's host
// side (embed.ts) puts it in a hidden iframe for a returning visitor whose conversation was open,
// instead of the app, so that the launcher's badge and preview come from LivePerson without the
// app's download. It reads the identity the app stored (legacy jwt, v3 external token, or the
// page's `jwt`), and never creates one: its fetch refuses the signup and a fresh
// `anonymous/authorize`, so a visitor without a usable identity costs no signup and no socket.
// Then one socket: InitConnection, cqm.SubscribeExConversations {stage: ['OPEN']} in the same
// flight, and for each open dialog ms.SubscribeMessagingEvents from sequence 0; the unread count
// (unreadCheck.ts) goes to the host after every notification, with the preview and, for a message
// that arrived while it watched, what the launcher's live region says; the socket stays open (GetClock
// as keep-alive, §2.3) until the app replaces the check. A socket that closes is not reopened: the
// badge then stays as it was until the visitor shows intent.
import { decodeConversationChanges } from '../liveperson/decodeConversation';
import { decodeMessagingChanges } from '../liveperson/decodeMessaging';
import { clientProperties } from '../liveperson/clientProperties';
import { normalizeConfig } from '../liveperson/config';
import { endpointsFor, resolveDomains } from '../liveperson/domains';
import { fetchJson, isRecord } from '../liveperson/http';
import { consumerIdOf, createIdentity } from '../liveperson/identity';
import { safeStore } from '../platform/storage';
import { NotificationTypes, RequestTypes } from '../liveperson/wire';
import { currentEmbedding, parentOriginOf } from './frameOrigin';
import { TAG, typeOf, type FrameConfig, type ToFrame, type ToHost } from './protocol';
import { createUnreadCheck } from './unreadCheck';
import { ANNOUNCE_MAX } from './announce';
import { baseLanguage, frameStrings, type LauncherLanguage } from '../ui/i18nLauncher';

const KEEP_ALIVE_MS = 30_000;

const embedding = parentOriginOf(currentEmbedding());
const parentOrigin = 'origin' in embedding ? embedding.origin : '';
const send = (message: ToHost) => window.parent.postMessage(message, parentOrigin);

/** Set when the identity service would have been asked for a new identity: the check never does that. */
let refused = false;

/** fetch, except for the requests that would create an identity (protocol reference §1.2). */
const existingOnly: typeof fetch = (input, init) => {
  const url = String(input);
  const body = typeof init?.body === 'string' ? init.body : '';
  if (/\/signup$/.test(url) || (/\/anonymous\/authorize$/.test(url) && !body.includes('id_token'))) {
    refused = true;
    return Promise.reject(new Error('Parley: the connection check creates no identity'));
  }
  return fetch(input, init);
};

async function run(settings: FrameConfig, hostJwt: boolean): Promise<void> {
  const { jwt, account, csds, domains, connectorId } = settings;
  // The page's getJwt lives in the page: the check does not ask it (the app does, on intent).
  if (jwt === undefined && hostJwt) return;
  const config = normalizeConfig({ account: account ?? '', ...(csds ? { csds } : {}), ...(domains ? { domains } : {}), ...(jwt ? { jwt } : {}), ...(connectorId ? { connectorId } : {}) });
  const ends = endpointsFor(config, await resolveDomains(config, fetch));
  const identity = createIdentity(config, async () => ends.idpBase, { fetch: existingOnly, store: safeStore(), now: Date.now });
  let token: string;
  try {
    token = await identity.token();
  } catch {
    // No usable identity: no conversation to show (the app signs up on the visitor's first message).
    if (refused) send({ tag: TAG, type: 'conversation', open: false });
    return;
  }
  watch(ends.socketUrl, token, consumerIdOf(token), ends.profileBase, baseLanguage(settings.lang));
}

/** What the launcher's live region says of a new message (as announce.ts words it for the app). */
function announcement(language: LauncherLanguage, name: string, full: string): string {
  const text = full.length > ANNOUNCE_MAX ? `${full.slice(0, ANNOUNCE_MAX)}…` : full;
  const strings = frameStrings[language];
  // (Replacer functions: a `$&` in a message is text, not a replacement pattern.)
  return (name ? strings.announceFrom.replace('{name}', () => name) : strings.announce).replace('{text}', () => text);
}

function watch(url: string, token: string, consumerId: string, profileBase: string | undefined, language: LauncherLanguage): void {
  const counter = createUnreadCheck();
  const names: Record<string, string> = {};
  const socket = new WebSocket(url);
  let id = 0;
  let listed = false;
  /**
   * Messaging notifications so far. The first is taken as the history, which is not announced:
   * [INF] the docs say the history comes in "one or more" notifications (§5.1); the stand-in sends
   * it in one (chunks of 500 for longer ones), so a later chunk of a long history could be announced.
   */
  let notifications = 0;
  let sent = -1;
  let text = '';
  const request = (type: string, body?: unknown, extra?: object) => socket.send(JSON.stringify({ kind: 'req', id: String(++id), type, ...(body ? { body } : {}), ...extra }));
  const report = (live: boolean) => {
    const count = counter.count();
    const latest = counter.latest();
    const from = latest ? (names[latest.originatorId] ?? '') : '';
    if (count === sent && (latest?.text ?? '') + from === text) return;
    // A message that arrived while the check watched: the launcher's live region says it.
    const say = live && latest && count > sent ? announcement(language, from, latest.text) : undefined;
    sent = count;
    text = (latest?.text ?? '') + from;
    send({ tag: TAG, type: 'unread', count, ...(latest ? { preview: { from, text: latest.text } } : {}), ...(say ? { say } : {}) });
    if (latest && profileBase && names[latest.originatorId] === undefined) void nameOf(latest.originatorId);
  };
  // The agent's name for the preview, from its public profile (best effort; the app does the same).
  const nameOf = async (participantId: string) => {
    names[participantId] = '';
    try {
      const answer = await fetchJson(fetch, `${profileBase}/configuration/le-users/users/${encodeURIComponent(participantId)}`, { what: 'The agent profile lookup' });
      const name = isRecord(answer) ? [answer.nickname, answer.fullName].find((v) => typeof v === 'string' && v.trim() !== '') : undefined;
      if (typeof name === 'string') names[participantId] = name.trim();
      report(false);
    } catch {
      // no name: the preview shows the text alone
    }
  };
  socket.onopen = () => {
    // Sent without waiting for InitConnection's answer, as LivePerson's own clients do (§2.1).
    request(RequestTypes.InitConnection, undefined, { headers: [clientProperties(), { type: '.ams.headers.ConsumerAuthentication', jwt: token }] });
    request(RequestTypes.SubscribeExConversations, { stage: ['OPEN'] });
  };
  socket.onmessage = (message) => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (!isRecord(frame) || frame.kind !== 'notification' || !isRecord(frame.body)) return;
    const events =
      frame.type === NotificationTypes.ExConversationChange
        ? decodeConversationChanges(frame.body)
        : frame.type === NotificationTypes.MessagingEvent
          ? decodeMessagingChanges(frame.body, { consumerId, receivedAt: Date.now() })
          : undefined;
    if (!events) return;
    for (const [conversationId, dialogId] of counter.take(events)) request(RequestTypes.SubscribeMessagingEvents, { dialogId, conversationId, fromSeq: 0 });
    const live = frame.type === NotificationTypes.MessagingEvent && notifications++ > 0;
    report(live);
    if (frame.type === NotificationTypes.ExConversationChange && (!listed || !counter.open())) {
      // The first snapshot lists the open conversations, even when there is none (§3.1); once none
      // is open, the check is done.
      listed = true;
      send({ tag: TAG, type: 'conversation', open: counter.open() });
      if (!counter.open()) socket.close(1000);
    }
  };
  const keepAlive = setInterval(() => request(RequestTypes.GetClock), KEEP_ALIVE_MS);
  socket.onclose = () => clearInterval(keepAlive);
}

function onMessage(event: MessageEvent): void {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data as ToFrame;
  if (typeOf(data) !== 'init' || data.type !== 'init') return;
  window.removeEventListener('message', onMessage);
  run(data.config, data.hostJwt === true).catch(() => undefined);
}

if ('origin' in embedding) {
  window.addEventListener('message', onMessage);
  send({ tag: TAG, type: 'ready' });
}
