// The LOOP panel: for each event loop, its state, the ready deque in order with the current
// iteration's batch boundary, the timer heap in the order heappop will take the timers (with
// CPython's reprs) and what the selector waits for. Long queues show their head and "+N more".
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { handleRepr, pyFloat, seconds } from '../format.js';
import { say, sayf } from '../i18n.js';
import { leavingOrder } from '../state/heap.js';
import { isCancelled as isCancelledIn, readyHandles } from '../state/loop.js';
import { queueLength } from '../state/queue.js';
import type { LabState, LoopView } from '../state/types.js';

/** Every loop's lines, the ready queue and heap listings shortened (head kept) to fit `rows`. */
export function loopLines(state: LabState, lang: Lang, rows = Number.POSITIVE_INFINITY): Line[] {
  if (state.loops.length === 0) return [[{ text: say('loop', lang), bold: true }], [{ text: say('noLoop', lang), dim: true }]];
  let lines: Line[] = [];
  for (let cap = 12; cap >= 1; cap--) {
    lines = state.loops.flatMap((loop) => oneLoop(loop, state.loops.length > 1, lang, cap));
    if (lines.length <= rows) break;
  }
  return lines;
}

function oneLoop(loop: LoopView, several: boolean, lang: Lang, cap: number): Line[] {
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
  if (loop.running) out.push([{ text: pad(say('run', lang)), dim: true }, { text: `▶ ${handleRepr({ ...loop.running, cancelled: false })}`, color: 'cyan' }]);
  out.push(...readyRows(loop, lang, cap));
  out.push(...heapRows(loop, lang, cap));
  const sel = loop.selector;
  if (sel) {
    const label = { text: pad(say('select', lang)), dim: true };
    if (sel.waiting) {
      const text = sel.timeout === null ? sayf('selectWaitingNone', lang) : sayf('selectWaiting', lang, pyFloat(sel.timeout), seconds(sel.since + sel.timeout));
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
function readyRows(loop: LoopView, lang: Lang, cap: number): Line[] {
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
      { text: handleRepr({ ...h, cancelled: isCancelled }), ...(isCancelled ? { dim: true } : moved ? { color: 'cyan' } : {}) },
      ...(h.threadsafe ? [{ text: ' (threadsafe)', dim: true }] : []),
    ]);
  });
  if (total > cap) out.push(more(total - cap, lang));
  return out;
}

/** The heap's first `cap` timers in the order heappop will take them, and how many more. */
function heapRows(loop: LoopView, lang: Lang, cap: number): Line[] {
  const label = pad(say('heap', lang));
  if (loop.heap.size === 0) return [[{ text: label, dim: true }, { text: say('empty', lang), dim: true }]];
  const out: Line[] = leavingOrder(loop.heap, cap).map((h, i) => {
    const isCancelled = isCancelledIn(loop, h.id);
    return [
      { text: i === 0 ? label : pad(''), dim: true },
      { text: `${seconds(h.when ?? 0)} `, color: i === 0 ? 'yellow' : undefined, dim: isCancelled },
      { text: handleRepr({ ...h, cancelled: isCancelled }), dim: isCancelled },
    ] as Seg[];
  });
  // Say which order this is (the heap's array order would read differently), once there is an order.
  if (loop.heap.size > 1) out.push([{ text: pad(''), dim: true }, { text: say('leavingOrder', lang), dim: true }]);
  if (loop.heap.size > cap) out.push(more(loop.heap.size - cap, lang));
  return out;
}

function more(n: number, lang: Lang): Line {
  return [{ text: pad(''), dim: true }, { text: `+${n.toLocaleString('en-US')} ${say('more', lang)}`, dim: true }];
}

function pad(label: string): string {
  // Labels are ASCII or CJK; CJK characters take two cells, so pad by cells.
  let width = 0;
  for (const ch of label) width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return `  ${label}${' '.repeat(Math.max(1, 9 - width))}`;
}
