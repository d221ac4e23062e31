// A timeline lane's marks drawn into the columns of its track. A lane keeps every mark since the
// run began, so drawing all of them on every frame costs more the longer the run (thousands of
// marks late in a 10,000-event trace). Marks form an immutable chain whose older links every later
// step shares, so the columns drawn up to every 64th mark are kept with that link (for one ruler)
// and a frame draws only the marks after the nearest kept drawing.
import type { Chain } from '../state/chain.js';
import type { Mark, MarkKind } from '../state/types.js';
import type { Color } from '../style.js';

/** What a column shows; when marks share a column, the highest priority is drawn. */
export interface Glyph {
  readonly glyph: string;
  readonly color?: Color;
  readonly prio: number;
}

export const glyphs: Record<MarkKind, Glyph> = {
  select: { glyph: '─', prio: 1 },
  blocked: { glyph: '░', color: 'yellow', prio: 2 },
  timer: { glyph: '◆', color: 'yellow', prio: 3 },
  run: { glyph: '▪', color: 'cyan', prio: 4 },
  step: { glyph: '▸', color: 'cyan', prio: 4 },
  busy: { glyph: '█', color: 'magenta', prio: 5 },
  done: { glyph: '✓', color: 'green', prio: 6 },
  cancelled: { glyph: '✗', color: 'red', prio: 6 },
  wake: { glyph: '⇢', color: 'magenta', prio: 5 },
  woken: { glyph: '⇣', color: 'magenta', prio: 5 },
  exit: { glyph: '■', color: 'white', prio: 8 },
  interrupt: { glyph: '^', color: 'red', prio: 9 },
};
const RACE: Glyph = { glyph: '≈', color: 'magenta', prio: 7 };
/** The first column of a callback holding its thread: back-to-back callbacks stay two bars, each from its own start. */
const BUSY_START: Glyph = { glyph: '▐', color: 'magenta', prio: glyphs.busy.prio };

/** A track's columns, each with the glyph drawn there if any. */
export type Cells = (Glyph | undefined)[];

/** How times map to the track's columns; `key` names the mapping (drawings are kept per mapping). */
export interface Ruler {
  readonly key: string;
  readonly track: number;
  x(t: number, index: number): number;
}

/** What a mark needs to be drawn. */
type Drawn = Pick<Mark, 't' | 'end' | 'kind' | 'index' | 'race'>;

const KEEP_EVERY = 64;
const kept = new WeakMap<Chain<Mark>, { readonly ruler: string; readonly cells: Cells }>();

/**
 * The columns of every mark in `marks`, a fresh array the caller may draw on. Where marks of the
 * same priority share a column the newest is drawn.
 */
export function markCells(marks: Chain<Mark> | undefined, ruler: Ruler): Cells {
  const after: Chain<Mark>[] = [];
  let from: Cells | undefined;
  for (let link = marks; link; link = link.prev) {
    const k = link.length % KEEP_EVERY === 0 ? kept.get(link) : undefined;
    if (k?.ruler === ruler.key) {
      from = k.cells;
      break;
    }
    after.push(link);
  }
  const cells: Cells = from ? from.slice() : new Array<Glyph | undefined>(ruler.track).fill(undefined);
  // Oldest first, each mark over the ones before it.
  for (let i = after.length - 1; i >= 0; i--) {
    const link = after[i]!;
    drawMark(cells, link.item, link.item.index, ruler, true);
    if (link.length % KEEP_EVERY === 0) kept.set(link, { ruler: ruler.key, cells: cells.slice() });
  }
  return cells;
}

/**
 * Draws `mark` (a point, or a span to its end at event `endIndex`). It takes a column from a glyph
 * of lower priority and, when `winsTies`, of the same priority. A race flag is drawn where the
 * racing event happened (a span's end), and a callback's bar starts with its own glyph.
 */
export function drawMark(cells: Cells, mark: Drawn, endIndex: number, ruler: Ruler, winsTies: boolean): void {
  const glyph = glyphs[mark.kind];
  const from = ruler.x(mark.t, mark.index);
  const to = mark.end === undefined ? from : ruler.x(mark.end, endIndex);
  // Only the track's columns: zoomed in, a long span reaches far beyond them.
  for (let col = Math.max(0, from); col <= Math.min(to, cells.length - 1); col++) put(cells, col, glyph, winsTies);
  if (mark.kind === 'busy' && mark.end !== undefined) put(cells, from, BUSY_START, true);
  // A race belongs to the event that carried it: a span's is the one that closed it, at its end.
  if (mark.race) put(cells, to, RACE, winsTies);
}

function put(cells: Cells, col: number, glyph: Glyph, winsTies: boolean): void {
  if (col < 0 || col >= cells.length) return;
  const here = cells[col];
  if (!here || here.prio < glyph.prio || (winsTies && here.prio === glyph.prio)) cells[col] = glyph;
}
