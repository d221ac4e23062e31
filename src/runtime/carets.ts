// The caret lines of CPython's tracebacks (traceback.py): how wide a text is on a terminal, and how
// 3.13+ anchor a call (`~` under the callee, `^` under its parenthesized arguments). One place for
// the runtime's exceptions (exceptions.ts) and the simulated process's frames (process/frames.ts).
import { eastAsianWidthType } from 'get-east-asian-width';
import type { PyFrame } from './exceptions.js';
import { getRealm } from './realm.js';

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

/**
 * 3.11's caret line under a frame's text: `^` under the part of the line that was executing, when
 * that is not the whole line (traceback.py's `_extract_caret_anchors_from_line_segment` aside).
 */
function carets(text: string, part: string): string {
  const start = text.indexOf(part);
  const indent = ' '.repeat(displayWidth(text.slice(0, start)));
  // 3.13+ anchor a call: `~` under the callee, `^` under its parenthesized arguments.
  const open = getRealm().python.callAnchors ? callOpenParen(part) : -1;
  if (open > 0) return `${indent}${callAnchors(part, open)}`;
  return `${indent}${'^'.repeat(displayWidth(part))}`;
}

/**
 * Whether 3.13+ show carets under `part` of `text`: not when the statement assigns the whole call
 * to one name, or returns a call of a plain name (traceback.py's `_should_show_carets`).
 */
function anchoredCarets(text: string, part: string): boolean {
  const assigned = /^[A-Za-z_]\w*\s*=\s*(.*)$/.exec(text)?.[1];
  if (assigned === part && callOpenParen(part) > 0) return false;
  const returned = /^return\s+(.*)$/.exec(text)?.[1];
  if (returned === part && /^[A-Za-z_]\w*\(/.test(part)) return false;
  return true;
}

/** The caret line under `part` of `text` as the realm's version draws it, if it draws one. */
export function markerFor(text: string, part: string): string | undefined {
  if (getRealm().python.callAnchors && !anchoredCarets(text, part)) return undefined;
  return carets(text, part);
}

/** A frame of the standard library with its source text and, when `part` is the expression that ran, its carets as the realm's version draws them: made when raised, not at import. */
export function stdlibFrame(file: string, line: number, name: string, text: string, part?: string): PyFrame {
  const marker = part === undefined ? undefined : markerFor(text, part);
  return marker === undefined ? { file, line, name, text } : { file, line, name, text, marker };
}
