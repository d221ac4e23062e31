// Draws pre-measured lines: every row is cut or padded to exactly `width` cells and there are
// exactly `height` rows, so panels can sit side by side without overlapping or wrapping.
// The rows go to Ink as ONE styled text node: Ink lays out and measures every node it is given,
// so a screen of a few hundred small <Text> nodes costs several times more per frame than this.
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { cells, fit } from '../format.js';

/** A run of text with one style. */
export interface Seg {
  readonly text: string;
  readonly color?: string | undefined;
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

export function Lines({ lines, width, height = lines.length }: LinesProps) {
  // One text node per row: Ink measures each node's text, and a row of plain ASCII is measured
  // by its length while any other character sends the whole node through grapheme segmentation.
  return (
    <Box flexDirection="column">
      {styledRows(lines, width, height).map((row, i) => (
        <Text key={i}>{row}</Text>
      ))}
    </Box>
  );
}

/**
 * Exactly `height` rows of at most `width` cells, as styled strings. The unstyled spaces that pad a
 * row to the width are left off at its end (inside a row they stay, aligning the panels): Ink
 * starts every frame from a blank grid and trims line ends anyway, and it tokenizes and measures
 * every character it is given, so they would only cost time on each frame. A blank row keeps one
 * space: Ink gives an empty text no height, which would pull the rows below it up.
 */
export function styledRows(lines: readonly Line[], width: number, height = lines.length): string[] {
  const out: string[] = [];
  for (let i = 0; i < height; i++) out.push(styled(fitLine(lines[i] ?? [], width)).replace(/ +$/, '') || ' ');
  return out;
}

/** The segments of `line`, cut to `width` cells and padded with spaces to exactly `width`. */
export function fitLine(line: Line, width: number): Seg[] {
  const out: Seg[] = [];
  let used = 0;
  for (const seg of line) {
    if (used >= width) break;
    const room = width - used;
    const text = cells(seg.text) <= room ? seg.text : fit(seg.text, room);
    out.push({ ...seg, text });
    used += cells(text);
  }
  if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

/** Lines side by side: each row is `left` fitted to `leftWidth`, then `gap`, then `right`. */
export function beside(left: readonly Line[], leftWidth: number, gap: Line, right: readonly Line[], rightWidth: number, height: number): Line[] {
  const rows: Line[] = [];
  for (let i = 0; i < height; i++) rows.push([...fitLine(left[i] ?? [], leftWidth), ...gap, ...fitLine(right[i] ?? [], rightWidth)]);
  return rows;
}

function styled(line: readonly Seg[]): string {
  let out = '';
  for (const seg of line) {
    if (!seg.color && !seg.bold && !seg.dim && !seg.inverse) {
      out += seg.text;
      continue;
    }
    let style = chalk;
    if (seg.color) style = (style as unknown as Record<string, typeof chalk>)[seg.color] ?? style;
    if (seg.bold) style = style.bold;
    if (seg.dim) style = style.dim;
    if (seg.inverse) style = style.inverse;
    out += style(seg.text);
  }
  return out;
}

/** Plain text of a line (for tests and measuring). */
export function lineText(line: Line): string {
  return line.map((seg) => seg.text).join('');
}
