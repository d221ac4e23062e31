// The SOURCE panel: the Python program with the line being executed highlighted and the lines the
// corrected program changed marked.
import type { Line } from '../components/Lines.js';
import { cells } from '../format.js';

export interface SourceView {
  readonly file: string;
  readonly text: string;
  /** 'as written' or 'corrected' in the learner's language. */
  readonly label: string;
  /** 1-based lines the corrected program changed. */
  readonly changed: ReadonlySet<number>;
}

/** Title plus a window of the source around `current` (1-based line, undefined = none yet). */
export function sourceLines(view: SourceView, current: number | undefined, height: number, title: string): Line[] {
  const lines = view.text.replace(/\n$/, '').split('\n');
  const rows = Math.max(0, height - 1);
  const digits = String(lines.length).length;
  // Keep the current line in view, a third of the way down, so what comes next is visible.
  let first = 0;
  if (current !== undefined && lines.length > rows) {
    first = Math.min(Math.max(0, current - 1 - Math.floor(rows / 3)), lines.length - rows);
  }
  const out: Line[] = [[{ text: `${title} `, bold: true }, { text: `${view.file} · ${view.label}`, dim: true }]];
  for (let i = first; i < Math.min(lines.length, first + rows); i++) {
    const n = i + 1;
    const here = n === current;
    const number = String(n).padStart(digits);
    const mark = here ? '▶' : view.changed.has(n) ? '*' : ' ';
    out.push([
      { text: `${mark}${number} `, ...(here ? { color: 'cyan', bold: true } : view.changed.has(n) ? { color: 'magenta' } : { dim: true }) },
      { text: expandTabs(lines[i]!), ...(here ? { inverse: true } : {}) },
    ]);
  }
  return out;
}

function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(4 - (cells(out) % 4)) : ch;
  return out;
}
