// How numbers and objects are spelled on screen: as Python prints them.

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

function charCells(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code < 0x370) return 0; // combining marks
  return isWide(code) ? 2 : 1;
}

// East Asian Wide and Fullwidth ranges (enough for the lessons' Chinese text and punctuation).
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
