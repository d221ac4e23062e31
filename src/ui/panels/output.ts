// The OUTPUT panel: the last lines the program printed, with when and (when several threads
// print) which thread printed them; stderr in red.
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { cells, seconds } from '../format.js';
import { say } from '../i18n.js';
import { inert } from '../inert.js';
import { lastItems } from '../state/chain.js';
import type { LabState, OutputLine } from '../state/types.js';
import { wrapSegs } from '../wrap-text.js';

/**
 * The panel in `height` rows: the last lines printed, or, scrolled back `back` pages (key o; O
 * comes forward), earlier ones. A line wider than `width` wraps under its text (never cut); only
 * whole lines are shown, except one taller than the panel (its first rows). The title says how
 * many lines are above and below the view.
 */
export function outputLines(state: LabState, lang: Lang, height: number, back = 0, width = Number.POSITIVE_INFINITY): Line[] {
  const rows = Math.max(0, height - 1);
  const total = state.output?.length ?? 0;
  const threads = state.threads.length > 1;
  const nameWidth = Math.max(...state.threads.map((th) => th.name.length));
  const prefix = (l: OutputLine): Seg[] => [{ text: `${seconds(l.t)} `, dim: true }, ...(threads ? [{ text: `${l.thread.padEnd(nameWidth)} `, color: 'blue' } as const] : [])];
  // What the program printed, drawn inert: its control characters never reach the terminal.
  const line = (l: OutputLine): Line => [...prefix(l), { text: inert(l.text), ...(l.stream === 'stderr' ? { color: 'red' } : {}) }];
  const wrap = (l: OutputLine): Line[] => (width === Number.POSITIVE_INFINITY ? [line(l)] : wrapSegs(line(l), width, { indent: cells(prefix(l).map((s) => s.text).join('')) }));
  // A page holds between one line and `rows` lines: `back` pages need at most this many of the last lines.
  const recent = lastItems(state.output, Math.min(total, (back + 1) * Math.max(1, rows)));
  const offset = total - recent.length;
  // Pages from the newest back: each the newest lines before the previous page whose rows fit
  // (a line taller than the panel alone shows its first rows), never further back than the first line.
  let end = recent.length;
  let body: Line[] = [];
  let start = end;
  for (let page = 0; page <= back; page++) {
    body = [];
    start = end;
    while (start > 0) {
      const wrapped = wrap(recent[start - 1]!);
      if (body.length + wrapped.length > rows) {
        if (body.length === 0) body = wrapped.slice(0, rows), start--;
        break;
      }
      body.unshift(...wrapped);
      start--;
    }
    if (page === back || start === 0) break;
    end = start;
  }
  const above = offset + start;
  const below = recent.length - end;
  const title: Line = [
    { text: say('output', lang), bold: true },
    ...(above > 0 ? [{ text: ` ↑${above}`, dim: true }] : []),
    ...(below > 0 ? [{ text: ` ↓${below}`, dim: true }] : []),
    ...(above > 0 || below > 0 ? [{ text: ` · ${say('outputKeys', lang)}`, dim: true }] : []),
  ];
  if (total === 0) return [title, [{ text: say('noOutput', lang), dim: true }]];
  return [title, ...body];
}
