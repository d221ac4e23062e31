// Draws pre-measured lines: every row is cut or padded to exactly `width` cells and there are
// exactly `height` rows, so panels can sit side by side without overlapping or wrapping.
import { Box, Text } from 'ink';
import { cells, fit } from '../format.js';

/** A run of text with one style. */
export interface Seg {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

export type Line = readonly Seg[];

export interface LinesProps {
  readonly lines: readonly Line[];
  readonly width: number;
  /** Rows to fill; lines beyond it are dropped, missing ones are blank. @default lines.length */
  readonly height?: number;
}

export function Lines({ lines, width, height = lines.length }: LinesProps) {
  const rows = lines.slice(0, height);
  while (rows.length < height) rows.push([]);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {fitLine(line, width).map((seg, j) => (
            <Text key={j} color={seg.color} bold={seg.bold} dimColor={seg.dim} inverse={seg.inverse}>
              {seg.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
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

/** Plain text of a line (for tests and measuring). */
export function lineText(line: Line): string {
  return line.map((seg) => seg.text).join('');
}
