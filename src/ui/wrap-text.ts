// Wrapping text by terminal cells, for Latin and CJK text alike, plain or styled. Latin text breaks
// at spaces; CJK text has none and may break between any two characters, except that (kinsoku) a
// line never starts with closing punctuation (，。、：；！？）」』】》 and their ASCII kin) and never
// ends with an opening one (（「『【《“): the character before is carried down with it instead. A word
// wider than the whole line is split by cells onto rows of its own, the only way left to keep every
// line within `width`: nothing is ever cut off.
import type { Line, Seg } from './components/Lines.js';
import { cells } from './format.js';

/** Characters a line must not start with. */
const NO_START = new Set([...'，。、：；！？）」』】》〉〕］｝”’・…—～,.;:!?)]}%·', '〗', '〙', '〛']);
/** Characters a line must not end with. */
const NO_END = new Set([...'（「『【《〈〔［｛“‘([{']);

const CJK = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
/** One CJK character (with the spaces after it), a word with the spaces after it, or a run of spaces. */
const TOKEN = new RegExp(`[${CJK}]\\s*|[^\\s${CJK}]+\\s*|\\s+`, 'g');
const IS_CJK = new RegExp(`[${CJK}]`);

/**
 * `text` broken into lines of at most `width` cells (existing line breaks kept). `indent` is put
 * before every line after the first of each paragraph, and counts toward the width.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => wrapSegs([{ text: paragraph }], width, { indent: cells(indent) }).map((row) => row.map((s) => s.text).join('')));
}

export interface WrapOptions {
  /** Cells of blank before every row after the first (dropped when it would leave less than half the row). @default 0 */
  readonly indent?: number;
  /** The first segment (a label) is never broken. @default false */
  readonly keepFirst?: boolean;
}

/**
 * `line` broken into rows of at most `width` cells, the rows after the first indented like the
 * text: under it when the line starts with an indented label segment ("  ready    1 step of…",
 * "  c     what c does"), which stays whole, else by the line's own leading spaces.
 */
export function wrapLine(line: Line, width: number): Line[] {
  const first = line[0];
  const labelled = line.length > 1 && first !== undefined && /^\s/.test(first.text) && cells(first.text) <= width / 2;
  const indent = labelled ? cells(first.text) : Math.min(Math.floor(width / 2), /^\s*/.exec(first?.text ?? '')?.[0].length ?? 0);
  return wrapSegs(line, width, { indent, keepFirst: labelled });
}

/** A piece of one segment's text. */
interface Piece {
  readonly seg: Seg;
  readonly text: string;
}
/** Pieces with no break allowed between them. */
type Unit = Piece[];

/**
 * A styled line broken into rows of at most `width` cells, each segment keeping its style; rows
 * after the first start with `indent` blank cells. Breaks fall at spaces and between CJK
 * characters, never inside a word that spans segments, and follow the kinsoku rules above.
 */
