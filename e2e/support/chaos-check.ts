// The end-of-run comparison of the chaos test: the widget's whole timeline against the stand-in's
// transcript (same sequences, same order, same texts, no duplicates, no gaps), every visitor message
// stored exactly once, and the ticks equal to the receipts the stand-in stored.
import { eventFields } from '../../server/control-client';
import type { ConversationDetail } from './control';
import type { TimelineMessage } from './widget';

/** One row seen while scrolling through the timeline: its key, and where it is in the log (px from its top). */
export interface RowSighting {
  key: string;
  top: number;
  height: number;
}

/**
 * How many extra copies of rows the sightings show: a key seen at two positions further apart than
 * the row's height is shown twice (also when the copies are far apart and never on screen together).
 * Seeing the same row again at its place while scrolling is not a copy.
 */
export function rowsShownTwice(sightings: readonly RowSighting[]): number {
  const positions = new Map<string, number[]>();
  let copies = 0;
  for (const { key, top, height } of sightings) {
    const seen = positions.get(key);
    if (!seen) {
      positions.set(key, [top]);
      continue;
    }
    if (seen.some((at) => Math.abs(at - top) < Math.max(height, 16))) continue;
    seen.push(top);
    copies += 1;
  }
  return copies;
}

const isVisitorContent = (e: { role: string; event: { type: string } }) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent';

/** How many times the stand-in stored each visitor text. */
export function visitorCopies(detail: ConversationDetail): Map<string, number> {
  const copies = new Map<string, number>();
  for (const e of detail.transcript[detail.id] ?? []) {
    if (isVisitorContent(e)) copies.set(String(eventFields(e).message), (copies.get(String(eventFields(e).message)) ?? 0) + 1);
  }
  return copies;
}

/** The tick a stored receipt state shows. */
const TICK: Record<string, string> = { sent: 'sent', delivered: 'delivered', read: 'read' };

/** A stored message as the widget shows it and the transcript has it. */
export interface StoredRow {
  sequence: number;
  originator: string;
  text: string;
}

/**
 * What differs between the widget's timeline and the transcript's messages (`expected`, in order),
 * whatever the backend: rows shown twice or not stored, lost, doubled or out of order, visitor
 * texts not stored exactly once (`copies`: how often the transcript has each), agent messages.
 */
export function storedRowsProblems(
  timeline: { rows: TimelineMessage[]; duplicates: number },
  expected: readonly StoredRow[],
  copies: ReadonlyMap<string, number>,
  visitorTexts: readonly string[],
  agentMessages: number,
): string[] {
  const problems: string[] = [];
  const rows = timeline.rows;
  if (timeline.duplicates > 0) problems.push(`${timeline.duplicates} rows shown twice`);
  const unsent = rows.filter((r) => r.sequence === null);
  if (unsent.length > 0) problems.push(`not stored yet in the widget: ${unsent.map((r) => `${r.text} (${r.receipt})`).join(', ')}`);
  const sequenced = rows.filter((r) => r.sequence !== null);
  if (sequenced.length !== expected.length) problems.push(`the widget shows ${sequenced.length} stored messages, the transcript has ${expected.length}`);
  for (let i = 0; i < Math.max(sequenced.length, expected.length); i++) {
    const got = sequenced[i];
    const want = expected[i];
    if (got?.sequence !== want?.sequence || got?.originator !== want?.originator || got?.text !== want?.text) {
      problems.push(`row ${i}: widget ${JSON.stringify(got ?? null)} ≠ transcript ${JSON.stringify(want ?? null)}`);
      break;
    }
  }
  const wrong = visitorTexts.filter((t) => copies.get(t) !== 1).map((t) => `${t}×${copies.get(t) ?? 0}`);
  if (wrong.length > 0) problems.push(`visitor messages not stored exactly once: ${wrong.slice(0, 10).join(', ')}`);
  if (copies.size !== visitorTexts.length) problems.push(`the transcript has ${copies.size} distinct visitor texts, ${visitorTexts.length} were typed`);
  const agentStored = expected.filter((e) => e.originator === 'agent').length;
  if (agentStored !== agentMessages) problems.push(`${agentStored} agent messages stored, ${agentMessages} sent`);
  return problems;
}

export function convergenceProblems(
  timeline: { rows: TimelineMessage[]; duplicates: number },
  detail: ConversationDetail,
  visitorTexts: string[],
  agentMessages: number,
): string[] {
  const c = detail.id;
  const expected = (detail.transcript[c] ?? [])
    .filter((e) => e.event.type === 'ContentEvent' && (e.audience ?? 'ALL') === 'ALL')
    .map((e) => ({ sequence: e.sequence, originator: e.role === 'CONSUMER' ? 'consumer' : 'agent', text: String(eventFields(e).message) }));
  const problems = storedRowsProblems(timeline, expected, visitorCopies(detail), visitorTexts, agentMessages);
  const sequenced = timeline.rows.filter((r) => r.sequence !== null);
  const receipts = detail.receipts[c] ?? {};
  const ticks = sequenced
    .filter((r) => r.originator === 'consumer')
    .filter((r) => r.receipt !== TICK[receipts[r.sequence as number] ?? ''])
    .map((r) => `${r.text}: widget ${r.receipt}, stored ${receipts[r.sequence as number] ?? 'none'}`);
  if (ticks.length > 0) problems.push(`ticks differ from the stored receipts: ${ticks.slice(0, 10).join('; ')}`);
  return problems;
}
