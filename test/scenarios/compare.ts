// Compares what a simulated run printed with what CPython printed, one stream at a time.
//
// Lines must match one for one, in order, after normalization, except where the simulation marks a
// run of consecutive lines of one instant as a race (`race: true`: threads printing at the same
// instant, which real Python may order either way). Such a run matches the recording when the
// recorded text is an interleaving of the run's prints: print() writes each argument, each separator and the newline
// separately, so a thread switch between them tears lines in real output (observed in the
// threads-pool and threads-queue recordings); the comparison accepts exactly such tears. The one
// other order CPython leaves open, that of pending tasks reported at exit by the garbage collector,
// is sorted on both sides, and what a report shows of the collector's order inside one task (see
// `finalizedInEitherOrder`) is compared up to that order.
import { normalizeLine } from './normalize.js';

export interface PrintedLine {
  text: string;
  race?: boolean;
  /** The instant (time advanced by waits only): lines of different instants never trade places. */
  instant?: number;
}

export type Comparison = { ok: true } | { ok: false; reason: string };

/**
 * The writes one print() makes: its arguments and the separators between them, then the newline.
 * Which spaces in a printed line separate arguments is not known here, so every space counts as a
 * possible boundary (a superset of the real ones).
 */
function writes(line: string): string[] {
  return [...line.split(/( )/).filter((piece) => piece !== ''), '\n'];
}

/**
 * True when `recorded` (lines joined with newlines, one trailing) is an interleaving of the writes of
 * `lines`. Even one thread's lines may trade places: when two threads act on one loop at the same
 * instant (a timer falls due as another thread submits a coroutine), the loop thread's own prints
 * come in either order.
 */
function isInterleaving(recorded: string, lines: readonly { text: string }[]): boolean {
  const pieces = lines.map((l) => writes(l.text));
  const failed = new Set<string>();
  // state: position in `recorded`, and for each line how many of its writes are already placed
  const search = (pos: number, done: number[]): boolean => {
    if (pos === recorded.length) return done.every((n, i) => n === pieces[i]!.length);
    const key = `${pos}:${done.join(',')}`;
    if (failed.has(key)) return false;
    for (let i = 0; i < pieces.length; i++) {
      const next = pieces[i]![done[i]!];
      if (next === undefined || !recorded.startsWith(next, pos)) continue;
      done[i]!++;
      if (search(pos + next.length, done)) return true;
      done[i]!--;
    }
    failed.add(key);
    return false;
  };
  return search(0, lines.map(() => 0));
}

const DESTROYED = 'Task was destroyed but it is pending!';

/**
 * At exit the garbage collector finalizes pending tasks in an order CPython does not define (it
 * differs between runs of the same program): each run of consecutive reports, `Task was destroyed but
 * it is pending!` through its `task: <Task ...>` line (debug mode puts the `source_traceback:` block
 * between them), is sorted by the task line, on both sides.
 */
function sortDestroyedTasks<L extends { text: string }>(lines: L[]): L[] {
  const out: L[] = [];
  /** The report starting at `i`, if one does: its lines up to and including `task: ...`. */
  const reportAt = (i: number): L[] | undefined => {
    if (lines[i]?.text !== DESTROYED) return undefined;
    for (let j = i + 1; j < lines.length && lines[j]!.text !== DESTROYED; j++) {
      if (lines[j]!.text.startsWith('task: ')) return lines.slice(i, j + 1);
    }
    return undefined;
  };
  for (let i = 0; i < lines.length; ) {
    const reports: L[][] = [];
    for (let report = reportAt(i); report !== undefined; report = reportAt(i)) {
      reports.push(report);
      i += report.length;
    }
    if (reports.length === 0) out.push(lines[i++]!);
    else {
      const key = (report: L[]) => report[report.length - 1]!.text;
      out.push(...reports.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).flat());
    }
  }
  return out;
}

/**
 * At exit one pass of the cycle collector finalizes a pending task, its coroutine and an enclosing
 * `asyncio.wait` in the order they sit in the collector's generation lists, which depends on when
 * the last collections ran (allocation counts, not anything the program says): the same program
 * reports `coro=<f() running at f.py:6>` when the task goes first and `coro=<f() done, defined at
 * f.py:3>` when its coroutine was closed first; a closed `wait` has removed its `_on_completion`
 * callback. Both sides' report lines are compared with that state left out (the task, its name,
 * what it waits for and any other callback must still match).
 */
function finalizedInEitherOrder(line: string): string {
  if (!line.startsWith('task: <Task pending ')) return line;
  return line
    .replace(/coro=<([^<>]+?)\(\) (?:running at|done, defined at) [^<>]+>/, 'coro=<$1() <suspended or closed>>')
    .replace(/ cb=\[_wait\.<locals>\._on_completion\(\) at [^\]]+\]/, '');
}

/** Compares simulated lines (with race marks) against recorded lines, both normalized here. */
export function compareLines(simulated: readonly PrintedLine[], recorded: readonly string[]): Comparison {
  const sim = sortDestroyedTasks(simulated.map((l) => ({ ...l, text: finalizedInEitherOrder(normalizeLine(l.text)), race: l.race === true })));
  const rec = sortDestroyedTasks(recorded.map((text) => ({ text: finalizedInEitherOrder(normalizeLine(text)) }))).map((l) => l.text);
  let r = 0;
  for (let s = 0; s < sim.length; ) {
    if (!sim[s]!.race) {
      if (rec[r] !== sim[s]!.text) {
        return { ok: false, reason: `line ${r + 1}: expected ${JSON.stringify(rec[r])}, simulated ${JSON.stringify(sim[s]!.text)}` };
      }
      s++;
      r++;
      continue;
    }
    let end = s;
    while (end < sim.length && sim[end]!.race && sim[end]!.instant === sim[s]!.instant) end++;
    const group = sim.slice(s, end);
    const length = group.reduce((n, l) => n + l.text.length + 1, 0);
    // Take recorded lines until they hold exactly as many characters as the group printed.
    let taken = 0;
    let r2 = r;
    while (r2 < rec.length && taken < length) taken += rec[r2++]!.length + 1;
    const text = rec.slice(r, r2).map((l) => `${l}\n`).join('');
    if (taken !== length || !isInterleaving(text, group)) {
      return {
        ok: false,
        reason: `lines ${r + 1}-${r2}: ${JSON.stringify(rec.slice(r, r2))} is not an interleaving of the racing prints ${JSON.stringify(group.map((l) => l.text))}`,
      };
    }
    s = end;
    r = r2;
  }
  if (r < rec.length) return { ok: false, reason: `CPython printed more: ${JSON.stringify(rec.slice(r))}` };
  return { ok: true };
}
