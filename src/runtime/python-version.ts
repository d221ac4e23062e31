// The Python versions the runtime can be, and what differs between them: the version switch.
//
// Every behaviour that depends on the version is a field of PythonBehaviour, read from the realm
// (`getRealm().python`) at the one place that concept is implemented: the policy reads
// `implicitLoop`, wait_for reads `waitFor`, Handle's repr reads `handleArgsInRepr`, and so on. No
// other file compares version strings. docs/runtime-api.md lists the differences with their sources.
import { STDLIB_LINE_BLOCKS } from './stdlib-lines.js';

export const PYTHON_VERSIONS = ['3.11', '3.12', '3.13', '3.14', '3.15'] as const;
export type PythonVersion = (typeof PYTHON_VERSIONS)[number];

export function isPythonVersion(value: string): value is PythonVersion {
  return (PYTHON_VERSIONS as readonly string[]).includes(value);
}

export interface PythonBehaviour {
  readonly version: PythonVersion;
  /** The release the lab's oracles run (`sys.version`'s first word). */
  readonly release: string;
  /** Where the standard library lives, as a Linux install of this version shows it in tracebacks and reprs. */
  readonly stdlibDir: string;
  /**
   * `asyncio.get_event_loop()` (and what calls it: ensure_future, Future(), gather outside a loop)
   * in the main thread when no loop is running or set and set_event_loop was never called:
   * 3.11 creates one silently; 3.12 and 3.13 warn (DeprecationWarning 'There is no current event
   * loop') and create one; 3.14 removed the creation (RuntimeError, gh-126353).
   */
  readonly implicitLoop: 'create' | 'warn-and-create' | 'raise';
  /**
   * Where that version's events.py raises 'There is no current event loop' (its traceback shows the
   * frame, the statement on two lines as 3.13+ print it); known for 3.14 and 3.15, where a lesson
   * meets it at its first asyncio line.
   */
  readonly noCurrentLoopLine: number | null;
  /**
   * 3.11's `ensure_future` only calls a private `_ensure_future`, which gather() and shield() call
   * directly; 3.12 folded it into `ensure_future`, which they call instead. Debug mode's
   * `created at` stacks show the one frame fewer, and the callers' lines name the public function.
   */
  readonly privateEnsureFuture: boolean;
  /** Where that version's tasks.py has ensure_future's `loop = events.get_event_loop()` (3.14, 3.15: its traceback shows it). */
  readonly ensureFutureGetLoopLine: number | null;
  /**
   * The release 3.14 slated the event loop policy system (get/set_event_loop_policy, the policy
   * classes) and asyncio.iscoroutinefunction for removal in: using them warns (DeprecationWarning
   * at the caller's line, deprecations.ts); null before 3.14, where they are fine.
   */
  readonly policyRemovedIn: string | null;
  /**
   * `asyncio.wait_for`: 3.11 wraps the awaitable in a task and waits on a private future; 3.12
   * rewrote it on `asyncio.timeout()` (gh-96764), awaiting it in the caller's own task.
   */
  readonly waitFor: 'wrap-in-task' | 'timeout';
  /** Where 3.12+'s tasks.py has wait_for's `def`, `await _cancel_and_wait(fut)`, `async with ...timeout(...)` and `return await fut`. */
  readonly waitForLines: { readonly def: number; readonly cancelAndWait: number; readonly asyncWith: number; readonly awaitFut: number } | null;
  /**
   * What an expired timeout()'s `__aexit__` does with the exception leaving the block
   * (timeouts.py, the only part of that file that differs between versions): 3.11 and 3.12
   * ('cancelled-exactly') turn exactly CancelledError into TimeoutError (`exc_type is
   * CancelledError`: a subclass passes unchanged) and leave other exceptions alone; 3.13 on
   * ('cancelled-or-marked') turn CancelledError and its subclasses into TimeoutError and insert a
   * TimeoutError into any other exception's context chain (`_insert_timeout_error`).
   */
  readonly timeoutExit: 'cancelled-exactly' | 'cancelled-or-marked';
  /** gather(): 3.12 completes children that are already done at once instead of through a done callback. */
  readonly gatherDoneChildrenAtOnce: boolean;
  /**
   * 3.14 records which task awaits which future (asyncio's call graphs). shield() then adds one more
   * done callback to the inner future when called in a task (`_clear_awaited_by_callback`), and
   * an exception the inner future ends with after the outer was cancelled is reported by
   * `_log_on_exception` ('ValueError exception in shielded future') instead of silently marked
   * retrieved. The lines are where that version's tasks.py defines them; null before 3.14.
   */
  readonly shieldAwaitedBy: { readonly clearAwaitedByLine: number; readonly logOnExceptionLine: number } | null;
  /** 3.13: Task.uncancel() bringing the count to zero also clears a pending `_must_cancel` (gh-102780). */
  readonly uncancelClearsMustCancel: boolean;
  /**
   * 3.13 only (3.13.2, as the oracle runs it): run_forever's setup sits inside its try, so a
   * run_forever refused because a loop is already running (or closed) still runs the clean-up:
   * `_stopping` reset, `_thread_id` None, and no running loop any more.
   */
  readonly runForeverCleanupOnRefusal: boolean;
  /** 3.13+ tracebacks anchor a call expression: `~` under the callee, `^` under the arguments (3.11, 3.12: all `^`). */
  readonly callAnchors: boolean;
  /** How a warning raised with no Python frame running names its place: `sys:1` (3.11, 3.12), `<sys>:0` (3.13+). */
  readonly noFrameWarningPlace: string;
  /**
   * When a finished future forgets each done callback it schedules (the C accelerator's
   * future_schedule_callbacks), which the future's repr in the scheduled Handle shows: 'after' its
   * call_soon, the list only after the last (3.11.7, 3.12.7: the first call_soon sees every
   * callback); 'before' (3.13.2 on: the first is taken out before its call_soon, the list before
   * the second's).
   */
  readonly futureForgetsCallbacks: 'after' | 'before';
  /** The repr of a task's scheduled step: `<TaskStepMethWrapper object at ...>` (3.11), `<_asyncio.TaskStepMethWrapper object at ...>` (3.12 on, a heap type of the module). */
  readonly stepWrapperClass: string;
  /**
   * Ctrl+C during the interpreter's join of non-daemon threads at exit (threading._shutdown): how
   * the ignored KeyboardInterrupt is introduced, and the line of _shutdown it names. 3.13 moved the
   * join into C (`_thread_shutdown()`) and the report to 'Exception ignored on threading shutdown:'.
   * Read from each version's threading.py and release notes: threads cannot run in Pyodide.
   */
  readonly threadingShutdown: { readonly intro: 'module' | 'shutdown'; readonly line: number; readonly text: string };
  /** Handle and TimerHandle reprs show the callback's arguments: always, or (3.13+) only in debug mode. */
  readonly handleArgsInRepr: 'always' | 'debug';
  /** 3.14: call_soon_threadsafe makes an `_ThreadSafeHandle` (its repr says so). */
  readonly threadsafeHandleClass: string;
  /** What `Runner.close()` passes to `loop.shutdown_default_executor()`: 3.12+ its THREAD_JOIN_TIMEOUT (300), 3.11 nothing. */
  readonly shutdownExecutorArgs: readonly number[];
  /**
   * `_run_once`'s ready window: timers due before `end` run in this iteration. 3.11 to 3.14:
   * `now + clock_resolution`; 3.15: `now + max(clock_resolution, math.ulp(now))`.
   */
  readyWindowEnd(now: number, clockResolution: number): number;
}

