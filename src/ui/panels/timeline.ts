// The TIMELINE panel: a ruler over the run's simulated time with a cursor at the current step,
// one lane per thread and, under it, one lane per task of the loop that thread runs. Callbacks,
// timer expiries and task steps are points; blocking, selector waits and callbacks that hold the
// thread are bars; Ctrl+C and races are flagged.
import type { Line, Seg } from '../components/Lines.js';
import { cells, fit, pad, pyFloat, seconds } from '../format.js';
import { type Chain, lastItems } from '../state/chain.js';
import { RANKED_UP_TO } from './futures.js';
import { laneCount, laneList } from '../state/lanes.js';
import type { LabState, Lane, Wake } from '../state/types.js';
import { drawMark, markCells, type Ruler } from './marks.js';

export interface TimelineInput {
  readonly state: LabState;
  /** Simulated time at the end of the whole trace (the ruler's right end). */
  readonly endTime: number;
  /** Events in the whole trace (the axis when no simulated time passes at all). */
  readonly totalEvents: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** The ruler's words when no simulated time passes, in the learner's language. @default 't = 0 (in event order)' */
  readonly orderLabel?: string;
  /** Zoom (1 = the whole run; 2 = half of it...) and pan (quarters of the window from the cursor's). @default whole run */
  readonly view?: TimelineView;
  /** The wake-ups row's label, in the learner's language. @default 'wakes' */
  readonly wakesLabel?: string;
  /** "more" in "+N more" (lanes left out), in the learner's language. @default 'more' */
  readonly moreLabel?: string;
}

/** Rows the timeline wants beyond its lanes: one naming the latest wake-ups between threads, once there is one. */
export function wakeRows(state: LabState): number {
  return state.wakes === undefined ? 0 : 1;
}

/**
 * The latest wake-ups, newest last, as many as fit: `0.000 MainThread ⇢ Thread-1 (start_loop): select`
 * (the waker's ⇢ and the woken's ⇣ are the marks on their lanes at that time).
 */
function wakesLine(wakes: Chain<Wake>, labelWidth: number, track: number, label: string): Line {
  const texts: string[] = [];
  let used = 0;
  for (const w of lastItems(wakes, 4).reverse()) {
    const text = `${seconds(w.t)} ${w.waker} ⇢ ${w.woken}: ${w.on}`;
    if (texts.length > 0 && used + cells(text) + 3 > track) break;
    texts.unshift(text);
    used += cells(text) + 3;
  }
  return [{ text: fitLabel(label, labelWidth), color: 'magenta' }, { text: fit(texts.join(' · '), track), color: 'magenta' }];
}

export interface TimelineView {
  readonly zoom: number;
  readonly pan: number;
}

/**
 * The simulated seconds the track shows: the whole run, or 1/zoom of it around the cursor moved by
 * `pan` quarters. The window moves in quarter steps as the cursor does, so drawings kept for one
 * window (marks.ts) serve several frames.
 */
export function timeWindow(endTime: number, t: number, view: TimelineView | undefined): { from: number; span: number } {
  if (!view || view.zoom <= 1 || endTime <= 0) return { from: 0, span: endTime };
  const span = endTime / view.zoom;
  const quarter = span / 4;
  const centred = Math.floor((t - span / 2) / quarter) * quarter + view.pan * quarter;
  return { from: Math.max(0, Math.min(endTime - span, centred)), span };
}

export function timelineLines({ state, endTime, totalEvents, width, height, title, orderLabel = 't = 0 (in event order)', view, wakesLabel = 'wakes', moreLabel = 'more' }: TimelineInput): Line[] {
  // Up to a few hundred lanes, live tasks are picked first from all of them; beyond, the first
  // created are drawn, so a frame costs what its rows cost.
  const rows = Math.max(0, height - 1);
  const total = laneCount(state);
  const picked = pickLanes(total <= RANKED_UP_TO ? laneList(state) : laneList(state, rows), rows);
  const lanes = picked.lanes;
  const hidden = total - lanes.length;
  // Widths in terminal cells throughout (a CJK character takes two).
  const labelWidth = Math.min(width >= 100 ? 24 : 16, Math.max(8, ...lanes.map((l) => cells(l.label) + (l.kind === 'task' ? 2 : 0)))) + 1;
  const track = Math.max(4, width - labelWidth);
  // With no simulated time passing (everything at t=0), events are spread in trace order.
  const byTime = endTime > 0;
  // Zoomed in, times outside the window fall off the track (marks.ts draws only its columns).
  const { from, span } = timeWindow(endTime, state.t, view);
  const x = (t: number, index: number): number =>
    Math.round(byTime ? ((Math.min(t, endTime) - from) / span) * (track - 1) : (index / Math.max(1, totalEvents - 1)) * (track - 1));
  const scale: Ruler = { key: `${track}:${endTime}:${totalEvents}:${from}:${span}`, track, x };
  // Clamped: before the first event arrives (a run still starting) the cursor stands at the start;
  // panned away from it, there is no cursor on the track (-1).
  const at = x(state.t, state.count - 1);
  const cursor = at >= track || (at < 0 && from > 0) ? -1 : Math.max(0, at);
  const zoomed = span < endTime ? ` ×${Math.round(endTime / span)}` : '';
  const out: Line[] = [ruler(title, orderLabel, labelWidth, track, { from, span, zoomed }, byTime, cursor)];
  // The wake-ups row takes the last row when there is one past the lanes (layout gives it: wakeRows).
  const wakeRow = state.wakes !== undefined && lanes.length + (hidden > 0 ? 1 : 0) < rows;
  for (const lane of lanes) out.push(laneLine(lane, state, labelWidth, scale, cursor));
  if (hidden > 0 && rows > 0) out.push([{ text: `  +${hidden.toLocaleString('en-US')} ${moreLabel}`, dim: true }]);
  if (wakeRow) out.push(wakesLine(state.wakes!, labelWidth, track, wakesLabel));
  return out;
}

