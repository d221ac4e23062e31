// The LOOP panel: for each event loop, its state, the ready deque in order with the current
// iteration's batch boundary, the timer heap in the order heappop will take the timers (with
// CPython's reprs) and what the selector waits for. Long queues show their head and "+N more".
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { callText, handleRepr, pyFloat, seconds, shortArgs } from '../format.js';
import { say, sayf } from '../i18n.js';
import { leavingOrder } from '../state/heap.js';
import { isCancelled as isCancelledIn, readyHandles } from '../state/loop.js';
import { queueLength } from '../state/queue.js';
import { waitingTasks } from '../state/futures.js';
import { get } from '../state/intmap.js';
import type { Level } from '../state/replay.js';
import type { HandleView, LabState, LoopView } from '../state/types.js';
import { wrapLine } from '../wrap-text.js';

/**
 * Every loop's lines, the ready queue and heap listings shortened (head kept) to fit `rows`. A
 * line wider than `width` wraps under its label (never cut), and its rows count toward `rows`.
 */
export function loopLines(state: LabState, lang: Lang, rows = Number.POSITIVE_INFINITY, level: Level = 'exact', width = Number.POSITIVE_INFINITY): Line[] {
  if (state.loops.length === 0) return [[{ text: say('loop', lang), bold: true }], [{ text: say('noLoop', lang), dim: true }]];
  let lines: Line[] = [];
  const words = level === 'learner' ? learnerHandles(state, lang) : exactHandle;
  // Fewer handles listed until the rows fit; at last, compact: "+N more" before the one handle
  // listed, and no note on the heap's order (a panel cut below would lose its "+N more").
  for (let cap = 12; cap >= 0; cap--) {
    lines = state.loops.flatMap((loop) => oneLoop(loop, state.loops.length > 1, lang, Math.max(1, cap), words, cap === 0));
    if (width !== Number.POSITIVE_INFINITY) lines = lines.flatMap((line) => wrapLine(line, width));
    if (lines.length <= rows) break;
  }
  return lines;
}

/** How a handle reads in the panel: CPython's repr (exact) or what it will do, in words (learner). */
type HandleWords = (h: HandleView, loop: LoopView, cancelled: boolean) => string;

const exactHandle: HandleWords = (h, _loop, cancelled) => handleRepr({ ...h, cancelled });

/**
 * Handles in words: a task's step or wake-up by the task (`step of Task-2 worker('a', 0.2)`), a
 * sleep's timer by what it wakes (`sleep(0.2) → wakes Task-2`), any other callback as called.
 */
function learnerHandles(state: LabState, lang: Lang): HandleWords {
  return (h, _loop, cancelled) => {
    if (cancelled) return sayf('handleCancelled', lang, h.callback);
    const task = h.task === undefined ? undefined : get(state.futures, h.task);
    if (task !== undefined) {
      const who = task.coro ? `${task.name} ${callText(task.coro, task.args === undefined ? undefined : shortArgs(task.args))}` : task.name;
      return sayf(/task_wakeup/.test(h.callback) ? 'handleWakeup' : 'handleStep', lang, who);
    }
    const settles = h.future === undefined ? undefined : get(state.futures, h.future);
    if (settles !== undefined) {
      const waiter = waitingTasks(state, settles, 1)[0]?.name;
      return waiter === undefined ? sayf('timerSettles', lang, settles.name) : sayf('timerWakes', lang, settles.name, waiter);
    }
    return h.callback;
  };
}

