// LivePerson's structured content (a RichContentEvent's JSON, kept as the model's `rich` body by
// decodeMessaging.ts) checked and narrowed into the backend-neutral tree the UI draws
// (src/core/rich.ts). The shapes are LivePerson's schema (lp-schemas/ms/richContent/*.json: vertical,
// horizontal, text, image, button, map, linkPreview, template quickReply) plus json-pollock's
// `carousel` (protocol reference §12); the actions link, publishText and navigate become the neutral
// link, reply and location. Anything unknown, anything breaking the schema or the limits gives
// `undefined`: the bubble then shows the fallback text. The walk is bounded (depth, element count) so
// a hostile card costs nothing to reject. A lazy chunk: the session's richContent() loads it when
// rich content first appears (decodeMessaging.ts, loadRichContentReader).
import type { RichAction, RichClick, RichNode, RichStyle } from '../core/rich';

interface Basic {
  tooltip?: string;
  rtl?: boolean;
  style?: RichStyle;
  click?: RichClick;
}

/** Limits: LivePerson's documented lengths (§11), json-pollock's default element cap, and a nesting depth. */
export const RICH_LIMITS = {
  maxElements: 50,
  maxDepth: 8,
  text: 5000,
  title: 128,
  url: 2048,
  actions: 4,
  metadata: 20,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Invalid extends Error {}
const fail = (): never => {
  throw new Invalid();
};

function str(v: unknown, max: number, required = false): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.length > max) return fail();
  return v;
}

function num(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail();
  return v;
}

function bool(v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') return fail();
  return v;
}

function style(v: unknown): RichStyle | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) return fail();
  const out: RichStyle = {};
  const bold = bool(v.bold);
  const italic = bool(v.italic);
  if (bold !== undefined) out.bold = bold;
  if (italic !== undefined) out.italic = italic;
  if (v.size !== undefined) {
    if (v.size !== 'small' && v.size !== 'medium' && v.size !== 'large') return fail();
    out.size = v.size;
  }
  // json-pollock adds background and border colours, radius, fonts: not drawn, and not an error.
  if (typeof v.color === 'string' && v.color.length <= 64) out.color = v.color;
  return out;
}

function action(v: unknown): RichAction {
  if (!isObj(v)) return fail();
  switch (v.type) {
    case 'publishText':
      return { kind: 'reply', text: str(v.text, RICH_LIMITS.text, true) as string };
    case 'link': {
      const name = str(v.name, RICH_LIMITS.title);
      return { kind: 'link', url: str(v.uri, RICH_LIMITS.url, true) as string, ...(name !== undefined ? { name } : {}) };
    }
    case 'navigate': {
      const name = str(v.name, RICH_LIMITS.title);
      return { kind: 'location', lat: num(v.la), lon: num(v.lo), ...(name !== undefined ? { name } : {}) };
    }
    default:
      return fail();
  }
}

function click(v: unknown): RichClick | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) return fail();
  const actions = v.actions === undefined ? [] : v.actions;
  if (!Array.isArray(actions) || actions.length > RICH_LIMITS.actions) return fail();
  const out: RichClick = { actions: (actions as unknown[]).map(action) };
  if (v.metadata !== undefined) {
    if (!Array.isArray(v.metadata) || v.metadata.length > RICH_LIMITS.metadata || !v.metadata.every(isObj)) return fail();
    out.metadata = v.metadata as unknown[];
  }
  return out;
}

function basic(v: Obj): Basic {
  const out: Basic = {};
  const tooltip = str(v.tooltip, RICH_LIMITS.title);
  const rtl = bool(v.rtl);
  const s = style(v.style);
  const c = click(v.click);
  if (tooltip !== undefined) out.tooltip = tooltip;
  if (rtl !== undefined) out.rtl = rtl;
  if (s !== undefined) out.style = s;
  if (c !== undefined) out.click = c;
  return out;
}

/** Reads structured content into the neutral tree; undefined when it is unknown, breaks the schema or a limit. */
export function readRichContent(content: unknown): RichNode | undefined {
  let count = 0;
  const element = (v: unknown, depth: number): RichNode => {
    count += 1;
    if (count > RICH_LIMITS.maxElements || depth > RICH_LIMITS.maxDepth || !isObj(v)) return fail();
    switch (v.type) {
      case 'vertical':
      case 'horizontal':
      case 'carousel': {
        if (!Array.isArray(v.elements) || v.elements.length > RICH_LIMITS.maxElements) return fail();
        const children = (v.elements as unknown[]).map((child) => element(child, depth + 1));
        if (v.type === 'carousel') {
          // A carousel holds cards: containers, not loose basics (json-pollock's carousel schema).
          if (children.length === 0 || children.some((e) => e.kind !== 'vertical' && e.kind !== 'horizontal')) return fail();
        }
        return { kind: v.type, children };
      }
      case 'text':
        return { ...basic(v), kind: 'text', text: str(v.text, RICH_LIMITS.text, true) as string };
      case 'image': {
        const caption = str(v.caption, RICH_LIMITS.title);
        return { ...basic(v), kind: 'image', url: str(v.url, RICH_LIMITS.url, true) as string, ...(caption !== undefined ? { caption } : {}) };
      }
      case 'button':
        return { ...basic(v), kind: 'button', title: str(v.title, RICH_LIMITS.title, true) as string };
      case 'map':
        return { ...basic(v), kind: 'map', lat: num(v.la), lon: num(v.lo) };
      case 'linkPreview': {
        const title = str(v.title, RICH_LIMITS.title);
        return { ...basic(v), kind: 'linkPreview', url: str(v.url, RICH_LIMITS.url, true) as string, ...(title !== undefined ? { title } : {}) };
      }
      case 'template':
        return template(v, depth);
      default:
        return fail();
    }
  };
  // The schema's quick-reply template: its title, then one publishText button per response.
  const template = (v: Obj, depth: number): RichNode => {
    if (v.templateType !== 'quickReply' || !Array.isArray(v.resp) || v.resp.length === 0) return fail();
    const title = str(v.title, RICH_LIMITS.text, true) as string;
    count += (v.resp as unknown[]).length + 1;
    if (count > RICH_LIMITS.maxElements || depth + 1 > RICH_LIMITS.maxDepth) return fail();
    const buttons = (v.resp as unknown[]).map((r): RichNode => {
      const text = str(r, RICH_LIMITS.title, true) as string;
      return { kind: 'button', title: text, click: { actions: [{ kind: 'reply', text }] } };
    });
    return { kind: 'vertical', children: [{ kind: 'text', text: title }, ...buttons] };
  };
  try {
    return element(content, 0);
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}
