// How numbers and objects are spelled on screen: as Python prints them.
import { eastAsianWidth } from 'get-east-asian-width';

/** Python's repr() of a float: `0.1`, `3.0`, `1e-05`. */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    // Python writes at least two exponent digits: 1e-05, not JS's 1e-5.
    return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(x);
}

/** Simulated time as the lab shows it: seconds with millisecond precision. */
export function seconds(t: number): string {
  return t.toFixed(3);
}

/**
 * A task's coroutine call as the program wrote it: `worker('a', 0.2)` from the trace's `worker()`
 * and the arguments' reprs (CPython's own reprs of the task show no arguments).
 */
export function callText(coro: string, args: string | undefined): string {
  return args === undefined || !coro.endsWith('()') ? coro : `${coro.slice(0, -2)}(${args})`;
}

/**
 * Arguments as a learner reads them: a task's repr by its name (`<Task pending name='Task-1'
 * coro=<...>>` reads `Task-1`), another object's by its class (`<queue.Queue object at 0x7f...>`
 * reads `<queue.Queue>`); plain values as CPython wrote them.
 */
export function shortArgs(args: string): string {
  let out = '';
  for (let i = 0; i < args.length; ) {
    const end = args[i] === '<' ? closingBracket(args, i) : -1;
    if (end < 0) {
      out += args[i++];
      continue;
    }
    const repr = args.slice(i, end + 1);
    const task = /^<Task \w+ name='([^']*)'/.exec(repr);
    const object = /^<([\w.]+) object at 0x[0-9a-f]+>$/.exec(repr);
    out += task ? task[1] : object ? `<${object[1]}>` : repr;
    i = end + 1;
  }
  return out;
}

/** Where the `<` at `from` closes (nested reprs included); -1 when it does not. */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && --depth === 0) return i;
  }
  return -1;
}

/** CPython's repr of a Handle or TimerHandle (events.py `_repr_info`), without the source location. */
export function handleRepr(h: { kind: 'Handle' | 'TimerHandle'; callback: string; when?: number; cancelled: boolean }): string {
  const info: string[] = [h.kind];
  if (h.cancelled) info.push('cancelled');
  if (h.kind === 'TimerHandle' && h.when !== undefined) info.push(`when=${pyFloat(h.when)}`);
  // Cancelling drops the callback (`self._callback = None`), so a cancelled handle's repr omits it.
  if (!h.cancelled) info.push(h.callback);
  return `<${info.join(' ')}>`;
}

/** Cuts `text` to at most `width` terminal cells (wide CJK characters count two), with an ellipsis. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (cells(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charCells(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/** `text` cut or padded with spaces to exactly `width` cells. */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - cells(cut)));
}

/** Terminal cells taken by `text`. */
export function cells(text: string): number {
  let n = 0;
  for (const ch of text) n += charCells(ch);
  return n;
}

/** Cells a line of segments takes. */
export function lineCells(line: readonly { readonly text: string }[]): number {
  let n = 0;
  for (const seg of line) n += cells(seg.text);
  return n;
}

function charCells(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code < 0x370) return 0; // combining marks
  return isWide(code) ? 2 : 1;
}

/**
 * East Asian Wide and Fullwidth characters take two cells, as string-width (and so Ink) counts them;
 * below U+1100 there are none, which keeps the common case to one comparison.
 */
function isWide(code: number): boolean {
  return code >= 0x1100 && eastAsianWidth(code) === 2;
}
