// The FUTURES & TASKS panel: each future and task with its state word coloured as CPython's
// states (PENDING amber, FINISHED green, CANCELLED red) and what a pending task waits on: in words
// at the learner level (the future's name: `waiting on sleep(0.5)`), CPython's repr at the exact
// level (`waits on <Future pending cb=[Task.task_wakeup()]>`).
import type { FutureState } from '../../runtime/trace.js';
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { say } from '../i18n.js';
import { firstFutures, futureList } from '../state/futures.js';
import { get } from '../state/intmap.js';
import type { Level } from '../state/replay.js';
import type { FutureView, LabState } from '../state/types.js';
import type { Color } from '../style.js';

export const stateColor: Record<FutureState, Color> = { PENDING: 'yellow', FINISHED: 'green', CANCELLED: 'red' };

/**
 * Title plus one line per future, in creation order. When they do not all fit in `rows`, the most
 * relevant (tasks and pending futures first, then the most recently changed) and a last line
 * saying how many more there are. One pass over the futures, whatever their number.
 */
export function futureLines(state: LabState, lang: Lang, rows: number, level: Level = 'exact'): Line[] {
  const title: Line = [{ text: say('futures', lang), bold: true }];
  const total = state.futures.size;
  if (total === 0) return [title, [{ text: say('empty', lang), dim: true }]];
  const room = Math.max(1, rows - 1);
  // Up to a few hundred, the most relevant are picked from all of them; beyond, the first created
  // are drawn (a frame costs what the rows cost, not what thousands of tasks would).
  const shown = total <= room ? futureList(state) : total <= RANKED_UP_TO ? mostRelevant(futureList(state), Math.max(1, room - 1)) : firstFutures(state, Math.max(1, room - 1));
  const nameWidth = Math.min(12, Math.max(...shown.map((f) => f.name.length)));
  const lines = [title, ...shown.map((f) => futureLine(f, nameWidth, state.count - 1, lang, level, state))];
  if (shown.length < total) lines.push([{ text: `  +${(total - shown.length).toLocaleString('en-US')} ${say('more', lang)}`, dim: true }]);
  return lines;
}

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
  const line: Seg[] = [
    { text: changed ? '▸ ' : '  ', color: 'cyan' },
    { text: `${f.kind === 'Task' ? 'Task  ' : 'Future'} `, dim: true },
    { text: f.name.padEnd(nameWidth) + ' ', bold: f.kind === 'Task' },
    { text: f.state, color: stateColor[f.state], bold: changed },
  ];
  if (f.coro) line.push({ text: ` ${f.coro}`, dim: true });
  if (f.stepping) line.push({ text: ` ${say('running', lang)}`, color: 'cyan' });
  else if (f.waitingRepr !== undefined && f.state === 'PENDING') line.push({ text: ` ${waitWords(f, lang, level, state)}` });
  if (f.cancelRequested && f.state === 'PENDING') line.push({ text: ' cancel()', color: 'red' });
  if (f.state === 'FINISHED' && f.result !== undefined) line.push({ text: ` = ${f.result}`, color: 'green' });
  if (f.exception) line.push({ text: ` ${f.exception}`, color: 'red' });
  return line;
}

/** What a suspended task waits on: the future by name at the learner level, by CPython's repr at the exact level. */
function waitWords(f: FutureView, lang: Lang, level: Level, state: LabState): string {
  if (level === 'learner') {
    if (f.waitingOn === null) return lang === 'zh' ? '· 让出控制权 (sleep(0))' : '· yielded (sleep(0))';
    const on = f.waitingOn === undefined ? undefined : get(state.futures, f.waitingOn);
    if (on !== undefined) return lang === 'zh' ? `· 等待 ${on.name}` : `· waiting on ${on.name}`;
  }
  return `${say('waitsOn', lang)} ${f.waitingRepr}`;
}
