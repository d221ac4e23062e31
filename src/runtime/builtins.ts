// Python's print() and sys.stdout/sys.stderr writes, for simulated programs. Text goes to the
// current realm line by line (realm.writeLine, which also emits an `output` trace event); a partial
// line (print(..., end='')) waits in the stream's buffer until a newline completes it or the run
// ends (flushOutput).
import { type Realm, getRealm } from './realm.js';
import { str } from './repr.js';

export type Stream = 'stdout' | 'stderr';

export interface PrintOptions {
  /** Between arguments; default ' '. */
  sep?: string;
  /** After the last argument; default '\n'. */
  end?: string;
  /** Default 'stdout'. */
  file?: Stream;
}

const buffers = new WeakMap<Realm, Record<Stream, string>>();

function bufferOf(realm: Realm): Record<Stream, string> {
  let buffer = buffers.get(realm);
  if (!buffer) {
    buffer = { stdout: '', stderr: '' };
    buffers.set(realm, buffer);
  }
  return buffer;
}

/** `sys.stdout.write(text)` / `sys.stderr.write(text)`: complete lines go out, the rest waits. */
export function write(stream: Stream, text: string, realm: Realm = getRealm()): void {
  const buffer = bufferOf(realm);
  const lines = (buffer[stream] + text).split('\n');
  buffer[stream] = lines.pop()!;
  for (const line of lines) realm.writeLine(stream, line);
}

/** `print(*args)`: each argument as `str()` shows it, separated by spaces, then a newline. */
export function print(...args: unknown[]): void {
  write('stdout', args.map(str).join(' ') + '\n');
}

/** `print(*args, sep=..., end=..., file=...)`. */
export function printWith(options: PrintOptions, ...args: unknown[]): void {
  write(options.file ?? 'stdout', args.map(str).join(options.sep ?? ' ') + (options.end ?? '\n'));
}

/** Writes out any partial lines still buffered (the interpreter flushes them at exit). */
export function flushOutput(realm: Realm = getRealm()): void {
  const buffer = bufferOf(realm);
  for (const stream of ['stdout', 'stderr'] as const) {
    if (buffer[stream] !== '') {
      const text = buffer[stream];
      buffer[stream] = '';
      realm.writeLine(stream, text);
    }
  }
}
