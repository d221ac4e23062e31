// Draws pre-measured lines: every row is cut or padded to exactly `width` cells and there are
// exactly `height` rows, so panels can sit side by side without overlapping or wrapping.
// A panel's rows go to Ink as ONE styled text node: Ink lays out and measures every node it is
// given, so a screen of a few hundred small <Text> nodes costs several times more per frame than
// one node per row, and one node per row about a tenth more than one per panel.
import { Text } from 'ink';
import { memo } from 'react';
import { cells, fit } from '../format.js';
import { type Color, styled } from '../style.js';

/** A run of text with one style. */
export interface Seg {
  readonly text: string;
  readonly color?: Color | undefined;
  readonly bold?: boolean | undefined;
  readonly dim?: boolean | undefined;
  readonly inverse?: boolean | undefined;
}

export type Line = readonly Seg[];

export interface LinesProps {
  readonly lines: readonly Line[];
  readonly width: number;
  /** Rows to fill; lines beyond it are dropped, missing ones are blank. @default lines.length */
  readonly height?: number;
}

/** Drawn again only when its lines, width or height change (a panel the frame remembered). */
export const Lines = memo(function Lines({ lines, width, height = lines.length }: LinesProps) {
  return <PanelText text={styledRows(lines, width, height).join('\n')} />;
});

/**
 * The rows as one text node: each node Ink is given is a React element, a Yoga node to lay out and
 * a text to measure, every frame. Ink measures a text for layout again only when it changed, and a
 * panel whose text is the same as the last frame's (one the step did not change) is not rendered again.
 */
const PanelText = memo(function PanelText({ text }: { readonly text: string }) {
  return <Text>{text}</Text>;
});

/**
 * Exactly `height` rows of at most `width` cells, as styled strings. The unstyled spaces that pad a
 * row to the width are left off at its end (inside a row they stay, aligning the panels): Ink
 * starts every frame from a blank grid and trims line ends anyway, and it tokenizes and measures
 * every character it is given, so they would only cost time on each frame. A blank row keeps one
 * space: Ink gives an empty text no height, which would pull the rows below it up.
 */
export function styledRows(lines: readonly Line[], width: number, height = lines.length): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(styled(cut(lines[i] ?? [], width).segs).replace(/ +$/, '') || ' ');
  return out;
}

/** The segments of `line` that fit in `width` cells (the last one cut, with an ellipsis, if need be) and the cells they take. */
function cut(line: Line, width: number): { segs: Seg[]; used: number } {
  const segs: Seg[] = [];
  let used = 0;
  for (const seg of line) {
    if (used >= width) break;
    const size = cells(seg.text);
    if (size <= width - used) {
      segs.push(seg);
      used += size;
    } else {
      const text = fit(seg.text, width - used);
      segs.push({ ...seg, text });
      used += cells(text);
    }
  }
  return { segs, used };
}

/** `line` cut to `width` cells (with an ellipsis where it is cut), not padded. */
export function cutLine(line: Line, width: number): Seg[] {
  return cut(line, width).segs;
}

/** The segments of `line`, cut to `width` cells and padded with spaces to exactly `width`. */
export function fitLine(line: Line, width: number): Seg[] {
  const { segs, used } = cut(line, width);
  if (used < width) segs.push({ text: ' '.repeat(width - used) });
  return segs;
}

/** Lines side by side: each row is `left` fitted to `leftWidth`, then `gap`, then `right`. */
export function beside(left: readonly Line[], leftWidth: number, gap: Line, right: readonly Line[], rightWidth: number, height: number): Line[] {
  const rows: Line[] = [];
  for (let i = 0; i < height; i++) rows.push([...fitLine(left[i] ?? [], leftWidth), ...gap, ...fitLine(right[i] ?? [], rightWidth)]);
  return rows;
}

/** Plain text of a line (for tests and measuring). */
export function lineText(line: Line): string {
  return line.map((seg) => seg.text).join('');
}
