// Message text with its safe links (see linkify.ts). Server text is only ever a React text child
// or a checked href: never markup.
import { linkify } from './linkify';

export function MessageText({ text }: { text: string }) {
  return linkify(text).map((segment, index) =>
    segment.kind === 'text' ? (
      segment.text
    ) : (
      <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer" className="parley-link">
        {segment.text}
      </a>
    ),
  );
}
