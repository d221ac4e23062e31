// The SOURCE panel: the Python program with each thread's pointer (the line its innermost frame of
// the program stands at, as CPython's tracer sees it), where each suspended coroutine waits (its
// task's name at its await), and the lines the corrected program changed.
import type { Line, Seg } from '../components/Lines.js';
import { cells, lineCells } from '../format.js';

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

/** Cells the gutter takes: the pointer mark, the line number, a space. */
function gutterCells(lines: number): number {
  return String(lines).length + 2;
}

/** Cells the panel needs to show every line of `view` whole: its gutter and its longest line. */
export function sourceWidthNeeded(view: SourceView): number {
  const lines = view.text.replace(/\n$/, '').split('\n');
  return gutterCells(lines.length) + Math.max(0, ...lines.map((l) => cells(expandTabs(l))));
}

/**
 * Title plus a window of the source around the leading pointer, each row at most `width` cells.
 * A line longer than the panel wraps onto rows of its own (indented under its code), so no token
 * is ever cut; lines below the window are counted on a last row ("+N more"), lines above in the title.
 */
export function sourceLines(view: SourceView, marks: SourceMarks, height: number, width: number, title: string, moreWord = 'more'): Line[] {
  const lines = view.text.replace(/\n$/, '').split('\n');
  const rows = Math.max(0, height - 1);
  const digits = String(lines.length).length;
  const codeWidth = Math.max(8, width - gutterCells(lines.length));
  const current = marks.focus === undefined ? undefined : marks.pointers[marks.focus];
  const threadsAt = new Map<number, string[]>();
  const pointers = Object.entries(marks.pointers);
  for (const [thread, line] of pointers) threadsAt.set(line, [...(threadsAt.get(line) ?? []), thread]);
  // With one thread the pointer needs no name; with several each is labelled with its thread's.
  const named = pointers.length > 1;
  const tasksAt = new Map<number, string[]>();
  for (const { name, line } of marks.awaiting) tasksAt.set(line, [...(tasksAt.get(line) ?? []), name]);

  // Each line's rows, made only for the lines the window may show.
  const made = new Map<number, Line[]>();
  const rowsOf = (i: number): Line[] => {
    let r = made.get(i);
    if (!r) made.set(i, (r = lineRows(i)));
    return r;
  };
  const lineRows = (i: number): Line[] => {
    const n = i + 1;
    const threads = threadsAt.get(n) ?? [];
    const tasks = tasksAt.get(n) ?? [];
    const here = n === current;
    // ▶ the leading thread's pointer, ▷ another thread's.
    const mark = here ? '▶' : threads.length > 0 ? '▷' : view.changed.has(n) ? '*' : ' ';
    const gutter: Seg = { text: `${mark}${String(n).padStart(digits)} `, ...(here || threads.length > 0 ? { color: 'cyan', bold: here } : view.changed.has(n) ? { color: 'magenta' } : { dim: true }) };
    const blank: Seg = { text: ' '.repeat(gutterCells(lines.length)) };
    const wrapped = wrapCode(expandTabs(lines[i]!), codeWidth);
    const indent = ' '.repeat(cells(wrapped[1] ?? '') - cells((wrapped[1] ?? '').trimStart()));
    const out: Seg[][] = wrapped.map((text, k): Seg[] => [k === 0 ? gutter : blank, { text, ...(here ? { inverse: true } : {}) }]);
    // The labels (thread pointers, suspended tasks) follow the code, on a row of their own when it is full.
    const labels: Seg[] = [
      ...(named && threads.length > 0 ? [{ text: ` ${threads.map((t) => `◀ ${t}`).join(' ')}`, color: 'cyan' as const }] : []),
      ...(tasks.length > 0 ? [{ text: ` ${tasks.map((t) => `◇ ${t}`).join(' ')}`, color: 'yellow' as const }] : []),
    ];
    if (labels.length > 0) {
      const last = out[out.length - 1]!;
      const room = codeWidth - cells(wrapped[wrapped.length - 1]!);
      if (lineCells(labels) <= room) last.push(...labels);
      else out.push([blank, { text: indent.slice(1) }, ...labels]);
    }
    return out;
  };

  // Keep the leading pointer in view, a third of the way down, so what comes next is visible.
  let first = 0;
  const total = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to && n <= rows; i++) n += rowsOf(i).length;
    return n;
  };
  if (current !== undefined && total(0, lines.length) > rows) {
    first = Math.max(0, Math.min(current - 1, lines.length - 1));
    while (first > 0 && total(first - 1, current) <= Math.floor(rows / 3)) first--;
  }
  const body: Line[] = [];
  let next = first;
  while (next < lines.length && body.length + rowsOf(next).length <= rows) body.push(...rowsOf(next++));
  // At the end of the program, the window reaches up to fill the panel rather than leave rows blank.
  while (next >= lines.length && first > 0 && body.length + rowsOf(first - 1).length <= rows) body.unshift(...rowsOf(--first));
  // A line taller than the whole window shows its first rows.
  if (body.length === 0 && next < lines.length) body.push(...rowsOf(next++).slice(0, rows));
  // The last row says how many lines are below (it takes the rows of the lines it replaces, never
  // the pointer's); with no row to spare, the title says it.
  const pointerIndex = current === undefined ? -1 : current - 1;
  while (next < lines.length && body.length >= rows && next - 1 > Math.max(first, pointerIndex)) {
    const dropped = rowsOf(--next).length;
    body.splice(body.length - dropped, dropped);
  }
  const below = lines.length - next;
  const inTitle = below > 0 && body.length >= rows;
  if (below > 0 && !inTitle) body.push([{ text: `  +${below} ${moreWord}`, dim: true }]);
  const above = first > 0 ? [{ text: ` ↑${first}`, dim: true }] : [];
  const more = inTitle ? [{ text: ` +${below} ${moreWord}`, dim: true }] : [];
  return [[{ text: `${title} `, bold: true }, { text: `${view.file} · ${view.label}`, dim: true }, ...above, ...more], ...body.slice(0, rows)];
}

