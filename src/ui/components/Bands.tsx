// The screen as bands from top to bottom: rows across the whole width, a rule, or two panels side
// by side with a rule between them. Ink starts every frame from blank cells, then tokenizes every
// character of every text it is given and measures its width (character by character, through
// grapheme segmentation, as soon as a line holds one that is not ASCII). So side by side, each
// panel is a box of its own width, and its rows carry no spaces to line up what is on their right;
// and the rules are box borders, which Ink draws without measuring them.
import { Box } from 'ink';
import { beside, cutLine, type Line, Lines } from './Lines.js';

/** A panel's lines, drawn in a column of `width` cells. */
export interface Panel {
  readonly width: number;
  readonly lines: readonly Line[];
}

export type Band =
  | { readonly kind: 'rows'; readonly lines: readonly Line[] }
  /** A dim ─ across the screen. */
  | { readonly kind: 'rule' }
  /** `left`, a dim │, then `right`, on `height` rows. */
  | { readonly kind: 'beside'; readonly height: number; readonly left: Panel; readonly right: Panel };

/** The bands as rows of `width` cells (what the screen shows, as text). */
export function bandLines(bands: readonly Band[], width: number): Line[] {
  return bands.flatMap((band): readonly Line[] => {
    // Cut to the width as Ink's <Lines> cuts them (without padding: a row's blanks at its end stay off).
    if (band.kind === 'rows') return band.lines.map((line) => cutLine(line, width));
    if (band.kind === 'rule') return [[{ text: '─'.repeat(width), dim: true }]];
    return beside(band.left.lines, band.left.width, [{ text: '│', dim: true }], band.right.lines, band.right.width, band.height);
  });
}

export interface BandsProps {
  readonly bands: readonly Band[];
  readonly width: number;
}

export function Bands({ bands, width }: BandsProps) {
  return (
    <Box flexDirection="column">
      {bands.map((band, i) =>
        band.kind === 'rows' ? (
          <Lines key={i} lines={band.lines} width={width} />
        ) : band.kind === 'rule' ? (
          <Box key={i} width={width} borderStyle="single" borderDimColor borderLeft={false} borderRight={false} borderBottom={false} />
        ) : (
          <Beside key={i} {...band} />
        ),
      )}
    </Box>
  );
}

function Beside({ height, left, right }: Extract<Band, { kind: 'beside' }>) {
  return (
    <Box height={height}>
      <Box width={left.width} flexShrink={0}>
        <Lines lines={left.lines} width={left.width} height={height} />
      </Box>
      <Box width={right.width + 1} flexShrink={0} borderStyle="single" borderDimColor borderTop={false} borderRight={false} borderBottom={false}>
        <Lines lines={right.lines} width={right.width} height={height} />
      </Box>
    </Box>
  );
}
