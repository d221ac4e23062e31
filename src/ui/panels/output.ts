// The OUTPUT panel: the last lines the program printed, with when and (when several threads
// print) which thread printed them; stderr in red.
import type { Lang } from '../../scenarios/types.js';
import type { Line } from '../components/Lines.js';
import { seconds } from '../format.js';
import { say } from '../i18n.js';
import { inert } from '../inert.js';
import { lastItems } from '../state/chain.js';
import type { LabState } from '../state/types.js';

/**
 * The panel in `height` rows: the last lines printed, or, scrolled back `back` pages (key o; O
 * comes forward), earlier ones. The title says how many lines are above and below the view.
 */
export function outputLines(state: LabState, lang: Lang, height: number, back = 0): Line[] {
  const rows = Math.max(0, height - 1);
  const total = state.output?.length ?? 0;
  // Never further back than the first page.
  const skip = Math.max(0, Math.min(back * rows, total - rows));
  const lines = lastItems(state.output, rows + skip).slice(0, rows);
  const above = total - skip - lines.length;
  const title: Line = [
    { text: say('output', lang), bold: true },
    ...(above > 0 ? [{ text: ` ↑${above}`, dim: true }] : []),
    ...(skip > 0 ? [{ text: ` ↓${skip}`, dim: true }] : []),
    ...(above > 0 || skip > 0 ? [{ text: ` · ${say('outputKeys', lang)}`, dim: true }] : []),
  ];
  if (lines.length === 0) return [title, [{ text: say('noOutput', lang), dim: true }]];
  const threads = state.threads.length > 1;
  const width = Math.max(...state.threads.map((th) => th.name.length));
  return [
    title,
    ...lines.map((l): Line => [
      { text: `${seconds(l.t)} `, dim: true },
      ...(threads ? [{ text: `${l.thread.padEnd(width)} `, color: 'blue' } as const] : []),
      // What the program printed, drawn inert: its control characters never reach the terminal.
      { text: inert(l.text), ...(l.stream === 'stderr' ? { color: 'red' } : {}) },
    ]),
  ];
}
