// print() and the process's stdout/stderr. print joins str() of its arguments with `sep` and adds
// `end`; text reaches the trace a line at a time (an `output` event per complete line, attributed to
// the thread that finished the line), so `print('a', end='')` followed by `print('b')` is one line 'ab'.
import type { Realm } from '../realm.js';
import { str } from '../repr.js';

/** print()'s keyword arguments. */
export interface PrintOptions {
  sep?: string;
  end?: string;
  file?: 'stdout' | 'stderr';
  flush?: boolean;
}

const PRINT_KEYWORDS = new Set(['sep', 'end', 'file', 'flush']);

/** True for a trailing `{sep, end, file, flush}` object (print's keywords, not a value to print). */
export function isPrintOptions(value: unknown): value is PrintOptions {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => PRINT_KEYWORDS.has(key));
}

export class ProcessOutput {
  private readonly pending = { stdout: '', stderr: '' };

  constructor(private readonly realm: Realm) {}

  /** `print(*args, sep=' ', end='\n', file=sys.stdout)`; a trailing options object holds the keywords. */
  print(args: readonly unknown[]): void {
    let options: PrintOptions = {};
    if (args.length > 0 && isPrintOptions(args[args.length - 1])) {
      options = args[args.length - 1] as PrintOptions;
      args = args.slice(0, -1);
    }
    const text = args.map((a) => str(a)).join(options.sep ?? ' ') + (options.end ?? '\n');
    this.write(options.file ?? 'stdout', text);
  }

  /** `sys.stdout.write(text)` / `sys.stderr.write(text)`. */
  write(stream: 'stdout' | 'stderr', text: string): void {
    const parts = (this.pending[stream] + text).split('\n');
    this.pending[stream] = parts.pop()!;
    for (const line of parts) this.realm.writeLine(stream, line);
  }

  /** Writes whole lines to stderr (tracebacks, warnings, logging). */
  stderrLines(lines: readonly string[]): void {
    this.flush('stdout');
    for (const line of lines) this.write('stderr', `${line}\n`);
  }

  /** At exit: an unfinished last line is still written. */
  flush(stream: 'stdout' | 'stderr'): void {
    if (this.pending[stream] !== '') this.write(stream, '\n');
  }
}
