// The FUTURES & TASKS panel: each future and task with its state word coloured as CPython's
// states (PENDING amber, FINISHED green, CANCELLED red) and what a pending task waits on: in words
// at the learner level (the future's name: `waiting on sleep(0.5)`), CPython's repr at the exact
// level (`waits on <Future pending cb=[Task.task_wakeup()]>`).
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { callText, seconds, shortArgs } from '../format.js';
import { say, sayf } from '../i18n.js';
import { callbackName } from '../learner/words.js';
import { isCancelled } from '../state/loop.js';
import { firstFutures, futureList, waitingTasks } from '../state/futures.js';
import { get } from '../state/intmap.js';
import type { Level } from '../state/replay.js';
import type { AnyFutureState, FutureView, LabState } from '../state/types.js';
import type { Color } from '../style.js';
import { wrapSegs } from '../wrap-text.js';

export const stateColor: Record<AnyFutureState, Color> = { PENDING: 'yellow', RUNNING: 'cyan', FINISHED: 'green', CANCELLED: 'red' };

/**
 * Title plus one line per future, in creation order. When they do not all fit in `rows`, the most
 * relevant (tasks and pending futures first, then the most recently changed) and a last line
 * saying how many more there are. A future's line wider than `width` wraps onto rows indented
 * under its name (never cut), which count toward `rows`. One pass over the futures, whatever
 * their number.
 */
export function futureLines(state: LabState, lang: Lang, rows: number, level: Level = 'exact', width = Number.POSITIVE_INFINITY): Line[] {
  const title: Line = [{ text: say('futures', lang), bold: true }];
  const total = state.futures.size;
  if (total === 0) return [title, [{ text: say('empty', lang), dim: true }]];
  const room = Math.max(1, rows - 1);
  // Up to a few hundred, the most relevant are picked from all of them; beyond, the first created
  // are drawn (a frame costs what the rows cost, not what thousands of tasks would).
  // When they do not all fit, the last row says how many more; in two rows, the title does (beside it).
  const pick = (listed: number) => (total <= listed ? futureList(state) : total <= RANKED_UP_TO ? mostRelevant(futureList(state), listed) : firstFutures(state, listed));
  const wrap = (line: Line) => (width === Number.POSITIVE_INFINITY ? [line] : wrapSegs(line, width, { indent: FOLLOW_INDENT }));
  let listed = total <= room ? total : room === 1 ? 1 : room - 1;
  let shown: readonly FutureView[];
  let body: Line[];
  // Wrapped lines take more rows: fewer futures are listed until their rows and the "+N more" row fit.
  for (;;) {
    shown = pick(listed);
    const nameWidth = Math.min(12, Math.max(0, ...shown.map((f) => f.name.length)));
    body = shown.flatMap((f) => wrap(futureLine(f, nameWidth, state.count - 1, lang, level, state)));
    const moreRow = shown.length < total && room > 1 ? 1 : 0;
    if (listed <= 1 || body.length + moreRow <= room) break;
    listed = Math.min(listed - 1, Math.max(1, room - 1));
  }
  // "+N more" on a row of its own, or beside the title when the one future listed needs every row
  // (a future taller than the panel shows its first rows).
  const moreInTitle = shown.length < total && (room === 1 || body.length + 1 > room);
  const lines = [title, ...body.slice(0, room - (shown.length < total && !moreInTitle ? 1 : 0))];
  const more: Seg = { text: `  +${(total - shown.length).toLocaleString('en-US')} ${say('more', lang)}`, dim: true };
  if (shown.length < total) {
    if (moreInTitle) lines[0] = [...title, more];
    else lines.push([more]);
  }
  return lines;
}

/** Cells a future's wrapped rows are indented by: under its name, clear of the rows that start a future. */
const FOLLOW_INDENT = 4;

/** Beyond this many futures and tasks, the panel lists the first ones rather than the most relevant. */
export const RANKED_UP_TO = 256;

/** The `n` futures ranked highest, in creation order: a bounded selection, no sort of them all. */
function mostRelevant(all: readonly FutureView[], n: number): FutureView[] {
  const rank = (f: FutureView) => (f.kind === 'Task' ? 2 : 0) + (f.state === 'PENDING' ? 1 : 0);
  const better = (a: FutureView, b: FutureView) => rank(a) - rank(b) || a.changedAt - b.changedAt;
  // The best n so far, worst first (n is a screen's rows, so inserting in order is cheap).
  const best: FutureView[] = [];
  for (const f of all) {
    if (best.length === n && better(f, best[0]!) <= 0) continue;
    let at = 0;
    while (at < best.length && better(best[at]!, f) < 0) at++;
    best.splice(at, 0, f);
    if (best.length > n) best.shift();
  }
  const keep = new Set(best);
  return all.filter((f) => keep.has(f));
}

