// How the terminal's rows and columns are shared between the panels. Fixed rows first (header,
// explanation, key bar), then the timeline and the output get what they need within a share, and
// the source and loop panels take the rest. Narrow terminals stack the source above the loop.

import { DEFAULT_PANELS, type PanelName } from '../scenarios/types.js';

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
  /** Rows of the source panel (all of `top` side by side; stacked, its share). */
  readonly sourceRows: number;
  /** The lesson's panels, most important first. */
  readonly priority: readonly PanelName[];
  readonly rightWidth: number;
  readonly timeline: number;
  readonly output: number;
  readonly explain: number;
}

/** The loop & futures column keeps at least this many cells (or 45% of the width) beside the source. */
const MIN_RIGHT = 40;

/** Rows the explanation of a step always has. */
export const EXPLAIN_ROWS = 2;

/** Below this many rows, the panels ranked last in the lesson's priority give rows to the first. */
const SHORT = 24;

/**
 * `sourceNeed`: the cells the source panel needs to show its longest line whole (sourceWidthNeeded);
 * `priority`: the lesson's panels, most important first (types.ts PanelName); `explainNeed`: the
 * rows the step's explanation takes wrapped whole.
 */
export function layout(width: number, height: number, lanes: number, outputLines: number, sourceNeed = 0, priority: readonly PanelName[] = DEFAULT_PANELS, explainNeed = EXPLAIN_ROWS): Layout | undefined {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return undefined;
  // The explanation keeps two rows, and takes a few more from the panels when its text needs them
  // (a long note on a narrow screen) rather than being cut: up to 3 on a short screen (the lesson's
  // first-ranked panel needs the rest), 4 from 24 rows, 5 from 30.
  const explain = Math.max(EXPLAIN_ROWS, Math.min(explainNeed, height >= 30 ? 5 : height >= SHORT ? 4 : 3));
  // The last row stays empty (Ink redraws from scratch when a frame fills the terminal);
  // then the header, the rule above the timeline, the explanation and the key bar.
  const avail = height - 1 - 2 - explain - 1;
  // On a short screen, the timeline or the output ranked after both the source and the loop keeps
  // its title and one row (with "+N more"); the rows go to the panels above.
  const yields = (p: PanelName) => height < SHORT && rank(priority, p) > Math.max(rank(priority, 'source'), rank(priority, 'loop'));
  // The panel a lesson ranks first (the thread lessons' timeline) takes a larger share on a short screen.
  const share = (p: PanelName, usual: number) => (height < SHORT && rank(priority, p) === 0 ? Math.max(3, Math.floor(avail * 0.35)) : Math.max(2, Math.floor(avail * usual)));
  const timeline = 1 + Math.min(Math.max(1, lanes), yields('timeline') ? 1 : share('timeline', 0.22));
  const output = 1 + Math.min(Math.max(1, outputLines), yields('output') ? 1 : share('output', 0.2));
  const top = avail - timeline - output;
  const sideBySide = width >= 70;
  // Stacked, the source gets half (the larger half when it ranks before the loop and the futures),
  // or a third (at least its title and two lines) when the lesson ranks either of them first; on a
  // short screen a long explanation's third row comes out of that third (its title and one line).
  const sourceLeast = height < SHORT && explain > EXPLAIN_ROWS ? 2 : 3;
  const sourceRows = sideBySide ? top : rank(priority, 'source') < Math.min(rank(priority, 'loop'), rank(priority, 'futures')) ? Math.ceil(top / 2) : Math.max(sourceLeast, Math.floor(top / 3));
  // The source as wide as its longest line needs, within reason: the other column keeps its share,
  // and a longer line wraps (source.ts).
  const need = sourceNeed > 0 ? sourceNeed : Math.floor(width * 0.42);
  const sourceWidth = sideBySide ? Math.max(30, Math.min(need, width - 1 - Math.max(MIN_RIGHT, Math.floor(width * 0.45)))) : width;
  const rightWidth = sideBySide ? width - sourceWidth - 1 : width;
  return { width, height, top, sideBySide, sourceWidth, rightWidth, sourceRows, timeline, output, explain, priority };
}

/**
 * The source panel's width beside the other column: what the lines in its window need
 * (`windowNeed`), widened up to what the whole program needs (the layout's `sourceWidth`) as far
 * as the other column's widest row (`rightNeed`) leaves room. So the source never keeps blank
 * cells while the loop and futures rows have to wrap, and never wraps a line of its window while
 * those rows would fit beside it.
 */
export function shareWidth(box: Pick<Layout, 'width' | 'sourceWidth'>, windowNeed: number, rightNeed: number): number {
  const most = box.sourceWidth;
  const least = Math.min(most, Math.max(MIN_SOURCE, windowNeed));
  return Math.max(least, Math.min(most, box.width - 1 - rightNeed));
}

/** The source panel keeps at least this many cells beside the other column (its title and short lines). */
const MIN_SOURCE = 24;

/** Where `panel` stands in `priority` (0 first; a panel not named comes last). */
export function rank(priority: readonly PanelName[], panel: PanelName): number {
  const i = priority.indexOf(panel);
  return i < 0 ? priority.length : i;
}