function oneLoop(loop: LoopView, several: boolean, lang: Lang, cap: number, words: HandleWords, compact: boolean): Line[] {
  const stateColor = loop.state === 'running' ? 'green' : loop.state === 'closed' ? 'red' : 'yellow';
  const head: Seg[] = [
    { text: `${say('loop', lang)}${several ? ` #${loop.id}` : ''} `, bold: true },
    { text: `${loop.thread} · ` },
    { text: say(loop.state, lang), color: stateColor },
  ];
  if (loop.iteration > 0) head.push({ text: ` · ${say('iteration', lang)} ${loop.iteration}` });
  if (loop.stopping) head.push({ text: ' · stop()', color: 'yellow' });
  if (loop.debug) head.push({ text: ' · debug', dim: true });
  const out: Line[] = [head];
  if (loop.running) out.push([{ text: pad(say('run', lang)), dim: true }, { text: `▶ ${words(loop.running, loop, false)}`, color: 'cyan' }]);
  out.push(...readyRows(loop, lang, cap, words, compact));
  out.push(...heapRows(loop, lang, cap, words, compact));
  const sel = loop.selector;
  if (sel) {
    const label = { text: pad(say('select', lang)), dim: true };
    if (sel.waiting) {
      // CPython's float as select() got it (exact), or rounded as the header's clock is (learner).
      const timeout = sel.timeout === null ? '' : words === exactHandle ? pyFloat(sel.timeout) : seconds(sel.timeout);
      const text = sel.timeout === null ? sayf('selectWaitingNone', lang) : sayf('selectWaiting', lang, timeout, seconds(sel.since + sel.timeout));
      out.push([label, { text, color: 'yellow' }]);
    } else if (sel.woke) {
      out.push([label, { text: sayf('selectWoke', lang, seconds(sel.woke.at), say(sel.woke.reason, lang), seconds(sel.woke.slept)), dim: true }]);
    }
  }
  return out;
}

/**
 * The ready deque head first, at most `cap` handles. The batch boundary: handles above the line run
 * in this iteration (`ntodo`), those below it were scheduled during it and wait for the next.
 */
function readyRows(loop: LoopView, lang: Lang, cap: number, words: HandleWords, compact: boolean): Line[] {
  const label = pad(say('ready', lang));
  const total = queueLength(loop.ready);
  if (total === 0) return [[{ text: label, dim: true }, { text: say('empty', lang), dim: true }]];
  const inBatch = loop.batch > 0 || loop.running !== undefined;
  const boundary = inBatch && loop.batch < total ? loop.batch : -1;
  const out: Line[] = [];
  readyHandles(loop, cap).forEach((h, i) => {
    if (i === boundary) out.push([{ text: out.length === 0 ? label : pad(''), dim: true }, { text: say('nextIteration', lang), dim: true }]);
    const moved = h.id === loop.moved;
    const isCancelled = isCancelledIn(loop, h.id);
    out.push([
      { text: out.length === 0 ? label : pad(''), dim: true },
      { text: moved ? '→ ' : `${i + 1} `, ...(moved ? { color: 'cyan', bold: true } : { dim: true }) },
      { text: words(h, loop, isCancelled), ...(isCancelled ? { dim: true } : moved ? { color: 'cyan' } : {}) },
      ...(h.threadsafe ? [{ text: ' (threadsafe)', dim: true }] : []),
    ]);
  });
  if (total > cap) withMore(out, total - cap, lang, compact);
  return out;
}

/** The heap's first `cap` timers in the order heappop will take them, and how many more. */
function heapRows(loop: LoopView, lang: Lang, cap: number, words: HandleWords, compact: boolean): Line[] {
  const label = pad(say('heap', lang));
  if (loop.heap.size === 0) return [[{ text: label, dim: true }, { text: say('empty', lang), dim: true }]];
  const out: Line[] = leavingOrder(loop.heap, cap).map((h, i) => {
    const isCancelled = isCancelledIn(loop, h.id);
    return [
      { text: i === 0 ? label : pad(''), dim: true },
      // In words, the deadline on the header's clock once the loop's clock offset is known; CPython's `when` otherwise.
      { text: `${seconds((h.when ?? 0) - (words === exactHandle ? 0 : loop.clockOffset ?? 0))} `, color: i === 0 ? 'yellow' : undefined, dim: isCancelled },
      { text: words(h, loop, isCancelled), dim: isCancelled },
    ] as Seg[];
  });
  // Say which order this is (the heap's array order would read differently), once there is an order.
  if (loop.heap.size > 1 && !compact) out.push([{ text: pad(''), dim: true }, { text: say('leavingOrder', lang), dim: true }]);
  if (loop.heap.size > cap) withMore(out, loop.heap.size - cap, lang, compact);
  return out;
}

/**
 * "+N more" on a row of its own, or (compact) on the first row, right after the label: the one
 * handle listed may wrap onto rows the panel cannot show, the count is never among them.
 */
function withMore(out: Line[], n: number, lang: Lang, compact: boolean): void {
  const text = `+${n.toLocaleString('en-US')} ${say('more', lang)}`;
  if (compact) {
    const [label, ...rest] = out[0]!;
    out[0] = [label!, { text: `${text} · `, dim: true }, ...rest];
  } else out.push([{ text: pad(''), dim: true }, { text, dim: true }]);
}

function pad(label: string): string {
  // Labels are ASCII or CJK; CJK characters take two cells, so pad by cells.
  let width = 0;
  for (const ch of label) width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return `  ${label}${' '.repeat(Math.max(1, 9 - width))}`;
}