function futureLine(f: FutureView, nameWidth: number, lastIndex: number, lang: Lang, level: Level, state: LabState): Line {
  const changed = f.changedAt === lastIndex;
  const learner = level === 'learner';
  // At the learner level a task's name says it is one (`Task-2 worker('a', 0.2)`): no kind column, no padding.
  const line: Seg[] = [{ text: changed ? '▸ ' : '  ', color: 'cyan' }];
  // A concurrent future's name is its class (concurrent.futures.Future): no kind column either.
  if (f.kind !== 'ConcurrentFuture' && (!learner || f.kind === 'Future')) line.push({ text: `${f.kind === 'Task' ? 'Task  ' : 'Future'} `, dim: true });
  line.push({ text: (learner ? f.name : f.name.padEnd(nameWidth)) + ' ', bold: f.kind === 'Task' });
  // The learner reads who it is first (`Task-2 worker('a', 0.2)`), then its state; the exact level
  // keeps CPython's coroutine name (its reprs show no arguments) after the state.
  if (level === 'learner' && f.coro) line.push({ text: `${callText(f.coro, f.args === undefined ? undefined : shortArgs(f.args))} ` });
  line.push({ text: f.state, color: stateColor[f.state], bold: changed });
  if (level === 'exact' && f.coro) line.push({ text: ` ${f.coro}`, dim: true });
  if (f.stepping) line.push({ text: ` ${say('running', lang)}`, color: 'cyan' });
  else if (f.waitingRepr !== undefined && f.state === 'PENDING') line.push(...waitSegs(f, lang, level, state));
  if (f.state === 'PENDING') line.push(...pendingFutureSegs(f, lang, level, state));
  if (f.cancelRequested && f.state === 'PENDING') line.push({ text: ' cancel()', color: 'red' });
  if (f.state === 'FINISHED' && f.result !== undefined) line.push({ text: ` = ${f.result}`, color: 'green' });
  if (f.exception) line.push({ text: ` ${f.exception}`, color: 'red' });
  // The concurrent.futures.Future run_coroutine_threadsafe returned to the other thread, which its result() waits on.
  if (learner && f.concurrent) line.push({ text: ` ${sayf(f.state === 'PENDING' ? 'chainedPending' : 'chainedDone', lang)}`, color: 'magenta' });
  // The other end of that chain (the trace's futures_chained): what sets it.
  const source = f.chainedFrom === undefined ? undefined : get(state.futures, f.chainedFrom);
  if (source !== undefined && (f.state === 'PENDING' || f.state === 'RUNNING')) line.push({ text: ` ${sayf('chainedFrom', lang, source.name)}`, color: 'magenta' });
  return line;
}

/**
 * What a suspended task waits on: at the learner level the future by name and when it is due
 * (`· waiting on sleep(0.2) · wakes at 0.200`), at the exact level CPython's repr of it.
 */
function waitSegs(f: FutureView, lang: Lang, level: Level, state: LabState): Seg[] {
  if (level === 'learner') {
    if (f.waitingOn === null) return [{ text: ` ${sayf('yielded', lang)}` }];
    const on = f.waitingOn === undefined ? undefined : get(state.futures, f.waitingOn);
    if (on !== undefined) {
      const due = wakeTime(on, state);
      return [{ text: ` ${sayf('waitingOn', lang, on.name)}` }, ...(due === undefined ? [] : [{ text: ` ${sayf('wakesAt', lang, seconds(due))}`, color: 'yellow' as const }])];
    }
  }
  return [{ text: ` ${say('waitsOn', lang)} ${f.waitingRepr}` }];
}

/**
 * A pending future's own news: who waits on it and when its timer settles it (learner), and the
 * done callbacks it holds, by name (learner) or as its repr's `cb=[...]` (exact).
 */
function pendingFutureSegs(f: FutureView, lang: Lang, level: Level, state: LabState): Seg[] {
  const out: Seg[] = [];
  if (level === 'learner' && f.kind === 'Future') {
    const due = wakeTime(f, state);
    const waiting = waiterNames(state, f, lang);
    if (waiting !== undefined) out.push({ text: ` ${sayf(due === undefined ? 'wakes' : 'wakesAtTime', lang, waiting, due === undefined ? '' : seconds(due))}`, ...(due === undefined ? {} : { color: 'yellow' as const }) });
    else if (due !== undefined) out.push({ text: ` ${sayf('doneAt', lang, seconds(due))}`, color: 'yellow' });
  }
  // The chain's own callback is said by `concurrent` (futureLine).
  const callbacks = level === 'learner' && f.concurrent ? (f.callbacks ?? []).filter((cb) => !cb.startsWith('_chain_future.')) : f.callbacks ?? [];
  if (callbacks.length > 0) {
    out.push(level === 'learner' ? { text: ` ${sayf('whenDone', lang, callbacks.map(callbackName).join(', '))}`, color: 'magenta' } : { text: ` cb=[${callbacks.join(', ')}]`, color: 'magenta' });
  }
  return out;
}

/** When a future's timer settles it (sleep's deadline), while that timer is still on its way. */
function wakeTime(f: FutureView, state: LabState): number | undefined {
  if (f.timer === undefined || f.state !== 'PENDING') return undefined;
  const loop = state.loops.find((l) => l.id === f.loop);
  return loop === undefined || isCancelled(loop, f.timer.handle) ? undefined : f.timer.due;
}

/** The tasks waiting on `f`, by name (a few, then how many more), or undefined when none does. */
function waiterNames(state: LabState, f: FutureView, lang: Lang): string | undefined {
  const count = f.waiters?.size ?? 0;
  if (count === 0) return undefined;
  const names = waitingTasks(state, f, WAITERS_NAMED).map((task) => task.name);
  return count > names.length ? `${names.join(', ')} +${(count - names.length).toLocaleString('en-US')} ${say('more', lang)}` : names.join(', ');
}

/** How many of a future's waiters its row names. */
const WAITERS_NAMED = 3;