/** math.ulp(x) for a finite non-negative double: the gap to the next representable double. */
// One scratch view for ulp(): 3.15's _run_once calls it every iteration.
const ULP_VIEW = new DataView(new ArrayBuffer(8));

export function ulp(x: number): number {
  const view = ULP_VIEW;
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, bits + 1n);
  return view.getFloat64(0) - Math.abs(x);
}

const THREADING_SHUTDOWN: Record<PythonVersion, PythonBehaviour['threadingShutdown']> = {
  '3.11': { intro: 'module', line: 1590, text: 'lock.acquire()' },
  '3.12': { intro: 'module', line: 1624, text: 'lock.acquire()' },
  '3.13': { intro: 'shutdown', line: 1540, text: '_thread_shutdown()' },
  '3.14': { intro: 'shutdown', line: 1583, text: '_thread_shutdown()' },
  '3.15': { intro: 'shutdown', line: 1720, text: '_thread_shutdown()' },
};

const WAIT_FOR_LINES: Partial<Record<PythonVersion, PythonBehaviour['waitForLines']>> = {
  '3.12': { def: 472, cancelAndWait: 513, asyncWith: 519, awaitFut: 520 },
  '3.13': { def: 459, cancelAndWait: 500, asyncWith: 506, awaitFut: 507 },
  '3.14': { def: 440, cancelAndWait: 481, asyncWith: 487, awaitFut: 488 },
  '3.15': { def: 440, cancelAndWait: 481, asyncWith: 487, awaitFut: 488 },
};

