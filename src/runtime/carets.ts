// The caret lines of CPython's tracebacks (traceback.py): how wide a text is on a terminal, and how
// 3.13+ anchor a call (`~` under the callee, `^` under its parenthesized arguments). One place for
// the runtime's exceptions (exceptions.ts) and the simulated process's frames (process/frames.ts).
import { eastAsianWidthType } from 'get-east-asian-width';

/**
 * Columns a terminal gives `text`, as traceback.py's `_display_width` counts them: East Asian Wide
 * and Fullwidth characters take two (a Chinese string literal before the failing call shifts the
 * carets by two columns a character), everything else one.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const type = eastAsianWidthType(char.codePointAt(0)!);
    width += type === 'wide' || type === 'fullwidth' ? 2 : 1;
  }
  return width;
}

/** Where the argument list of a call expression `callee(args)` opens, or -1 if `part` is not a call. */
export function callOpenParen(part: string): number {
  if (!part.endsWith(')')) return -1;
  let depth = 0;
  for (let i = part.length - 1; i >= 0; i--) {
    if (part[i] === ')') depth++;
    else if (part[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** 3.13+'s anchors under a call whose argument list opens at `open`: `~` under the callee, `^` under the arguments. */
export function callAnchors(part: string, open: number): string {
  return `${'~'.repeat(displayWidth(part.slice(0, open)))}${'^'.repeat(displayWidth(part.slice(open)))}`;
}