/**
 * Thread lanes always; task lanes grouped under their thread. When rows run short, live tasks
 * before finished ones, and the last row says how many lanes are not drawn. Linear in the lanes.
 */
function pickLanes(all: readonly Lane[], rows: number): { lanes: Lane[]; hidden: number } {
  const threads = all.filter((l) => l.kind === 'thread');
  const byThread = new Map<string, Lane[]>(threads.map((th) => [th.label, []]));
  const orphans: Lane[] = [];
  for (const l of all) if (l.kind === 'task') (byThread.get(l.thread) ?? orphans).push(l);
  const ordered: Lane[] = [];
  for (const th of threads) ordered.push(th, ...byThread.get(th.label)!);
  ordered.push(...orphans);
  if (ordered.length <= rows || rows === 0) return { lanes: ordered.slice(0, rows), hidden: 0 };
  // One row says how many more there are.
  const room = Math.max(0, rows - 1);
  const keep = new Set<Lane>();
  for (const rank of [(l: Lane) => l.kind === 'thread', (l: Lane) => l.kind === 'task' && !isFinished(l), (l: Lane) => l.kind === 'task' && isFinished(l)]) {
    for (const l of ordered) {
      if (keep.size >= room) break;
      if (rank(l)) keep.add(l);
    }
  }
  return { lanes: ordered.filter((l) => keep.has(l)), hidden: ordered.length - keep.size };
}

function isFinished(lane: Lane): boolean {
  const last = lane.marks?.item.kind;
  return last === 'done' || last === 'cancelled';
}

function ruler(title: string, orderLabel: string, labelWidth: number, track: number, { from, span, zoomed }: { from: number; span: number; zoomed: string }, byTime: boolean, cursor: number): Line {
  const chars = Array.from({ length: track }, () => '·');
  if (byTime) {
    const step = niceStep(span, Math.max(1, Math.floor(track / 10)));
    for (let t = Math.ceil(from / step - 1e-9) * step; t <= from + span + 1e-9; t += step) {
      const col = Math.round(((t - from) / span) * (track - 1));
      const label = trimFloat(t);
      if (col + label.length > track) break;
      for (let i = 0; i < label.length; i++) chars[col + i] = label[i]!;
    }
  } else {
    // A wide (CJK) character fills two cells: the second holds '' so that cells and array slots agree.
    let col = 0;
    for (const ch of orderLabel) {
      const w = cells(ch);
      if (col + w > track) break;
      chars[col] = ch;
      if (w === 2) chars[col + 1] = '';
      col += w;
    }
  }
  // Under the cursor a wide character would be cut in half: the cursor takes both its cells there.
  if (chars[cursor] === '' || cells(chars[cursor] ?? '') === 2) {
    const start = chars[cursor] === '' ? cursor - 1 : cursor;
    chars[start] = '·';
    chars[start + 1] = '·';
  }
  const name = `${title}${byTime ? ' s' : ''}`;
  const head = { text: zoomed ? pad(fit(`${name}${zoomed}`, labelWidth - 1), labelWidth) : pad(name, labelWidth), bold: true };
  if (cursor < 0) return [head, { text: chars.join(''), dim: true }];
  // The cursor is drawn in reverse video so the ruler's labels stay readable under it.
  const at = chars[cursor] === '·' ? '▼' : chars[cursor]!;
  return [
    head,
    { text: chars.slice(0, cursor).join(''), dim: true },
    { text: at, color: 'cyan', bold: true, inverse: at !== '▼' },
    { text: chars.slice(cursor + 1).join(''), dim: true },
  ];
}

function laneLine(lane: Lane, state: LabState, labelWidth: number, scale: Ruler, cursor: number): Line {
  const row = markCells(lane.marks, scale);
  // An open span is drawn once time has passed in it (a callback that takes no time is just its mark);
  // it gives way to the marks on its columns.
  if (lane.open && state.t > lane.open.t) drawMark(row, { t: lane.open.t, end: state.t, kind: lane.open.kind, index: state.count - 1 }, state.count - 1, scale, false);
  const label = lane.kind === 'task' ? `  ${lane.label}` : lane.label;
  const segs: Seg[] = [{ text: fitLabel(label, labelWidth), ...(lane.kind === 'thread' ? { color: 'blue', bold: true } : { dim: true }) }];
  // Neighbouring columns of the same look are one segment (fewer, longer runs to style).
  let run = '';
  let color: Seg['color'];
  const flush = () => {
    if (run) segs.push(color ? { text: run, color } : { text: run });
    run = '';
  };
  row.forEach((cell, col) => {
    if (col === cursor) {
      flush();
      segs.push({ text: cell?.glyph ?? '│', color: cell?.color ?? 'cyan', inverse: cell !== undefined });
      return;
    }
    if (cell?.color !== color) flush();
    color = cell?.color;
    run += cell ? cell.glyph : ' ';
  });
  flush();
  return segs;
}

function fitLabel(label: string, width: number): string {
  // Cut to leave one blank cell before the track, then padded to exactly `width` cells.
  return pad(fit(label, width - 1), width);
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
