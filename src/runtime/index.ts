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
export { KeyedHeap } from './heapq.js';
export {
  DefaultEventLoopPolicy,
  _getRunningLoop,
  getEventLoop,
  getEventLoopPolicy,
  getRunningLoop,
  newEventLoop,
  setEventLoop,
  setEventLoopPolicy,
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
export { Realm, getRealm, setRealm, withRealm } from './realm.js';
export { CLOCK_TICK, PROCESS_CLOCK_ORIGIN, VirtualClock, WINDOWS_CLOCK_RESOLUTION, type Clock, type ClockOptions } from './clock.js';
export * from './trace.js';
export type * from './loop-types.js';

// ── futures and tasks (futures.py, tasks.py) ────────────────────────────────
export { Future, isFuture, setResultUnlessCancelled, unretrievedFutures, type DoneCallback, type FutureOptions } from './futures.js';
export { Task, collectTasks, createTask, createTaskOn, ensureFuture, type Awaitable, type EnsureFutureOptions, type TaskOptions } from './tasks.js';
export {
  Coroutine,
  asyncDef,
  formatCoroutine,
  isCoroutine,
  iscoroutinefunction,
  markCoroutineFunction,
  runningCoroutine,
  setLine,
  type AsyncDef,
  type CoroutineLike,
  type CoroutineOptions,
} from './coroutines.js';
export { sleep } from './sleep.js';
export { GatheringFuture, gather, type AwaitedValue, type GatherOptions, type GatherResults, type GatherResultsOrErrors } from './gather.js';
export { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait, type ReturnWhen, type WaitOptions } from './wait.js';
export { waitFor } from './wait-for.js';
export { Timeout, timeout, timeoutAt } from './timeouts.js';
export { shield } from './shield.js';
export { DEFAULT_PYTHON_VERSION, PYTHONS, PYTHON_VERSIONS, isPythonVersion, stdlibLocation, type PythonBehaviour, type PythonVersion } from './python-version.js';
export { allTasks, currentTask } from './task-registry.js';
export { Runner, run, runBlocking, type RunOptions as AsyncioRunOptions } from './runners.js';
export { ASYNCIO_DIR, asyncioFunction } from './future-repr.js';
export { futureSnapshot, loopSnapshot, watchRealm, type FutureSnapshot, type HandleSnapshot, type LoopSnapshot, type RealmSnapshot, type RealmWatch } from './snapshot.js';

import { newEventLoop, getEventLoop, setEventLoop, getRunningLoop, _getRunningLoop } from './policy.js';
import { createTask, ensureFuture } from './tasks.js';
import { sleep } from './sleep.js';
import { gather } from './gather.js';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './wait.js';
import { waitFor } from './wait-for.js';
import { timeout, timeoutAt } from './timeouts.js';
import { shield } from './shield.js';
import { allTasks, currentTask } from './task-registry.js';
import { run } from './runners.js';

/** The module-level functions of `asyncio`, camelCased: `asyncio.getEventLoop()`, `asyncio.sleep(1)`. */
export const asyncio = {
  newEventLoop,
  getEventLoop,
  setEventLoop,
  getRunningLoop,
  _getRunningLoop,
  run,
  createTask,
  ensureFuture,
  sleep,
  gather,
  wait,
  waitFor,
  timeout,
  timeoutAt,
  shield,
  allTasks,
  currentTask,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
};

// ── the simulated process: threads, blocking calls, Ctrl+C, shutdown (src/runtime/process) ──
export { runProcess, type MainProgram, type ProcessOptions, type ProcessResult, type Py } from './process/index.js';
