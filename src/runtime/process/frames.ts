// Python call stacks of simulated threads, and the CPython frames the process's own blocking calls
// sit in. CPython builds a traceback as an exception unwinds, one frame at a time; here the same
// happens: a KeyboardInterrupt starts with the frames of the blocking call it was raised in
// (queue.py's get, threading.py's wait...), and every function the program wrapped with `py.def`
// (and the module itself) prepends its frame as the exception passes through it.
import { markerFor, stdlibFrame as frame } from '../carets.js';
import { PyBaseException, type PyFrame } from '../exceptions.js';
import { PY_STDLIB_DIR } from '../repr.js';
import { enterFrame, innermostFrame, leaveFrame, type PointerFrame } from './pointer.js';
import type { SimThread, StackFrame } from './thread.js';

export const THREADING_PY = `${PY_STDLIB_DIR}/threading.py`;
const QUEUE_PY = `${PY_STDLIB_DIR}/queue.py`;
export const FUTURES_BASE_PY = `${PY_STDLIB_DIR}/concurrent/futures/_base.py`;
const FUTURES_THREAD_PY = `${PY_STDLIB_DIR}/concurrent/futures/thread.py`;
const ASYNCIO_DIR = `${PY_STDLIB_DIR}/asyncio`;
const SELECTORS_PY = `${PY_STDLIB_DIR}/selectors.py`;

/**
 * threading.Condition.wait, where every waiting primitive ends up. It blocks on its waiter lock in
 * one of two places: `waiter.acquire()` without a timeout, `waiter.acquire(True, timeout)` with one
 * (a positive one: with none left the primitives here return before blocking).
 */
const CONDITION_WAIT: PyFrame = { file: THREADING_PY, line: 327, name: 'wait', text: 'waiter.acquire()' };
// A frame with carets is made when it is shown, not at import: its carets depend on the version the realm runs as.
const conditionWaitTimeout = (): PyFrame => frame(THREADING_PY, 331, 'wait', 'gotit = waiter.acquire(True, timeout)', 'waiter.acquire(True, timeout)');

/** Condition.wait's own frame for a wait with (a number) or without (null) a timeout. */
function conditionWait(timeout: number | null): PyFrame {
  return timeout === null ? CONDITION_WAIT : conditionWaitTimeout();
}

/** Thread._wait_for_tstate_lock, where join blocks (the same line with or without a timeout). */
const tstateLockWait = (): PyFrame => frame(THREADING_PY, 1139, '_wait_for_tstate_lock', 'if lock.acquire(block, timeout):', 'lock.acquire(block, timeout)');

/**
 * CPython 3.11.7's frames for each blocking call, innermost last (what a KeyboardInterrupt there
 * shows). `timeout`: the call's timeout argument (null: None), which decides the lines they block on.
 */
export const WAIT_FRAMES = {
  queueGet: (timeout: number | null): PyFrame[] =>
    timeout === null
      ? [{ file: QUEUE_PY, line: 171, name: 'get', text: 'self.not_empty.wait()' }, CONDITION_WAIT]
      : [{ file: QUEUE_PY, line: 180, name: 'get', text: 'self.not_empty.wait(remaining)' }, conditionWaitTimeout()],
  queueJoin: (): PyFrame[] => [{ file: QUEUE_PY, line: 90, name: 'join', text: 'self.all_tasks_done.wait()' }, CONDITION_WAIT],
  futureResult: (timeout: number | null): PyFrame[] => [{ file: FUTURES_BASE_PY, line: 451, name: 'result', text: 'self._condition.wait(timeout)' }, conditionWait(timeout)],
  futureException: (timeout: number | null): PyFrame[] => [{ file: FUTURES_BASE_PY, line: 487, name: 'exception', text: 'self._condition.wait(timeout)' }, conditionWait(timeout)],
  eventWait: (timeout: number | null): PyFrame[] => [frame(THREADING_PY, 629, 'wait', 'signaled = self._cond.wait(timeout)', 'self._cond.wait(timeout)'), conditionWait(timeout)],
  join: (timeout: number | null): PyFrame[] => [
    timeout === null ? frame(THREADING_PY, 1119, 'join', 'self._wait_for_tstate_lock()') : frame(THREADING_PY, 1123, 'join', 'self._wait_for_tstate_lock(timeout=max(timeout, 0))'),
    tstateLockWait(),
  ],
} satisfies Record<string, (timeout: number | null) => PyFrame[]>;

/** Library frames a blocking call passes through on its way to the wait (prepended as an exception leaves them). */
export const CALLER_FRAMES = {
  /** ThreadPoolExecutor.shutdown(wait=True) joining each worker. */
  executorShutdown: { file: FUTURES_THREAD_PY, line: 235, name: 'shutdown', text: 't.join()' },
} satisfies Record<string, PyFrame>;

/** Other CPython 3.11.7 frames the process shows. */
export const STDLIB_FRAMES = {
  /** `_run_once`'s selector wait (run_forever's and run_until_complete's frames are the loop's to add); made when shown, as its carets depend on the version. */
  get select(): PyFrame[] {
    return [
      frame(`${ASYNCIO_DIR}/base_events.py`, 1884, '_run_once', 'event_list = self._selector.select(timeout)', 'self._selector.select(timeout)'),
      frame(SELECTORS_PY, 468, 'select', 'fd_event_list = self._selector.poll(timeout, max_ev)', 'self._selector.poll(timeout, max_ev)'),
    ];
  },
  /** Thread._bootstrap, the outermost frame of every thread but the main one (a full stack shows it). */
  threadStart: [{ file: THREADING_PY, line: 1002, name: '_bootstrap', text: 'self._bootstrap_inner()' }],
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
    if (text === undefined) return { file: frame.file, line: frame.line, name: frame.name };
    // 3.11 underlines the executing expression unless it is the whole line.
    if (frame.expr !== undefined && frame.expr !== text && text.includes(frame.expr)) {
      const marker = markerFor(text, frame.expr);
      if (marker !== undefined) return { file: frame.file, line: frame.line, name: frame.name, text, marker };
    }
    return { file: frame.file, line: frame.line, name: frame.name, text };
  }
}

