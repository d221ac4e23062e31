// Lays out an overlay's lines (the ? help) in a box of `width` × `rows` cells: lines wrap with a
// hanging indent, a wide box takes two columns when one does not fit, and whatever still does not
// fit scrolls (↑ ↓) with a row saying where the view is. Layout only: the content is the caller's.
import type { Line } from '../components/Lines.js';
import type { Lang } from '../../scenarios/types.js';
import { lineCells } from '../format.js';
import { sayf } from '../i18n.js';
import { wrapLine } from '../wrap-text.js';

export interface OverlayView {
  readonly lines: Line[];
  /** The largest useful scroll offset (0 when everything fits). */
  readonly maxScroll: number;
}

/** Columns at least this wide side by side; a box narrower than two of them stays one column. */
export const OVERLAY_COLUMN_MIN = 56;
const GUTTER = 3;

export function overlayView(content: readonly Line[], width: number, rows: number, scroll: number, lang: Lang): OverlayView {
  if (rows <= 0 || width <= 0) return { lines: [], maxScroll: 0 };
  const one = content.flatMap((line) => wrapLine(line, width));
  if (one.length <= rows) return { lines: one, maxScroll: 0 };
  const colWidth = Math.floor((width - GUTTER) / 2);
  if (colWidth >= OVERLAY_COLUMN_MIN) {
    const two = twoColumns(content, colWidth, rows);
    if (two) return { lines: two, maxScroll: 0 };
  }
  // Scroll: rows - 1 rows of content and one row saying which part is shown.
  const shown = Math.max(1, rows - 1);
  const maxScroll = Math.max(0, one.length - shown);
  const from = Math.max(0, Math.min(scroll, maxScroll));
  const where = `${from + 1}–${Math.min(one.length, from + shown)} / ${one.length}`;
  const hint = sayf('scrollHint', lang, where);
  return { lines: [...one.slice(from, from + shown), [{ text: hint, dim: true }]], maxScroll };
}

/**
 * The content in two columns of `colWidth`, split before a heading (a line starting with an
 * unindented bold segment) when one is near the middle; undefined when they still do not fit.
 */
function twoColumns(content: readonly Line[], colWidth: number, rows: number): Line[] | undefined {
  const wrapped = content.map((line) => wrapLine(line, colWidth));
  const total = wrapped.reduce((n, w) => n + w.length, 0);
  let best: { at: number; height: number } | undefined;
  let before = 0;
  for (let i = 0; i <= content.length; i++) {
    const heading = i === content.length || isHeading(content[i]!);
    const height = Math.max(before, total - before);
    if (heading && i > 0 && (!best || height < best.height)) best = { at: i, height };
    if (i < content.length) before += wrapped[i]!.length;
  }
  // No heading gives a fair split: cut in the middle.
  const at = best && best.height <= rows ? best.at : undefined;
  const left = at === undefined ? wrapped.flat().slice(0, Math.ceil(total / 2)) : wrapped.slice(0, at).flat();
  const right = at === undefined ? wrapped.flat().slice(Math.ceil(total / 2)) : wrapped.slice(at).flat();
  if (Math.max(left.length, right.length) > rows) return undefined;
  const out: Line[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? [];
    out.push([...l, { text: ' '.repeat(Math.max(0, colWidth - lineCells(l)) + GUTTER) }, ...(right[i] ?? [])]);
  }
  return out;
}

function isHeading(line: Line): boolean {
  const first = line[0];
  return first !== undefined && first.bold === true && !/^\s/.test(first.text);
}
