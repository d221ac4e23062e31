// Python call stacks of simulated threads, and the CPython frames the process's own blocking calls
// sit in. CPython builds a traceback as an exception unwinds, one frame at a time; here the same
// happens: a KeyboardInterrupt starts with the frames of the blocking call it was raised in
// (queue.py's get, threading.py's wait...), and every function the program wrapped with `py.def`
// (and the module itself) prepends its frame as the exception passes through it.
import { PyBaseException, type PyFrame } from '../exceptions.js';
import { PY_STDLIB_DIR } from '../repr.js';
import type { SimThread, StackFrame } from './thread.js';

export const THREADING_PY = `${PY_STDLIB_DIR}/threading.py`;
const QUEUE_PY = `${PY_STDLIB_DIR}/queue.py`;
const FUTURES_BASE_PY = `${PY_STDLIB_DIR}/concurrent/futures/_base.py`;
const ASYNCIO_DIR = `${PY_STDLIB_DIR}/asyncio`;
const SELECTORS_PY = `${PY_STDLIB_DIR}/selectors.py`;

/** threading.Condition.wait, where every waiting primitive ends up. */
const CONDITION_WAIT: PyFrame = { file: THREADING_PY, line: 327, name: 'wait', text: 'waiter.acquire()' };

/** CPython 3.11.7's frames for each blocking call, innermost last (what a KeyboardInterrupt there shows). */
export const STDLIB_FRAMES = {
  queueGet: [{ file: QUEUE_PY, line: 171, name: 'get', text: 'self.not_empty.wait()' }, CONDITION_WAIT],
  queueGetTimeout: [{ file: QUEUE_PY, line: 180, name: 'get', text: 'self.not_empty.wait(remaining)' }, CONDITION_WAIT],
  futureResult: [{ file: FUTURES_BASE_PY, line: 451, name: 'result', text: 'self._condition.wait(timeout)' }, CONDITION_WAIT],
  futureException: [{ file: FUTURES_BASE_PY, line: 487, name: 'exception', text: 'self._condition.wait(timeout)' }, CONDITION_WAIT],
  eventWait: [{ file: THREADING_PY, line: 629, name: 'wait', text: 'signaled = self._cond.wait(timeout)', marker: '^^^^^^^^^^^^^^^^^^^^^^^^' }, CONDITION_WAIT],
  join: [
    { file: THREADING_PY, line: 1119, name: 'join', text: 'self._wait_for_tstate_lock()' },
    { file: THREADING_PY, line: 1139, name: '_wait_for_tstate_lock', text: 'if lock.acquire(block, timeout):', marker: '   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^' },
  ],
  /** `_run_once`'s selector wait (the loop's run_forever / run_until_complete frames are the loop's to add). */
  select: [
    { file: `${ASYNCIO_DIR}/base_events.py`, line: 1884, name: '_run_once', text: 'event_list = self._selector.select(timeout)', marker: '             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^' },
    { file: SELECTORS_PY, line: 468, name: 'select', text: 'fd_event_list = self._selector.poll(timeout, max_ev)', marker: '                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^' },
  ],
  /** A thread's bootstrap, above its target (threading.excepthook's traceback). */
  bootstrap: [
    { file: THREADING_PY, line: 1045, name: '_bootstrap_inner', text: 'self.run()' },
    { file: THREADING_PY, line: 982, name: 'run', text: 'self._target(*self._args, **self._kwargs)' },
  ],
} satisfies Record<string, PyFrame[]>;

/** Source text of the simulated program's files, to show each frame's line. */
export class SourceFiles {
  private readonly lines = new Map<string, string[]>();

  add(file: string, text: string): void {
    this.lines.set(file, text.split('\n'));
  }

  /** The stripped text of `file`'s line `line` (1-based), if known. */
  line(file: string, line: number): string | undefined {
    const text = this.lines.get(file)?.[line - 1]?.trim();
    return text === undefined || text === '' ? undefined : text;
  }

  frame(frame: StackFrame): PyFrame {
    const text = this.line(frame.file, frame.line);
    return text === undefined ? { file: frame.file, line: frame.line, name: frame.name } : { file: frame.file, line: frame.line, name: frame.name, text };
  }
}

/** The thread's Python stack as PyFrames, outermost first. */
export function stackFrames(thread: SimThread, sources: SourceFiles): PyFrame[] {
  return thread.stack.map((frame) => sources.frame(frame));
}

/**
 * Runs `body` as a Python frame `name` of `file` on `thread`'s stack: the frame is pushed while it
 * runs, and an exception unwinding through it gets the frame prepended to its traceback.
 */
export function* inFrame<T>(
  thread: SimThread,
  sources: SourceFiles,
  frame: StackFrame,
  body: () => Generator<unknown, T, unknown> | T,
): Generator<unknown, T, unknown> {
  thread.stack.push(frame);
  try {
    const result = body();
    return isIterator(result) ? yield* result : result;
  } catch (error) {
    if (error instanceof PyBaseException) error.frames.unshift(sources.frame(frame));
    throw error;
  } finally {
    thread.stack.pop();
  }
}

function isIterator<T>(value: unknown): value is Generator<unknown, T, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterator<unknown>).next === 'function' && Symbol.iterator in value;
}
