// The FUTURES & TASKS panel: each future and task with its state word coloured as CPython's
// states (PENDING amber, FINISHED green, CANCELLED red) and what a pending task waits on.
import type { FutureState } from '../../runtime/trace.js';
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { say } from '../i18n.js';
import type { FutureView, LabState } from '../state/types.js';
import type { Color } from '../style.js';

export const stateColor: Record<FutureState, Color> = { PENDING: 'yellow', FINISHED: 'green', CANCELLED: 'red' };

/** Title plus one line per future, most relevant first when they do not all fit in `rows`. */
export function futureLines(state: LabState, lang: Lang, rows: number): Line[] {
  const title: Line = [{ text: say('futures', lang), bold: true }];
  if (state.futures.length === 0) return [title, [{ text: say('empty', lang), dim: true }]];
  let shown: readonly FutureView[] = state.futures;
  const room = Math.max(1, rows - 1);
  if (shown.length > room) {
    // Tasks and pending futures first, then the most recently changed; keep creation order on screen.
    const rank = (f: FutureView) => (f.kind === 'Task' ? 2 : 0) + (f.state === 'PENDING' ? 1 : 0);
    const keep = new Set([...shown].sort((a, b) => rank(b) - rank(a) || b.changedAt - a.changedAt).slice(0, room).map((f) => f.id));
    shown = shown.filter((f) => keep.has(f.id));
  }
  const nameWidth = Math.min(12, Math.max(...shown.map((f) => f.name.length)));
  return [title, ...shown.map((f) => futureLine(f, nameWidth, state.count - 1, lang))];
}

function futureLine(f: FutureView, nameWidth: number, lastIndex: number, lang: Lang): Line {
  const changed = f.changedAt === lastIndex;
  const line: Seg[] = [
    { text: changed ? '▸ ' : '  ', color: 'cyan' },
    { text: `${f.kind === 'Task' ? 'Task  ' : 'Future'} `, dim: true },
    { text: f.name.padEnd(nameWidth) + ' ', bold: f.kind === 'Task' },
    { text: f.state, color: stateColor[f.state], bold: changed },
  ];
  if (f.coro) line.push({ text: ` ${f.coro}`, dim: true });
  if (f.stepping) line.push({ text: ` ${say('running', lang)}`, color: 'cyan' });
  else if (f.waitingRepr !== undefined && f.state === 'PENDING') line.push({ text: ` ${say('waitsOn', lang)} ${f.waitingRepr}` });
  if (f.cancelRequested && f.state === 'PENDING') line.push({ text: ' cancel()', color: 'red' });
  if (f.state === 'FINISHED' && f.result !== undefined) line.push({ text: ` = ${f.result}`, color: 'green' });
  if (f.exception) line.push({ text: ` ${f.exception}`, color: 'red' });
  return line;
}
