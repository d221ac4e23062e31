// The SOURCE panel: the Python program with each thread's pointer (the line its innermost frame of
// the program stands at, as CPython's tracer sees it), where each suspended coroutine waits (its
// task's name at its await), and the lines the corrected program changed.
import type { Line } from '../components/Lines.js';
import { cells, fit } from '../format.js';

export interface SourceView {
  readonly file: string;
  readonly text: string;
  /** 'as written' or 'corrected' in the learner's language. */
  readonly label: string;
  /** 1-based lines the corrected program changed. */
  readonly changed: ReadonlySet<number>;
}

/** What the panel marks on the source, all of it from the trace. */
export interface SourceMarks {
  /** Each thread's pointer: thread name → 1-based line. */
  readonly pointers: Readonly<Record<string, number>>;
  /** The thread whose pointer leads (the step's thread): kept in view and highlighted. */
  readonly focus?: string;
  /** Suspended coroutines of the program: the task's name and the line its coroutine awaits at. */
  readonly awaiting: readonly { readonly name: string; readonly line: number }[];
}

/** Title plus a window of the source around the leading pointer, each row at most `width` cells. */
export function sourceLines(view: SourceView, marks: SourceMarks, height: number, width: number, title: string): Line[] {
  const lines = view.text.replace(/\n$/, '').split('\n');
  const rows = Math.max(0, height - 1);
  const digits = String(lines.length).length;
  const current = marks.focus === undefined ? undefined : marks.pointers[marks.focus];
  // Keep the leading pointer in view, a third of the way down, so what comes next is visible.
  let first = 0;
  if (current !== undefined && lines.length > rows) {
    first = Math.min(Math.max(0, current - 1 - Math.floor(rows / 3)), lines.length - rows);
  }
  const threadsAt = new Map<number, string[]>();
  const pointers = Object.entries(marks.pointers);
  for (const [thread, line] of pointers) threadsAt.set(line, [...(threadsAt.get(line) ?? []), thread]);
  // With one thread the pointer needs no name; with several each is labelled with its thread's.
  const named = pointers.length > 1;
  const tasksAt = new Map<number, string[]>();
  for (const { name, line } of marks.awaiting) tasksAt.set(line, [...(tasksAt.get(line) ?? []), name]);

  const out: Line[] = [[{ text: `${title} `, bold: true }, { text: `${view.file} · ${view.label}`, dim: true }]];
  for (let i = first; i < Math.min(lines.length, first + rows); i++) {
    const n = i + 1;
    const threads = threadsAt.get(n) ?? [];
    const tasks = tasksAt.get(n) ?? [];
    const here = n === current;
    const number = String(n).padStart(digits);
    // ▶ the leading thread's pointer, ▷ another thread's.
    const mark = here ? '▶' : threads.length > 0 ? '▷' : view.changed.has(n) ? '*' : ' ';
    const gutter = `${mark}${number} `;
    const names = named ? threads : [];
    const label = [...names.map((t) => `◀ ${t}`), ...tasks.map((t) => `◇ ${t}`)].join(' ');
    let code = expandTabs(lines[i]!);
    // The label stays visible: the code gives way to it (but keeps a few cells of its own).
    if (label !== '') code = fit(code, Math.max(8, width - cells(gutter) - cells(label) - 1));
    out.push([
      { text: gutter, ...(here || threads.length > 0 ? { color: 'cyan', bold: here } : view.changed.has(n) ? { color: 'magenta' } : { dim: true }) },
      { text: code, ...(here ? { inverse: true } : {}) },
      ...(names.length > 0 ? [{ text: ` ${names.map((t) => `◀ ${t}`).join(' ')}`, color: 'cyan' as const }] : []),
      ...(tasks.length > 0 ? [{ text: ` ${tasks.map((t) => `◇ ${t}`).join(' ')}`, color: 'yellow' as const }] : []),
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
