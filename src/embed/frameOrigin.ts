// Whom the frame may talk to: the loader puts its page's origin in the frame's hash (#origin=…);
// the frame believes it only if that is the origin of the page that really embeds it: the
// browser's location.ancestorOrigins where there is one (Chromium, Safari), else the referrer's
// origin (the loader's iframe sends it whatever the page's policy: referrerpolicy="origin").

export interface Embedding {
  /** location.hash */
  hash: string;
  /** window.parent !== window */
  framed: boolean;
  /** location.ancestorOrigins[0], where the browser has the list. */
  ancestorOrigin: string | undefined;
  /** document.referrer */
  referrer: string;
}

/** The parent's origin to talk to, or the reason not to talk at all. */
export function parentOriginOf(e: Embedding): { origin: string } | { refused: string } {
  const claimed = new URLSearchParams(e.hash.replace(/^#/, '')).get('origin') ?? '';
  if (!e.framed || !/^https?:\/\/[^/]+$/.test(claimed)) return { refused: "Parley: frame.html runs only inside the Parley loader's iframe." };
  let actual = e.ancestorOrigin;
  if (actual === undefined && e.referrer !== '') {
    try {
      actual = new URL(e.referrer).origin;
    } catch {
      actual = undefined;
    }
  }
  if (actual !== claimed) {
    return { refused: `Parley: the frame's #origin (${claimed}) is not the origin of the page that embeds it (${actual ?? 'unknown'}); the frame stays silent.` };
  }
  return { origin: claimed };
}

/** The embedding as this browser reports it. */
export function currentEmbedding(): Embedding {
  return {
    hash: location.hash,
    framed: window.parent !== window,
    ancestorOrigin: location.ancestorOrigins?.[0],
    referrer: document.referrer,
  };
}
