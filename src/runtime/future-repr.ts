// Reprs of futures and tasks. Mirrors CPython 3.11's asyncio/base_futures.py (`_future_repr_info`,
// `_format_callbacks`) and asyncio/base_tasks.py (`_task_repr_info`), so that
// `<Future pending cb=[_run_until_complete_cb() at .../asyncio/base_events.py:180]>` and
// `<Task pending name='Task-2' coro=<...> wait_for=<...>>` read exactly as CPython prints them.
// Values and callbacks are formatted by repr.ts (repr, reprlib.repr, format_helpers).
import type { PyBaseException, PyFrame } from './exceptions.js';
import { stdlibLocation } from './python-version.js';
import { getRealm } from './realm.js';
import { PY_STDLIB_DIR, formatCallbackSource, pyFunction, reprlibRepr, repr } from './repr.js';

/** Where CPython's asyncio package lives in the simulated process; lessons may shorten it to `.../asyncio`. */
export const ASYNCIO_DIR = `${PY_STDLIB_DIR}/asyncio`;

/**
 * Names a function as the CPython asyncio function it stands for, located in the installed 3.11
 * sources: `asyncioFunction(fn, '_wait.<locals>._on_completion', 'tasks.py', 519)`.
 */
export function asyncioFunction<F extends (...args: never[]) => unknown>(fn: F, qualname: string, file: string, line: number): F {
  return pyFunction(fn, { name: qualname, file: `${ASYNCIO_DIR}/${file}`, line });
}

/** A frame of CPython's asyncio, as debug mode's `source_traceback` lists it. */
export function asyncioFrame(file: string, line: number, name: string, text: string): PyFrame {
  return { file: `${ASYNCIO_DIR}/${file}`, line, name, text };
}

/** `BaseEventLoop.create_future`, where every `loop.create_future()` future is made. */
export const CREATE_FUTURE_FRAME = asyncioFrame('base_events.py', 427, 'create_future', 'return futures.Future(loop=self)');

/** `asyncio.ensure_future(...)` calling `_ensure_future`. */
export const ENSURE_FUTURE_FRAME = asyncioFrame('tasks.py', 659, 'ensure_future', 'return _ensure_future(coro_or_future, loop=loop)');

/** `_ensure_future` calling `loop.create_task(...)`: the `created at` of tasks it makes. */
export const ENSURE_FUTURE_CREATE_TASK_FRAME = asyncioFrame('tasks.py', 680, '_ensure_future', 'return loop.create_task(coro_or_future)');

/** `repr(exc)`: `ValueError('boom')`. */
export function excRepr(error: PyBaseException): string {
  return repr(error);
}

/** The fields of a future its repr reads. */
export interface FutureReprSource {
  readonly _state: 'PENDING' | 'CANCELLED' | 'FINISHED';
  readonly _result: unknown;
  readonly _exception: PyBaseException | null;
  /** The done callbacks' functions in registration order (what `_format_callbacks` reads of `_callbacks`). */
  _callbackFunctions(): readonly ((...args: never[]) => unknown)[];
  readonly _sourceTraceback: readonly PyFrame[] | null;
}

/** `_format_callbacks(cb)`: one, two, or `first, <N more>, last`. */
export function formatCallbacks(callbacks: readonly ((...args: never[]) => unknown)[]): string {
  // `_format_callback_source(callback, ())`: from 3.13 its `debug=False` hides a partial's arguments.
  const showArgs = getRealm().python.handleArgsInRepr === 'always';
  const fmt = (i: number) => formatCallbackSource(callbacks[i]!, null, showArgs);
  const size = callbacks.length;
  let inner = '';
  if (size === 1) inner = fmt(0);
  else if (size === 2) inner = `${fmt(0)}, ${fmt(1)}`;
  else if (size > 2) inner = `${fmt(0)}, <${size - 2} more>, ${fmt(size - 1)}`;
  return `cb=[${inner}]`;
}

/** `_state.lower()`, from a table: the trace formats a repr per future argument of each handle. */
const STATE_LOWER = { PENDING: 'pending', CANCELLED: 'cancelled', FINISHED: 'finished' } as const;

/**
 * `' '.join(_future_repr_info(future))`: `pending cb=[...]`, `finished result='x'`. Concatenated
 * without the list: the trace formats the repr of every pending future a callback takes, twice
 * per callback.
 */
export function futureReprText(future: FutureReprSource): string {
  return STATE_LOWER[future._state] + futureReprTail(future);
}

/**
 * `' '.join(_task_repr_info(task))`: the future's, with `cancelling` for the state, and `name=`,
 * `coro=` and `wait_for=` after it.
 */
export function taskReprText(
  future: FutureReprSource,
  task: { cancelling: number; done: boolean; name: string; coro: string; waitFor: string | null },
): string {
  const state = task.cancelling > 0 && !task.done ? 'cancelling' : STATE_LOWER[future._state];
  const waitFor = task.waitFor === null ? '' : ` wait_for=${task.waitFor}`;
  return `${state} name=${repr(task.name)} coro=<${task.coro}>${waitFor}${futureReprTail(future)}`;
}

/** What `_future_repr_info` lists after the state, each item with its leading space: outcome, callbacks, `created at`. */
function futureReprTail(future: FutureReprSource): string {
  let text = '';
  if (future._state === 'FINISHED') {
    text += future._exception !== null ? ` exception=${repr(future._exception)}` : ` result=${reprlibRepr(future._result)}`;
  }
  // Only the functions: listing `_callbacks` would also make the first callback's Context.
  const callbacks = future._callbackFunctions();
  if (callbacks.length > 0) text += ` ${formatCallbacks(callbacks)}`;
  if (future._sourceTraceback !== null) {
    const frame = future._sourceTraceback[future._sourceTraceback.length - 1]!;
    const shown = stdlibLocation(getRealm().python, frame.file, frame.line);
    text += ` created at ${shown.file}:${shown.line}`;
  }
  return text;
}

/** Debug mode: the frames of a task `loop.run_until_complete(coro)` makes (through ensure_future). */
export const RUN_UNTIL_COMPLETE_TASK_FRAMES = [
  asyncioFrame('base_events.py', 632, 'run_until_complete', 'future = tasks.ensure_future(future, loop=self)'),
  ENSURE_FUTURE_FRAME,
  ENSURE_FUTURE_CREATE_TASK_FRAME,
];