/** The thread's Python stack as PyFrames, outermost first. */
export function stackFrames(thread: SimThread, sources: SourceFiles): PyFrame[] {
  return thread.stack.map((frame) => sources.frame(frame));
}

/**
 * The whole stack `traceback.extract_stack()` sees in the thread (debug mode's `Object created at`):
 * a started thread's own frames sit below threading's bootstrap.
 */
export function fullStack(thread: SimThread, sources: SourceFiles): PyFrame[] {
  const out: PyFrame[] = thread.isMain ? [] : [...STDLIB_FRAMES.threadStart, ...STDLIB_FRAMES.bootstrap];
  let next = 0;
  const ownUpTo = (depth: number) => {
    for (; next < depth && next < thread.stack.length; next++) out.push(sources.frame(thread.stack[next]!));
  };
  for (const { depth, frames } of thread.libraryFrames) {
    ownUpTo(depth);
    out.push(...frames);
  }
  ownUpTo(thread.stack.length);
  return out;
}

/**
 * Where an exception was raised and how far it has unwound: CPython's traceback runs from the frame
 * that catches the exception down to where it was raised. Frames are prepended as the exception
 * leaves them (inFrame below); the catching frame, which it never leaves, is added from this record
 * when the traceback is shown (completeTraceback).
 */
interface RaiseRecord {
  /** The thread's stack when the exception was raised (or first seen), outermost first. */
  stack: PyFrame[];
  /** Index in `stack` of the outermost frame already in the exception's frames. */
  unwound: number;
  completed: boolean;
}

const raised = new WeakMap<PyBaseException, RaiseRecord>();

/**
 * The line each program frame stood at when `error` entered it: CPython fixes a frame's tb_lineno
 * then, and an `except: raise` or a `finally:` running afterwards (which moves the frame's pointer)
 * does not change it.
 */
const entered = new WeakMap<PyBaseException, Map<PointerFrame, { line: number; expr?: string }>>();

/** `error` enters `frame` now (raised in it, or propagating into it), unless it already had. */
export function noteEntered(error: PyBaseException, frame: PointerFrame): void {
  let frames = entered.get(error);
  if (frames === undefined) entered.set(error, (frames = new Map()));
  if (!frames.has(frame)) frames.set(frame, { line: frame.line, expr: (frame as Partial<StackFrame>).expr });
}

/** The line `frame` stood at when `error` entered it (its line now if that was not seen). */
export function enteredLine(error: PyBaseException, frame: PointerFrame): number {
  return entered.get(error)?.get(frame)?.line ?? frame.line;
}

/** `error` is being raised (made) by the code of `thread`'s innermost program frame. */
export function noteRaisedHere(error: PyBaseException, thread: SimThread): void {
  const frame = innermostFrame(thread);
  if (frame !== undefined) noteEntered(error, frame);
}

/** Records that `error` is raised now in `thread` (the kernel calls this for a KeyboardInterrupt). */
export function noteRaised(error: PyBaseException, thread: SimThread, sources: SourceFiles): void {
  raised.set(error, { stack: stackFrames(thread, sources), unwound: thread.stack.length, completed: false });
  for (const frame of thread.frames) noteEntered(error, frame);
}

/** Adds the frame that caught `error` (and those of its causes and contexts) to their tracebacks. */
export function completeTraceback(error: PyBaseException): PyBaseException {
  const seen = new Set<PyBaseException>();
  for (let e: PyBaseException | null = error; e !== null && !seen.has(e); e = e.__cause__ ?? e.__context__) {
    seen.add(e);
    const record = raised.get(e);
    if (record === undefined || record.completed) continue;
    record.completed = true;
    const catcher = record.stack[record.unwound - 1];
    if (catcher !== undefined) e.frames.unshift(catcher);
  }
  return error;
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
  enterFrame(thread, frame);
  try {
    const result = body();
    return isIterator(result) ? yield* result : result;
  } catch (error) {
    if (error instanceof PyBaseException) leaving(error, thread, sources);
    throw error;
  } finally {
    thread.stack.pop();
    leaveFrame(thread);
  }
}

/** `error` unwinds out of `thread`'s innermost frame: prepend that frame to its traceback. */
export function leaving(error: PyBaseException, thread: SimThread, sources: SourceFiles): void {
  let record = raised.get(error);
  if (record === undefined) {
    record = { stack: stackFrames(thread, sources), unwound: thread.stack.length, completed: false };
    raised.set(error, record);
  }
  const depth = thread.stack.length - 1;
  const top = thread.stack[depth];
  if (top === undefined || record.completed) return;
  const at = entered.get(error)?.get(top);
  error.frames.unshift(sources.frame(at === undefined ? top : { ...top, ...at }));
  record.unwound = Math.min(record.unwound, depth);
  // It enters the caller (when the caller is the program's: a function the loop called returns
  // into the loop's own frames, which catch what is not a BaseException).
  const caller = thread.frames[thread.frames.length - 2];
  if (caller !== undefined) noteEntered(error, caller);
}

function isIterator<T>(value: unknown): value is Generator<unknown, T, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterator<unknown>).next === 'function' && Symbol.iterator in value;
}
