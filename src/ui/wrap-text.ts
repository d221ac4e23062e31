// Wrapping text by terminal cells, for Latin and CJK text alike. Latin text breaks at spaces; CJK
// text has none and may break between any two characters, except that (kinsoku) a line never starts
// with closing punctuation (，。、：；！？）」』】》 and their ASCII kin) and never ends with an opening
// one (（「『【《“): the character before is carried down with it instead. A word wider than the
// whole line is cut by cells, the only way left to keep every line within `width`.
import { cells } from './format.js';

/** Characters a line must not start with. */
const NO_START = new Set([...'，。、：；！？）」』】》〉〕］｝”’・…—～,.;:!?)]}%·', '〗', '〙', '〛']);
/** Characters a line must not end with. */
const NO_END = new Set([...'（「『【《〈〔［｛“‘([{']);

/** One CJK character, a word with the spaces after it, or a run of spaces. */
const TOKEN = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+\s*|\s+/g;

/**
 * `text` broken into lines of at most `width` cells (existing line breaks kept). `indent` is put
 * before every line after the first of each paragraph, and counts toward the width.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => wrapParagraph(paragraph, Math.max(1, width), indent));
}

function wrapParagraph(paragraph: string, width: number, indent: string): string[] {
  const tokens = paragraph.match(TOKEN) ?? [];
  if (tokens.length === 0) return [''];
  // A hanging indent that leaves less than half the line is dropped rather than squeezing the text.
  const hang = cells(indent) <= width / 2 ? indent : '';
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const room = () => width - (lines.length === 0 ? 0 : cells(hang));
  const breakLine = () => {
    lines.push(line);
    line = [];
    used = 0;
  };
  const cut = (token: string) => {
    for (const piece of cutByCells(token.trimEnd(), room())) {
      if (line.length > 0) breakLine();
      line.push(piece);
      used = cells(piece);
    }
  };
  const fits = (token: string) => used + cells(token.trimEnd()) <= room();
  for (const raw of tokens) {
    const token = line.length === 0 && lines.length > 0 ? raw.trimStart() : raw;
    if (token === '') continue;
    if (fits(token)) {
      line.push(token);
      used += cells(token);
      continue;
    }
    // Wider than a whole line: cut it by cells.
    if (line.length === 0) {
      cut(token);
      continue;
    }
    // Carry down what may not stay: an opening bracket at the end, or the character a closing
    // punctuation mark must follow (as long as something is left on the line).
    const carried: string[] = [];
    if (NO_START.has([...token][0]!) && line.length > 1) carried.unshift(line.pop()!);
    while (line.length > 1 && NO_END.has([...line.at(-1)!.trimEnd()].at(-1)!)) carried.unshift(line.pop()!);
    breakLine();
    for (const t of [...carried, token]) {
      const kept = line.length === 0 ? t.trimStart() : t;
      if (fits(kept)) {
        line.push(kept);
        used += cells(kept);
      } else cut(kept);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? '' : hang) + l.join('').trimEnd());
}

function cutByCells(text: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of text) {
    if (piece !== '' && cells(piece + ch) > width) {
      out.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') out.push(piece);
  return out;
}
