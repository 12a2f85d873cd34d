// Agent names for the join banner: a best-effort lookup of each agent's public profile
// (`{acCdnDomain}/api/account/{account}/configuration/le-users/users/{id}`), fed to core as
// `profile` events. Failures are ignored: the UI falls back to "Agent".
import { currentConversation } from '../core/conversation';
import type { ChatStore } from '../core/store';
import { fetchJson, isRecord, type FetchLike } from './http';

export function createProfileLookup(deps: { store: ChatStore; fetch: FetchLike; profileBase: () => string | undefined; stopped: AbortSignal }) {
  const asked = new Set<string>();

  const lookUp = async (participantId: string) => {
    const url = `${deps.profileBase() ?? ''}/configuration/le-users/users/${encodeURIComponent(participantId)}`;
    const answer = await fetchJson(deps.fetch, url, { what: 'The agent profile lookup' });
    if (!isRecord(answer) || deps.stopped.aborted) return;
    const name = [answer.nickname, answer.fullName].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (!name) return;
    const picture = answer.pictureUrl;
    const avatarUrl = typeof picture === 'string' && /^https?:\/\//.test(picture) ? picture : undefined;
    deps.store.dispatch([{ type: 'profile', participantId, name: name.trim(), ...(avatarUrl ? { avatarUrl } : {}) }]);
  };

  return {
    /** Looks up agents of the current conversation that were not looked up yet. */
    lookUpNewAgents(): void {
      if (!deps.profileBase() || deps.stopped.aborted) return;
      const snap = currentConversation(deps.store.state);
      if (!snap) return;
      const people = [...snap.participants, ...snap.dialogs.flatMap((d) => d.participants)];
      for (const p of people) {
        if (p.role === 'consumer' || p.role === 'system' || asked.has(p.id)) continue;
        asked.add(p.id);
        lookUp(p.id).catch(() => undefined);
      }
    },
  };
}