/** After these a line of code may break: a space, an opening bracket, a comma, a dot. */
const BREAK_AFTER = new Set([' ', '(', '[', '{', ',', '.']);
/** A row never starts with these (closing punctuation, Latin or CJK). */
const NO_START = new Set([...')]},.:;，。、：；！？）」』】》']);

/**
 * A line of code on rows of `width` cells: whole when it fits; otherwise broken after a space, a
 * bracket, a comma or a dot (or between CJK characters), the rows after the first indented under
 * it. Where its first word would not fit after its indentation, the indentation shrinks; a piece is
 * cut by cells only when no break fits in a whole row.
 */
function wrapCode(code: string, width: number): string[] {
  if (cells(code) <= width) return [code];
  const body = code.trimStart();
  const firstWord = cells(body.split(/[ ([{,.]/)[0] ?? '') + 1;
  const lead = Math.max(0, Math.min(code.length - body.length, width - firstWord));
  const hang = ' '.repeat(Math.min(lead + 4, Math.floor(width / 2)));
  const rows: string[] = [];
  let rest = [...(' '.repeat(lead) + body)];
  while (cells(rest.join('')) > width) {
    // The longest prefix within the row, then its last break.
    let used = 0;
    let fits = 0;
    while (fits < rest.length && used + cells(rest[fits]!) <= width) used += cells(rest[fits++]!);
    const start = rows.length === 0 ? 0 : hang.length;
    // A space in the last two thirds of the row first (tokens stay whole), then any other break.
    const breakAt = (ok: (before: string, after: string) => boolean, from: number) => {
      for (let k = fits; k > from; k--) if (ok(rest[k - 1]!, rest[k] ?? '') && !NO_START.has(rest[k] ?? '')) return k;
      return undefined;
    };
    const cut =
      breakAt((before) => before === ' ', start + Math.floor((fits - start) / 3)) ??
      breakAt((before, after) => BREAK_AFTER.has(before) || cells(before) === 2 || cells(after) === 2, start + 1) ??
      fits;
    rows.push(rest.slice(0, cut).join('').trimEnd());
    rest = [...hang, ...rest.slice(cut).join('').trimStart()];
  }
  rows.push(rest.join(''));
  return rows;
}

function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(4 - (cells(out) % 4)) : ch;
  return out;
}
