// Places simulated coroutines where the Python program has them, so reprs read the same lines.
import { asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { PY_FILE, lineOf } from './python.js';

export function placer(py: string) {
  return {
    /** `async def NAME(...)` at the line where the Python program defines it. */
    def: <A extends unknown[], T>(name: string, body: (...args: A) => Generator<unknown, T, unknown>) =>
      asyncDef(name, body, { file: PY_FILE, line: lineOf(py, `async def ${name}(`) }),
    /** Moves the running coroutine to the first line of the program containing `text`. */
    at: (text: string) => setLine(lineOf(py, text)),
  };
}
