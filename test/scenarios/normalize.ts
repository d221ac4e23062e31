// Normalizes a printed line so that a CPython recording and a simulated run can be compared: what
// legitimately differs between two runs of the same program (wall-clock and monotonic times, dates,
// thread idents, id() values, memory addresses, where the program and the standard library live) is
// replaced by a placeholder; everything else (wording, order, reprs, line numbers) must match.

const STDLIB_DIR = /(^|[\s"'(=<[])\/[^\s"']*?\/lib\/python3\.\d+\//g;
/** Any other absolute directory (e.g. the temporary directory a recording ran in): only the file name is kept. */
const ABSOLUTE_DIR = /(^|[\s"'(=<[])\/(?:[^/\s"'<>:]+\/)+(?=[^/\s"'<>:]+)/g;
/** time.ctime(): 'Wed Nov 25 10:47:29 2026'. */
const CTIME = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}\b/g;
/** Floats: loop.time() values, "took 6.000 seconds". */
const FLOAT = /(?<![\w.])\d+\.\d+(?![\d.])/g;
/** Thread idents and id() values: integers of 8 digits or more. */
/** (Not bounded by \b: a torn line may glue an ident to the next print's text.) */
const BIG_INT = /(?<!\d)\d{8,}(?!\d)/g;
/** Memory addresses in default reprs. */
const ADDRESS = /\b0x[0-9a-fA-F]{6,}\b/g;

/**
 * A set's repr lists its items in hash order, and a Task hashes by its address: `print(all_tasks())`
 * orders the same tasks differently from run to run. Items of a `{<...>, <...>}` set repr are sorted.
 */
function sortSetReprs(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const start = line.indexOf('{<', i);
    if (start < 0) break;
    out += line.slice(i, start);
    const items: string[] = [];
    let depth = 0;
    let itemStart = start + 1;
    let j = start + 1;
    for (; j < line.length; j++) {
      const c = line[j];
      if (c === '<') depth++;
      else if (c === '>') depth--;
      else if (depth === 0 && c === ',' && line[j + 1] === ' ') {
        items.push(line.slice(itemStart, j));
        itemStart = j + 2;
      } else if (depth === 0 && c === '}') break;
      else if (depth === 0 && c !== ' ') {
        j = line.length; // not a set of <...> items after all
      }
    }
    if (j >= line.length) {
      out += line.slice(start, start + 2);
      i = start + 2;
      continue;
    }
    items.push(line.slice(itemStart, j));
    out += `{${items.sort().join(', ')}}`;
    i = j + 1;
  }
  return out + line.slice(i);
}

/**
 * The line with run-dependent parts replaced by `<stdlib>/`, `<date>`, `<float>`, `<int>`, `<addr>`,
 * and the items of set reprs sorted.
 */
export function normalizeLine(line: string): string {
  return sortSetReprs(line)
    .replace(STDLIB_DIR, '$1<stdlib>/')
    .replace(ABSOLUTE_DIR, '$1')
    .replace(CTIME, '<date>')
    .replace(ADDRESS, '<addr>')
    .replace(FLOAT, '<float>')
    .replace(BIG_INT, '<int>');
}

/**
 * The distinct values the normalization hides, by kind: a run that printed one loop id where CPython
 * printed two (or a thread ident that changed) differs here even though each line normalizes alike.
 */
export function distinctHidden(lines: readonly string[]): { ints: number; dates: number } {
  const ints = new Set<string>();
  const dates = new Set<string>();
  for (const line of lines) {
    for (const m of line.replace(FLOAT, '<float>').matchAll(BIG_INT)) ints.add(m[0]);
    for (const m of line.matchAll(CTIME)) dates.add(m[0]);
  }
  return { ints: ints.size, dates: dates.size };
}