export function wrapSegs(line: Line, width: number, options: WrapOptions = {}): Seg[][] {
  const room0 = Math.max(1, width);
  const indent = (options.indent ?? 0) <= room0 / 2 ? (options.indent ?? 0) : 0;
  if (unitCells(line.map((seg) => ({ seg, text: seg.text }))) <= room0) return [[...line]];
  const units = unitsOf(line, options.keepFirst === true);
  const rows: Unit[][] = [];
  let row: Unit[] = [];
  let used = 0;
  const room = () => room0 - (rows.length === 0 ? 0 : indent);
  const breakRow = () => {
    rows.push(row);
    row = [];
    used = 0;
  };
  const fits = (u: Unit) => used + unitCells(trimEnd(u)) <= room();
  const put = (u: Unit) => {
    row.push(u);
    used += unitCells(u);
  };
  // Wider than a whole row: split by cells, each part on a row of its own.
  const split = (u: Unit) => {
    for (const part of splitByCells(u, room0 - indent)) {
      if (row.length > 0) breakRow();
      put(part);
    }
  };
  for (const raw of units) {
    const unit = row.length === 0 && rows.length > 0 ? trimStart(raw) : raw;
    if (unit.length === 0) continue;
    if (fits(unit)) {
      put(unit);
      continue;
    }
    if (row.length === 0) {
      split(unit);
      continue;
    }
    // Carry down what may not stay: the unit a closing punctuation mark must follow, and an opening
    // bracket at the end (as long as something is left on the row).
    const carried: Unit[] = [];
    // (which may itself be one: `秒)。` carries `秒)` down).
    for (let head = unit; NO_START.has(firstChar(head)) && row.length > 1; head = carried[0]!) carried.unshift(row.pop()!);
    while (row.length > 1 && NO_END.has(lastChar(trimEnd(row.at(-1)!)))) carried.unshift(row.pop()!);
    breakRow();
    for (const u of [...carried, unit]) {
      const kept = row.length === 0 ? trimStart(u) : u;
      if (kept.length === 0) continue;
      if (fits(kept)) put(kept);
      else split(kept);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows.map((r, i) => merge([...(i > 0 && indent > 0 ? [{ seg: {}, text: ' '.repeat(indent) } as Piece] : []), ...trimEnd(r.flat())]));
}

/** The line's tokens grouped into units: a break is allowed only at a space or beside a CJK character. */
function unitsOf(line: Line, keepFirst: boolean): Unit[] {
  const units: Unit[] = [];
  let last = '';
  line.forEach((seg, i) => {
    const tokens = keepFirst && i === 0 ? [seg.text] : seg.text.match(TOKEN) ?? [];
    for (const text of tokens) {
      const glued = units.length > 0 && !(keepFirst && i === 1 && units.length === 1) && !/\s$/.test(last) && !/^\s/.test(text) && !IS_CJK.test(last.at(-1) ?? '') && !IS_CJK.test(text[0] ?? '');
      if (glued) units.at(-1)!.push({ seg, text });
      else units.push([{ seg, text }]);
      last = text;
    }
  });
  return units;
}

function unitCells(u: readonly Piece[]): number {
  return u.reduce((n, p) => n + cells(p.text), 0);
}

function firstChar(u: Unit): string {
  return [...u.map((p) => p.text).join('')][0] ?? '';
}

function lastChar(u: Unit): string {
  return [...u.map((p) => p.text).join('')].at(-1) ?? '';
}

function trimStart(u: readonly Piece[]): Piece[] {
  const out = [...u];
  while (out.length > 0) {
    const text = out[0]!.text.trimStart();
    if (text !== '') {
      out[0] = { ...out[0]!, text };
      break;
    }
    out.shift();
  }
  return out;
}

function trimEnd(u: readonly Piece[]): Piece[] {
  const out = [...u];
  while (out.length > 0) {
    const text = out.at(-1)!.text.trimEnd();
    if (text !== '') {
      out[out.length - 1] = { ...out.at(-1)!, text };
      break;
    }
    out.pop();
  }
  return out;
}

/** A unit in parts of at most `width` cells (at least one character each). */
function splitByCells(u: Unit, width: number): Unit[] {
  const parts: Unit[] = [];
  let part: Unit = [];
  let used = 0;
  for (const p of u) {
    for (const ch of p.text) {
      const w = cells(ch);
      if (used > 0 && used + w > width) {
        parts.push(part);
        part = [];
        used = 0;
      }
      const prev = part.at(-1);
      if (prev && prev.seg === p.seg) part[part.length - 1] = { seg: p.seg, text: prev.text + ch };
      else part.push({ seg: p.seg, text: ch });
      used += w;
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** Pieces back into segments: neighbours from one segment joined. */
function merge(pieces: readonly Piece[]): Seg[] {
  const out: { seg: Seg; text: string }[] = [];
  for (const p of pieces) {
    const prev = out.at(-1);
    if (prev && prev.seg === p.seg) prev.text += p.text;
    else out.push({ seg: p.seg, text: p.text });
  }
  return out.map(({ seg, text }) => ({ ...seg, text }));
}
