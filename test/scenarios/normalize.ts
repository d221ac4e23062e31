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

/** The line with run-dependent parts replaced by `<stdlib>/`, `<date>`, `<float>`, `<int>`, `<addr>`. */
export function normalizeLine(line: string): string {
  return line
    .replace(STDLIB_DIR, '$1<stdlib>/')
    .replace(ABSOLUTE_DIR, '$1')
    .replace(CTIME, '<date>')
    .replace(ADDRESS, '<addr>')
    .replace(FLOAT, '<float>')
    .replace(BIG_INT, '<int>');
}
