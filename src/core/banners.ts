// Banner rows derived from consecutive snapshots of one conversation (sorted by updatedAt). The first
// snapshot is compared with an empty conversation, so a reload presents the current state too.
//   agentJoined   an ASSIGNED_AGENT became ACTIVE (SUGGESTED ones are not announced)
//   transferred   the active agent was replaced by another, or removed with a new SUGGESTED agent
//   agentLeft     the active agent was removed (no replacement, same skill) while the MAIN dialog is open
//   transferred   (no participant) the active agent was removed and the skill changed: a skill transfer
//   backToQueue   the visitor waits again: the last active agent left with no replacement (follows
//                 agentLeft or the skill transfer)
//   managerJoined a MANAGER appeared; surveyStarted: a POST_SURVEY dialog appeared
//   conversationEnded  the stage became CLOSE (by closedBy; 'system' when unknown)
// interleave() places them among a thread's messages.
import type { ConversationSnapshot, TimelineRow } from './model';
import { activeAgents } from './conversation';

export type BannerRow = Extract<TimelineRow, { kind: 'banner' }>;
type MessageRow = Extract<TimelineRow, { kind: 'message' }>;
type Banner = BannerRow['banner'];

export function bannersOf(snapshots: readonly ConversationSnapshot[]): BannerRow[] {
  const rows: BannerRow[] = [];
  let prev: ConversationSnapshot | undefined;
  for (const next of snapshots) {
    for (const banner of diff(prev, next)) {
      const who = 'participantId' in banner && banner.participantId !== undefined ? banner.participantId : '';
      rows.push({ kind: 'banner', key: `banner:${next.id}:${next.updatedAt}:${banner.type}:${who}`, at: next.updatedAt, banner });
    }
    prev = next;
  }
  return rows;
}

function diff(prev: ConversationSnapshot | undefined, next: ConversationSnapshot): Banner[] {
  const out: Banner[] = [];
  const before = new Set(prev ? activeAgents(prev).map((p) => p.id) : []);
  const after = activeAgents(next).map((p) => p.id);
  const joined = after.filter((id) => !before.has(id));
  const left = [...before].filter((id) => !after.includes(id));
  const ending = next.stage === 'closed' || !next.mainOpen;

  if (!ending) {
    if (joined.length > 0) {
      const [first, ...rest] = joined;
      out.push(left.length > 0 ? { type: 'transferred', participantId: first } : { type: 'agentJoined', participantId: first as string });
      for (const id of rest) out.push({ type: 'agentJoined', participantId: id });
    } else if (left.length > 0) {
      const wasSuggested = new Set(prev?.participants.filter(isSuggestedAgent).map((p) => p.id) ?? []);
      const suggested = next.participants.find((p) => isSuggestedAgent(p) && !wasSuggested.has(p.id));
      if (suggested) out.push({ type: 'transferred', participantId: suggested.id });
      else if (skillChanged(prev, next)) out.push({ type: 'transferred' });
      else for (const id of left) out.push({ type: 'agentLeft', participantId: id });
      if (!suggested && after.length === 0) out.push({ type: 'backToQueue' });
    } else if (skillChanged(prev, next) && after.length === 0 && prev !== undefined) {
      out.push({ type: 'backToQueue' });
    }
  } else if (joined.length > 0 && !prev) {
    // A reload of a conversation that is over or in its survey: the agent did join.
    for (const id of joined) out.push({ type: 'agentJoined', participantId: id });
  }

  const managersBefore = new Set(prev?.participants.filter(isActiveManager).map((p) => p.id) ?? []);
  for (const m of next.participants.filter(isActiveManager)) {
    if (!managersBefore.has(m.id)) out.push({ type: 'managerJoined', participantId: m.id });
  }

  const surveysBefore = new Set(prev?.dialogs.filter((d) => d.kind === 'survey').map((d) => d.id) ?? []);
  const survey = next.dialogs.find((d) => d.kind === 'survey' && d.messaging && !surveysBefore.has(d.id));
  if (survey) out.push({ type: 'surveyStarted', dialogId: survey.id });

  if (next.stage === 'closed' && prev?.stage !== 'closed') out.push({ type: 'conversationEnded', by: next.closedBy ?? 'system' });
  return out;
}

function skillChanged(prev: ConversationSnapshot | undefined, next: ConversationSnapshot): boolean {
  return prev?.skillId !== undefined && next.skillId !== undefined && prev.skillId !== next.skillId;
}

function isSuggestedAgent(p: { role: string; status: string }): boolean {
  return p.role === 'agent' && p.status === 'suggested';
}

function isActiveManager(p: { role: string; status: string }): boolean {
  return p.role === 'manager' && p.status === 'active';
}

/** The banner goes above the message: it is older, or it opens the survey that message asks in (same moment). */
function bannerFirst(banner: BannerRow, m: MessageRow): boolean {
  return banner.at < m.at || (banner.at === m.at && banner.banner.type === 'surveyStarted');
}

/**
 * Messages keep their sequence order; each banner goes before the first message newer than it. A
 * survey's start (and every banner older than it) goes above the survey's first message whatever
 * their times say: the banner is dated by the conversation's metadata and the question by the
 * messaging service, two clocks that need not agree to the millisecond.
 */
export function interleave(messages: MessageRow[], banners: BannerRow[]): TimelineRow[] {
  const surveyStart = new Map<string, number>();
  banners.forEach((row, i) => {
    if (row.banner.type === 'surveyStarted' && row.banner.dialogId !== undefined && !surveyStart.has(row.banner.dialogId)) surveyStart.set(row.banner.dialogId, i);
  });
  const out: TimelineRow[] = [];
  let b = 0;
  for (const m of messages) {
    const opens = m.dialogId === undefined ? -1 : (surveyStart.get(m.dialogId) ?? -1);
    while (b < banners.length && (b <= opens || bannerFirst(banners[b] as BannerRow, m))) out.push(banners[b++] as BannerRow);
    out.push(m);
  }
  while (b < banners.length) out.push(banners[b++] as BannerRow);
  return out;
}
