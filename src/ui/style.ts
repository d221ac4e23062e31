// A row's segments as one styled string for Ink. Ink tokenizes every character it is given, escape
// sequences included, then keeps each cell's codes in the order they were opened; chalk closes and
// reopens every code around every segment. Here a row gets one SGR sequence where its style
// changes and none between neighbours of the same style, opening codes in chalk's order (colour,
// bold, dim, inverse) so Ink ends with the same cells. Colour or not is still chalk's decision:
// its level reflects FORCE_COLOR and the terminal, and applyNoColor (./color.ts) sets it for NO_COLOR.
import chalk from 'chalk';
import type { Seg } from './components/Lines.js';

/** Foreground colours, by the names chalk gives them. */
const FOREGROUND = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 } as const;

export type Color = keyof typeof FOREGROUND;

/** SGR parameters for a segment's style, '' when it has none. */
function params(seg: Seg): string {
  let p = seg.color ? String(FOREGROUND[seg.color]) : '';
  if (seg.bold) p += p ? ';1' : '1';
  if (seg.dim) p += p ? ';2' : '2';
  if (seg.inverse) p += p ? ';7' : '7';
  return p;
}

/** The segments' text with SGR sequences where the style changes; everything is closed at the end. */
export function styled(segs: readonly Seg[]): string {
  let out = '';
  if (chalk.level === 0) {
    for (const seg of segs) out += seg.text;
    return out;
  }
  let open = '';
  for (const seg of segs) {
    if (seg.text === '') continue;
    const want = params(seg);
    if (want !== open) {
      // A reset first, so the codes kept open are exactly the new style's, in chalk's order.
      out += want === '' ? '\x1b[0m' : open === '' ? `\x1b[${want}m` : `\x1b[0;${want}m`;
      open = want;
    }
    out += seg.text;
  }
  return open === '' ? out : `${out}\x1b[0m`;
}