const SHIELD_AWAITED_BY: Partial<Record<PythonVersion, PythonBehaviour['shieldAwaitedBy']>> = {
  '3.14': { clearAwaitedByLine: 975, logOnExceptionLine: 911 },
  '3.15': { clearAwaitedByLine: 978, logOnExceptionLine: 914 },
};

const RELEASES: Record<PythonVersion, string> = { '3.11': '3.11.7', '3.12': '3.12.7', '3.13': '3.13.2', '3.14': '3.14.2', '3.15': '3.15.0rc1' };

function behaviour(version: PythonVersion): PythonBehaviour {
  const minor = Number(version.split('.')[1]);
  return {
    version,
    release: RELEASES[version],
    stdlibDir: `/usr/lib/python${version}`,
    implicitLoop: minor <= 11 ? 'create' : minor <= 13 ? 'warn-and-create' : 'raise',
    noCurrentLoopLine: ({ '3.14': 715, '3.15': 718 } as Partial<Record<PythonVersion, number>>)[version] ?? null,
    privateEnsureFuture: minor <= 11,
    ensureFutureGetLoopLine: ({ '3.14': 730, '3.15': 733 } as Partial<Record<PythonVersion, number>>)[version] ?? null,
    policyRemovedIn: minor >= 14 ? '3.16' : null,
    waitFor: minor <= 11 ? 'wrap-in-task' : 'timeout',
    waitForLines: WAIT_FOR_LINES[version] ?? null,
    timeoutExit: minor >= 13 ? 'cancelled-or-marked' : 'cancelled-exactly',
    gatherDoneChildrenAtOnce: minor >= 12,
    shieldAwaitedBy: SHIELD_AWAITED_BY[version] ?? null,
    uncancelClearsMustCancel: minor >= 13,
    runForeverCleanupOnRefusal: minor === 13,
    callAnchors: minor >= 13,
    noFrameWarningPlace: minor >= 13 ? '<sys>:0' : 'sys:1',
    futureForgetsCallbacks: minor >= 13 ? 'before' : 'after',
    stepWrapperClass: minor >= 12 ? '_asyncio.TaskStepMethWrapper' : 'TaskStepMethWrapper',
    threadingShutdown: THREADING_SHUTDOWN[version],
    handleArgsInRepr: minor <= 12 ? 'always' : 'debug',
    threadsafeHandleClass: minor >= 14 ? '_ThreadSafeHandle' : 'Handle',
    shutdownExecutorArgs: minor >= 12 ? [300] : [],
    readyWindowEnd: minor >= 15 ? (now, resolution) => now + Math.max(resolution, ulp(now)) : (now, resolution) => now + resolution,
  };
}

export const PYTHONS: Readonly<Record<PythonVersion, PythonBehaviour>> = Object.fromEntries(PYTHON_VERSIONS.map((v) => [v, behaviour(v)])) as Record<PythonVersion, PythonBehaviour>;

/** The version a Realm is unless told otherwise. */
export const DEFAULT_PYTHON_VERSION: PythonVersion = '3.14';

/** The standard library directory the runtime's own code names (its lines are 3.11's). */
export const STDLIB_311 = '/usr/lib/python3.11/';

/**
 * Where a location in CPython 3.11's standard library (as the runtime records it) stands in
 * `python`: the same file under the version's directory, the line moved with the code around it.
 * A line that changed in that version, and any location outside the standard library, is kept.
 */
export function stdlibLocation(python: PythonBehaviour, file: string, line: number): { file: string; line: number } {
  if (python.version === '3.11' || !file.startsWith(STDLIB_311)) return { file, line };
  const name = file.slice(STDLIB_311.length);
  const moved = `${python.stdlibDir}/${name}`;
  const blocks = STDLIB_LINE_BLOCKS[python.version]?.[name];
  if (blocks === undefined) return { file: moved, line };
  for (const [first, count, offset] of blocks) {
    if (line >= first && line < first + count) return { file: moved, line: line + offset };
  }
  return { file: moved, line };
}
