// The TIMELINE panel: a ruler over the run's simulated time with a cursor at the current step,
// one lane per thread and, under it, one lane per task of the loop that thread runs. Callbacks,
// timer expiries and task steps are points; blocking, selector waits and callbacks that hold the
// thread are bars; Ctrl+C and races are flagged.
import type { Line, Seg } from '../components/Lines.js';
import { cells, fit, pad, pyFloat } from '../format.js';
import type { LabState, Lane, Mark, MarkKind } from '../state/types.js';
import type { Color } from '../style.js';

/** Glyph, colour and priority (when marks share a column, the highest priority is drawn). */
export const glyphs: Record<MarkKind, { glyph: string; color?: Color; prio: number }> = {
  select: { glyph: '─', prio: 1 },
  blocked: { glyph: '░', color: 'yellow', prio: 2 },
  timer: { glyph: '◆', color: 'yellow', prio: 3 },
  run: { glyph: '▪', color: 'cyan', prio: 4 },
  step: { glyph: '▸', color: 'cyan', prio: 4 },
  busy: { glyph: '█', color: 'magenta', prio: 5 },
  done: { glyph: '✓', color: 'green', prio: 6 },
  cancelled: { glyph: '✗', color: 'red', prio: 6 },
  exit: { glyph: '■', color: 'white', prio: 8 },
  interrupt: { glyph: '^', color: 'red', prio: 9 },
};
const RACE: Cell = { glyph: '≈', color: 'magenta', prio: 7 };

export interface TimelineInput {
  readonly state: LabState;
  /** Simulated time at the end of the whole trace (the ruler's right end). */
  readonly endTime: number;
  /** Events in the whole trace (the axis when no simulated time passes at all). */
  readonly totalEvents: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

interface Cell {
  glyph: string;
  color?: Color;
  prio: number;
}

export function timelineLines({ state, endTime, totalEvents, width, height, title }: TimelineInput): Line[] {
  const lanes = pickLanes(state.lanes, Math.max(0, height - 1));
  // Widths in terminal cells throughout (a CJK character takes two).
  const labelWidth = Math.min(width >= 100 ? 24 : 16, Math.max(8, ...lanes.map((l) => cells(l.label) + (l.kind === 'task' ? 2 : 0)))) + 1;
  const track = Math.max(4, width - labelWidth);
  // With no simulated time passing (everything at t=0), events are spread in trace order.
  const byTime = endTime > 0;
  const x = (t: number, index: number): number =>
    Math.round(byTime ? (Math.min(t, endTime) / endTime) * (track - 1) : (index / Math.max(1, totalEvents - 1)) * (track - 1));
  const cursor = x(state.t, state.count - 1);
  const out: Line[] = [ruler(title, labelWidth, track, endTime, byTime, cursor)];
  for (const lane of lanes) out.push(laneLine(lane, state, labelWidth, track, cursor, x));
  return out;
}

/** Thread lanes always; task lanes grouped under their thread, live tasks first when rows run short. */
function pickLanes(all: readonly Lane[], rows: number): Lane[] {
  const threads = all.filter((l) => l.kind === 'thread');
  const ordered: Lane[] = [];
  for (const th of threads) ordered.push(th, ...all.filter((l) => l.kind === 'task' && l.thread === th.label));
  for (const l of all) if (!ordered.includes(l)) ordered.push(l);
  if (ordered.length <= rows) return ordered;
  const rank = (l: Lane) => (l.kind === 'thread' ? 3 : isFinished(l) ? 0 : 1);
  const keep = new Set([...ordered].sort((a, b) => rank(b) - rank(a)).slice(0, rows));
  return ordered.filter((l) => keep.has(l));
}

function isFinished(lane: Lane): boolean {
  const last = lane.marks?.item.kind;
  return last === 'done' || last === 'cancelled';
}

function ruler(title: string, labelWidth: number, track: number, endTime: number, byTime: boolean, cursor: number): Line {
  const chars = Array.from({ length: track }, () => '·');
  if (byTime) {
    const step = niceStep(endTime, Math.max(1, Math.floor(track / 10)));
    for (let t = 0; t <= endTime + 1e-9; t += step) {
      const col = Math.round((t / endTime) * (track - 1));
      const label = trimFloat(t);
      if (col + label.length > track) break;
      for (let i = 0; i < label.length; i++) chars[col + i] = label[i]!;
    }
  } else {
    const label = 't = 0 (in event order)';
    for (let i = 0; i < Math.min(label.length, track); i++) chars[i] = label[i]!;
  }
  // The cursor is drawn in reverse video so the ruler's labels stay readable under it.
  const at = chars[cursor] === '·' ? '▼' : chars[cursor]!;
  return [
    { text: pad(`${title}${byTime ? ' s' : ''}`, labelWidth), bold: true },
    { text: chars.slice(0, cursor).join(''), dim: true },
    { text: at, color: 'cyan', bold: true, inverse: at !== '▼' },
    { text: chars.slice(cursor + 1).join(''), dim: true },
  ];
}

function laneLine(lane: Lane, state: LabState, labelWidth: number, track: number, cursor: number, x: (t: number, index: number) => number): Line {
  const row: (Cell | undefined)[] = Array.from({ length: track });
  const put = (col: number, cell: Cell) => {
    if (col < 0 || col >= track) return;
    const here = row[col];
    if (!here || here.prio < cell.prio) row[col] = cell; // newest first: the newest wins a tie
  };
  const draw = (mark: Pick<Mark, 't' | 'end' | 'kind' | 'index' | 'race'>, endIndex: number) => {
    const g = glyphs[mark.kind];
    const from = x(mark.t, mark.index);
    const to = mark.end === undefined ? from : x(mark.end, endIndex);
    for (let col = from; col <= to; col++) put(col, g);
    if (mark.race) put(from, RACE);
  };
  // Oldest marks first would draw the same; walking the chain from the newest needs no array.
  for (let c = lane.marks; c; c = c.prev) draw(c.item, c.item.index);
  // An open span is drawn once time has passed in it (a callback that takes no time is just its mark).
  if (lane.open && state.t > lane.open.t) draw({ t: lane.open.t, end: state.t, kind: lane.open.kind, index: state.count - 1 }, state.count - 1);
  const label = lane.kind === 'task' ? `  ${lane.label}` : lane.label;
  const segs: Seg[] = [{ text: fitLabel(label, labelWidth), ...(lane.kind === 'thread' ? { color: 'blue', bold: true } : { dim: true }) }];
  row.forEach((cell, col) => {
    if (col === cursor) segs.push({ text: cell?.glyph ?? '│', color: cell?.color ?? 'cyan', inverse: cell !== undefined });
    else segs.push(cell ? { text: cell.glyph, ...(cell.color ? { color: cell.color } : {}) } : { text: ' ' });
  });
  return merge(segs);
}

function fitLabel(label: string, width: number): string {
  // Cut to leave one blank cell before the track, then padded to exactly `width` cells.
  return pad(fit(label, width - 1), width);
}

/** Joins neighbouring segments of the same style (fewer Text nodes to draw). */
function merge(segs: Seg[]): Seg[] {
  const out: Seg[] = [];
  for (const seg of segs) {
    const last = out.at(-1);
    if (last && last.color === seg.color && last.bold === seg.bold && last.dim === seg.dim && last.inverse === seg.inverse) {
      out[out.length - 1] = { ...last, text: last.text + seg.text };
    } else out.push(seg);
  }
  return out;
}

/** A round tick interval giving at most `ticks` ticks over `span`. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function trimFloat(t: number): string {
  return pyFloat(Number(t.toPrecision(6)));
}
