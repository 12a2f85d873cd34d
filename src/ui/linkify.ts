// Splits message text into plain text and links. Links are made only for http, https, mailto and
// tel; anything else (javascript:, data:, vbscript:, file:, …) stays text. Pure: no DOM, no markup.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Schemes that become links; everything else is shown as the text it is. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);

// Candidates start with one of the allowed schemes where no other URL or word ends (so the https
// inside "blob:https://…" is not one) and run to whitespace or a character that cannot be part of a
// URL in running text.
const CANDIDATE = /(?<![\p{L}\p{N}_:/.@+-])(?:https?:\/\/|mailto:|tel:)[^\s<>"'`\p{Cc}]+/giu;
const TRAILING = /[.,;:!?'"\u2019\u201d]$/u;
const TEL = /^tel:\+?[0-9][0-9().\- ]*[0-9]$/iu;
const MAILTO = /^mailto:[^@\s/?#]+@[^@\s/?#]+\.[^@\s/?#]+(?:\?.*)?$/iu;

/** Drops sentence punctuation and unbalanced closing brackets from the end of a candidate. */
function trimCandidate(candidate: string): string {
  let out = candidate;
  for (;;) {
    if (TRAILING.test(out)) {
      out = out.slice(0, -1);
      continue;
    }
    const last = out.at(-1);
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const open = last !== undefined ? pairs[last] : undefined;
    if (open !== undefined && count(out, last as string) > count(out, open)) {
      out = out.slice(0, -1);
      continue;
    }
    return out;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** The href for a candidate, or undefined when it is not a safe, well-formed link. */
export function safeHref(candidate: string): string | undefined {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (!LINK_SCHEMES.has(url.protocol)) return undefined;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname === '' ? undefined : url.href;
  if (url.protocol === 'tel:') return TEL.test(candidate) ? url.href : undefined;
  return MAILTO.test(candidate) ? url.href : undefined;
}

/** The text as segments; joining every segment's text gives the input back unchanged. */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    const href = safeHref(candidate);
    if (href === undefined) continue;
    if (start > at) out.push({ kind: 'text', text: text.slice(at, start) });
    out.push({ kind: 'link', text: candidate, href });
    at = start + candidate.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
