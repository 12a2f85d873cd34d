// Splits message text into plain text and links. Links are made only for http, https, mailto and
// tel (www.example.org links as https, name@example.com as mailto); anything else (javascript:, data:, vbscript:, file:, …) stays text. Pure: no DOM, no markup.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Schemes that become links; everything else is shown as the text it is. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);

// Candidates start with one of the allowed schemes, or "www.", or are a bare e-mail address
// (local@domain), where no other URL or word ends (so the https inside "blob:https://…" is not one,
// nor an address inside a URL). Scheme and www. candidates run to whitespace or a character that
// cannot be part of a URL in running text; an address's domain runs over letters, digits, dots and
// hyphens, and must not be followed by another @ or word character (a@b.com@evil is no address).
// Linear: a candidate can only start where a run of word characters starts (the lookbehind), each
// alternative scans that run once, and the matched text is skipped.
const CANDIDATE =
  /(?<![\p{L}\p{N}_:/.@+-])(?:(?:https?:\/\/|mailto:|tel:|www\.)[^\s<>"'`\p{Cc}]+|[\p{L}\p{N}._+-]+@[\p{L}\p{N}.-]+(?![@\p{L}\p{N}_.-]))/giu;
const TRAILING: ReadonlySet<string> = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '\u2019', '\u201d']);
const OPENER: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const TEL = /^tel:\+?[0-9][0-9().\- ]*[0-9]$/iu;
const ADDRESS_PART = /^[^@\s/?#]+$/u;
/** A bare address's domain: dot-separated labels, two at least (no "localhost", no empty label). */
const DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
/** What a www. host needs: a label after www. and a top-level label after it. */
const WWW_HOST = /^www\.[^.]+\.[^.]+/u;

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

/**
 * The href for a candidate found in running text: a scheme candidate as safeHref says, a www.
 * candidate as https, a bare address as mailto; undefined when it is not a safe, well-formed link.
 */
function hrefOf(candidate: string): string | undefined {
  if (/^www\./iu.test(candidate)) {
    const href = safeHref(`https://${candidate}`);
    return href !== undefined && WWW_HOST.test(new URL(href).hostname) ? href : undefined;
  }
  if (/^(?:https?:|mailto:|tel:)/iu.test(candidate)) return safeHref(candidate);
  const at = candidate.indexOf('@');
  return DOMAIN.test(candidate.slice(at + 1)) ? safeHref(`mailto:${candidate}`) : undefined;
}

/** The text as segments; joining every segment's text gives the input back unchanged. */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    if (candidate.length > MAX_LINK_LENGTH) continue;
    const href = hrefOf(candidate);
    if (href === undefined) continue;
    if (start > at) out.push({ kind: 'text', text: text.slice(at, start) });
    out.push({ kind: 'link', text: candidate, href });
    at = start + candidate.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
