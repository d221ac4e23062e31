// How the terminal's rows and columns are shared between the panels. Fixed rows first (header,
// explanation, key bar), then the timeline and the output get what they need within a share, and
// the source and loop panels take the rest. Narrow terminals stack the source above the loop.

export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 18;

export interface Layout {
  readonly width: number;
  readonly height: number;
  /** Rows of the area holding source | loop & futures. */
  readonly top: number;
  /** Side by side (source left, loop right) or stacked. */
  readonly sideBySide: boolean;
  readonly sourceWidth: number;
  readonly rightWidth: number;
  readonly timeline: number;
  readonly output: number;
  readonly explain: number;
}

export function layout(width: number, height: number, lanes: number, outputLines: number): Layout | undefined {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return undefined;
  const explain = 2;
  // The last row stays empty (Ink redraws from scratch when a frame fills the terminal);
  // then the header, the rule above the timeline, the explanation and the key bar.
  const avail = height - 1 - 2 - explain - 1;
  const timeline = 1 + Math.min(Math.max(1, lanes), Math.max(2, Math.floor(avail * 0.22)));
  const output = 1 + Math.min(Math.max(1, outputLines), Math.max(2, Math.floor(avail * 0.2)));
  const top = avail - timeline - output;
  const sideBySide = width >= 70;
  const sourceWidth = sideBySide ? Math.max(30, Math.min(60, Math.floor(width * 0.42))) : width;
  const rightWidth = sideBySide ? width - sourceWidth - 1 : width;
  return { width, height, top, sideBySide, sourceWidth, rightWidth, timeline, output, explain };
}
