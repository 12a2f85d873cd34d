// Agent names (for the join banner) and pictures: a best-effort lookup of each agent's public profile
// (`{acCdnDomain}/api/account/{account}/configuration/le-users/users/{id}`), fed to core as
// `profile` events. Failures are ignored: the UI falls back to "Agent".
import { currentConversation } from '../core/conversation';
import type { ChatState } from '../core/state';
import type { ChatStore } from '../core/store';
import { fetchJson, isRecord, type FetchLike } from './http';

/** The longest picture URL kept (a data: URL holds the picture itself; a small avatar needs far less). */
export const PICTURE_URL_MAX = 64 * 1024;

/** The agent's picture: an https URL or a data:image/* URL (a small picture inline); anything else is dropped. */
export function pictureOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > PICTURE_URL_MAX) return undefined;
  return /^https:\/\/[^\s]+$/i.test(raw) || /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(raw) ? raw : undefined;
}

/** How many of the newest earlier conversations get their agent's name looked up. */
export const EARLIER_NAMED = 20;

export function createProfileLookup(deps: { store: ChatStore; fetch: FetchLike; profileBase: () => string | undefined; stopped: AbortSignal }) {
  const asked = new Set<string>();
  /** The conversation snapshots last looked at. */
  let lookedAt: ChatState['snapshots'] | undefined;

  const lookUp = async (participantId: string) => {
    const url = `${deps.profileBase() ?? ''}/configuration/le-users/users/${encodeURIComponent(participantId)}`;
    const answer = await fetchJson(deps.fetch, url, { what: 'The agent profile lookup' });
    if (!isRecord(answer) || deps.stopped.aborted) return;
    const name = [answer.nickname, answer.fullName].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (!name) return;
    const avatarUrl = pictureOf(answer.pictureUrl);
    deps.store.dispatch([{ type: 'profile', participantId, name: name.trim(), ...(avatarUrl ? { avatarUrl } : {}) }]);
  };

  return {
    /**
     * Looks up agents of the current conversation that were not looked up yet. Who they are comes
     * from the conversation snapshots alone, so nothing is read again until those changed: a
     * message (most changes) costs nothing here, and never forces the view to be computed.
     */
    lookUpNewAgents(): void {
      if (!deps.profileBase() || deps.stopped.aborted) return;
      const { snapshots } = deps.store.state;
      if (snapshots === lookedAt) return;
      lookedAt = snapshots;
      const snap = currentConversation(deps.store.state);
      const people = snap ? [...snap.participants, ...snap.dialogs.flatMap((d) => d.participants)].filter((p) => p.role !== 'consumer' && p.role !== 'system').map((p) => p.id) : [];
      // The agents of the newest earlier conversations, as their list shows them (not all of a long history).
      for (const e of deps.store.getSnapshot().chat.earlier?.slice(0, EARLIER_NAMED) ?? []) if (e.agentId !== undefined) people.push(e.agentId);
      for (const id of people) {
        if (asked.has(id)) continue;
        asked.add(id);
        lookUp(id).catch(() => undefined);
      }
    },
  };
}
