// The runtime's public API: a simulated CPython asyncio (event loops, handles, futures, tasks,
// contextvars, print) that can be used on its own. TypeScript names are camelCase; `asyncio` below
// gathers the module-level functions under their Python names' camelCase forms.

// ── event loop core (base_events.py, events.py, heapq) ──────────────────────
export {
  BaseEventLoop,
  CLOCK_RESOLUTION,
  MAXIMUM_SELECT_TIMEOUT,
  MIN_CANCELLED_TIMER_HANDLES_FRACTION,
  MIN_SCHEDULED_TIMER_HANDLES,
  formatHandle,
  logToStderr,
  type EventLoopOptions,
  type ExceptionHandler,
} from './base-events.js';
export { HANDLE_RUN_FRAME, Handle, TimerHandle, type HandleLoop } from './events.js';
export { heapify, heappop, heappush, type Less } from './heapq.js';
export {
  DefaultEventLoopPolicy,
  _getRunningLoop,
  getEventLoop,
  getEventLoopPolicy,
  getRunningLoop,
  newEventLoop,
  setEventLoop,
} from './policy.js';
export {
  SimulationHang,
  driveStandalone,
  isSelectRequest,
  isSleepRequest,
  type Blocking,
  type BlockingRequest,
  type SelectRequest,
  type SelectResult,
  type SleepRequest,
  type StandaloneOptions,
} from './blocking.js';

// ── values, contextvars, print ──────────────────────────────────────────────
export {
  PY_STDLIB_DIR,
  PyFloat,
  floatRepr,
  formatArgsAndKwargs,
  formatCallback,
  formatCallbackSource,
  partial,
  pyAddress,
  pyFloat,
  pyFunction,
  pyFunctionInfo,
  pyId,
  pyMethod,
  repr,
  reprlibRepr,
  str,
  tuple,
  type PyFunctionInfo,
} from './repr.js';
export { Context, ContextVar, Token, copyContext, currentContext } from './context.js';
export { flushOutput, print, printWith, write, type PrintOptions } from './builtins.js';
export * from './exceptions.js';
export { Realm, VirtualClock, getRealm, setRealm, withRealm } from './realm.js';
export * from './trace.js';
export type * from './loop-types.js';

// ── futures and tasks (futures.py, tasks.py) ────────────────────────────────
// (added by the futures/tasks part of the runtime)

import { newEventLoop, getEventLoop, setEventLoop, getRunningLoop, _getRunningLoop } from './policy.js';

/** The module-level functions of `asyncio`, camelCased: `asyncio.getEventLoop()`. */
export const asyncio = {
  newEventLoop,
  getEventLoop,
  setEventLoop,
  getRunningLoop,
  _getRunningLoop,
};

// ── the simulated process: threads, blocking calls, Ctrl+C, shutdown (src/runtime/process) ──
export { runProcess, type MainProgram, type ProcessOptions, type ProcessResult, type Py } from './process/index.js';
