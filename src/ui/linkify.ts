// Splits message text into plain text and links. Links are made only for http, https, mailto and
// tel; anything else (javascript:, data:, vbscript:, file:, …) stays text. Pure: no DOM, no markup.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Schemes that become links; everything else is shown as the text it is. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);

// Candidates start with one of the allowed schemes where no other URL or word ends (so the https
// inside "blob:https://…" is not one) and run to whitespace or a character that cannot be part of a
// URL in running text.
const CANDIDATE = /(?<![\p{L}\p{N}_:/.@+-])(?:https?:\/\/|mailto:|tel:)[^\s<>"'`\p{Cc}]+/giu;
const TRAILING: ReadonlySet<string> = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '\u2019', '\u201d']);
const OPENER: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const TEL = /^tel:\+?[0-9][0-9().\- ]*[0-9]$/iu;
const ADDRESS_PART = /^[^@\s/?#]+$/u;

/** Longer candidates stay text: no real link is this long, and it bounds the work per link. */
export const MAX_LINK_LENGTH = 2048;

/**
 * Drops sentence punctuation and unbalanced closing brackets from the end of a candidate. Linear:
 * the brackets are counted once and the count is kept as closers are dropped.
 */
function trimCandidate(candidate: string): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charAt(i);
    if ('()[]{}'.includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let end = candidate.length;
  while (end > 0) {
    const last = candidate.charAt(end - 1);
    const open = OPENER[last];
    if (TRAILING.has(last)) end--;
    else if (open !== undefined && (counts.get(last) ?? 0) > (counts.get(open) ?? 0)) {
      counts.set(last, (counts.get(last) ?? 0) - 1);
      end--;
    } else break;
  }
  return candidate.slice(0, end);
}

/** mailto:local@domain.tld[?query], checked without a backtracking pattern. */
function isMailto(candidate: string): boolean {
  const rest = candidate.slice('mailto:'.length);
  const query = rest.indexOf('?');
  const address = query < 0 ? rest : rest.slice(0, query);
  const at = address.indexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.indexOf('.', 1);
  return at > 0 && ADDRESS_PART.test(local) && ADDRESS_PART.test(domain) && dot > 0 && dot < domain.length - 1;
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
  return isMailto(candidate) ? url.href : undefined;
}

/** The text as segments; joining every segment's text gives the input back unchanged. */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    if (candidate.length > MAX_LINK_LENGTH) continue;
    const href = safeHref(candidate);
    if (href === undefined) continue;
    if (start > at) out.push({ kind: 'text', text: text.slice(at, start) });
    out.push({ kind: 'link', text: candidate, href });
    at = start + candidate.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
