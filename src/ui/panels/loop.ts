// The LOOP panel: for each event loop, its state, the ready deque in order, the timer heap by
// deadline (with CPython's reprs) and what the selector waits for.
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { handleRepr, pyFloat, seconds } from '../format.js';
import { say } from '../i18n.js';
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
    { text: loop.state, color: stateColor },
  ];
  if (loop.iteration > 0) head.push({ text: ` · ${say('iteration', lang)} ${loop.iteration}` });
  if (loop.stopping) head.push({ text: ' · stop()', color: 'yellow' });
  if (loop.debug) head.push({ text: ' · debug', dim: true });
  const out: Line[] = [head];
  if (loop.running) out.push([{ text: '  run   ', dim: true }, { text: `▶ ${handleRepr({ ...loop.running, cancelled: false })}`, color: 'cyan' }]);
  const readyLabel = pad(say('ready', lang));
  if (loop.ready.length === 0) out.push([{ text: readyLabel, dim: true }, { text: say('empty', lang), dim: true }]);
  const more = (n: number): Line => [{ text: pad(''), dim: true }, { text: `… +${n}`, dim: true }];
  loop.ready.slice(0, cap).forEach((h, i) => {
    out.push([
      { text: i === 0 ? readyLabel : pad(''), dim: true },
      { text: h.moved ? '→ ' : `${i + 1} `, ...(h.moved ? { color: 'cyan', bold: true } : { dim: true }) },
      { text: handleRepr(h), ...(h.cancelled ? { dim: true } : h.moved ? { color: 'cyan' } : {}) },
      ...(h.threadsafe ? [{ text: ' (threadsafe)', dim: true }] : []),
    ]);
  });
  if (loop.ready.length > cap) out.push(more(loop.ready.length - cap));
  const heapLabel = pad(say('heap', lang));
  if (loop.heap.length === 0) out.push([{ text: heapLabel, dim: true }, { text: say('empty', lang), dim: true }]);
  loop.heap.slice(0, cap).forEach((h, i) => {
    out.push([
      { text: i === 0 ? heapLabel : pad(''), dim: true },
      { text: `${seconds(h.when ?? 0)} `, color: i === 0 ? 'yellow' : undefined, dim: h.cancelled },
      { text: handleRepr(h), dim: h.cancelled },
    ] as Seg[]);
  });
  if (loop.heap.length > cap) out.push(more(loop.heap.length - cap));
  const sel = loop.selector;
  if (sel) {
    const label = { text: pad(say('select', lang)), dim: true };
    if (sel.waiting) {
      const what = sel.timeout === null ? 'select(None): until woken' : `select(${pyFloat(sel.timeout)}): until ${seconds(sel.since + sel.timeout)}`;
      out.push([label, { text: `waiting in ${what}`, color: 'yellow' }]);
    } else if (sel.woke) {
      out.push([label, { text: `woke at ${seconds(sel.woke.at)} (${sel.woke.reason}, slept ${seconds(sel.woke.slept)} s)`, dim: true }]);
    }
  }
  return out;
}

function pad(label: string): string {
  // Labels are ASCII or CJK; CJK characters take two cells, so pad by cells.
  let width = 0;
  for (const ch of label) width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return `  ${label}${' '.repeat(Math.max(1, 9 - width))}`;
}
