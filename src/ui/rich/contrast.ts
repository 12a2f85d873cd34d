// A structured-content text colour is drawn only where it keeps WCAG AA contrast (4.5:1) against
// the card's background, in the light and in the dark palette separately (theme.css: --parley-surface).
const SURFACES = { light: [255, 255, 255], dark: [0x17, 0x19, 0x1f] } as const;
export const AA = 4.5;

type Rgb = readonly [number, number, number];

/** #rgb, #rrggbb or rgb(r, g, b); undefined for anything else (names, alpha, functions). */
export function parseColour(raw: string): Rgb | undefined {
  const s = raw.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return [parseInt(short[1]! + short[1]!, 16), parseInt(short[2]! + short[2]!, 16), parseInt(short[3]! + short[3]!, 16)];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
  if (long) return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)];
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(s);
  if (rgb) {
    const c = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as const;
    return c.every((x) => x <= 255) ? c : undefined;
  }
  return undefined;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour for each palette where it keeps AA (as a CSS colour), else nothing for that palette. */
export function readableColours(raw: string | undefined): { light?: string; dark?: string } {
  const rgb = raw === undefined ? undefined : parseColour(raw);
  if (!rgb) return {};
  const css = `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})`;
  return {
    ...(contrastRatio(rgb, SURFACES.light) >= AA ? { light: css } : {}),
    ...(contrastRatio(rgb, SURFACES.dark) >= AA ? { dark: css } : {}),
  };
}
