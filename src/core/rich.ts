// Structured content as the UI draws it: a small backend-neutral tree of layout, text, images,
// buttons, maps, link previews and carousels, with clicks as neutral actions. A backend reads its own
// wire format into it (ChatSession.richContent: LivePerson's structured content is read by
// src/liveperson/richContent.ts); the UI (src/ui/rich) renders only this tree and knows no protocol.

export interface RichStyle {
  bold?: boolean;
  italic?: boolean;
  size?: 'small' | 'medium' | 'large';
  /** The colour as given (a CSS hex or rgb() colour); the renderer applies it only where contrast stays AA. */
  color?: string;
}

/** What a click does: send a reply's text, open a page, or show a place on a map. */
export type RichAction =
  | { kind: 'reply'; text: string }
  | { kind: 'link'; url: string; name?: string }
  | { kind: 'location'; lat: number; lon: number; name?: string };

export interface RichClick {
  /** Run in order. */
  actions: RichAction[];
  /** Opaque to the UI: a reply carries it back to the backend (QuickReplyOption.metadata). */
  metadata?: unknown;
}

interface Leaf {
  tooltip?: string;
  rtl?: boolean;
  style?: RichStyle;
  click?: RichClick;
}

export type RichNode =
  /** Children one under the other, or side by side. */
  | { kind: 'vertical' | 'horizontal'; children: RichNode[] }
  /** Cards (vertical or horizontal nodes) scrolled sideways. */
  | { kind: 'carousel'; children: RichNode[] }
  | (Leaf & { kind: 'text'; text: string })
  | (Leaf & { kind: 'image'; url: string; caption?: string })
  | (Leaf & { kind: 'button'; title: string })
  | (Leaf & { kind: 'map'; lat: number; lon: number })
  | (Leaf & { kind: 'linkPreview'; url: string; title?: string });

/**
 * Reads a message body's structured content (MessageBody kind 'rich', its `content`) into the tree;
 * undefined when the content is unknown or invalid (the UI then shows the fallback text).
 */
export type RichContentReader = (content: unknown) => RichNode | undefined;

/** The first text of a node (a card's name): its first text child, else its first title or caption. */
export function firstText(node: RichNode): string | undefined {
  switch (node.kind) {
    case 'vertical':
    case 'horizontal':
    case 'carousel': {
      for (const child of node.children) {
        if (child.kind === 'text') return child.text;
      }
      for (const child of node.children) {
        const found = firstText(child);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case 'text':
      return node.text;
    case 'button':
      return node.title;
    case 'image':
      return node.caption ?? node.tooltip;
    case 'linkPreview':
      return node.title;
    case 'map':
      return node.tooltip;
  }
}
