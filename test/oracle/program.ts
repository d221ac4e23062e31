// The oracle's program format: a small asyncio program as JSON, which two interpreters execute and
// trace identically: test/oracle/cpython_runner.py on real CPython asyncio, test/oracle/ts-runner.ts
// on our runtime. docs/oracle.md describes it for humans; this file is the definition.
//
// A program is module-level code (`top`, synchronous) plus named functions: callbacks (plain
// functions, scheduled with call_soon / call_later / call_at) and coroutines (`async def`, run as
// tasks, awaited directly or handed to gather / wait_for / shield). Bodies are straight-line lists
// of operations; a generated program's call graph is acyclic, so every program ends (or hangs, or is
// interrupted, which is traced too).

/** A Python value a program passes around: int, str, bool, None, list. (No floats: they would need a tag.) */
export type Value = number | string | boolean | null | Value[];

/** An exception to raise: `ValueError('boom')`; `msg: null` raises it without arguments. */
export interface ExcSpec {
  /** KeyboardInterrupt and SystemExit go through the loop's machinery (Handle._run, Task.__step) and out of the run. */
  type: 'ValueError' | 'RuntimeError' | 'TypeError' | 'ZeroDivisionError' | 'KeyError' | 'KeyboardInterrupt' | 'SystemExit';
  msg: string | null;
}

/** Something to await or to hand to gather / wait_for / shield: a named future or task, or a fresh coroutine call. */
export type AwaitableSpec = { ref: string } | { coro: string; args?: Value[] };

/**
 * What to do when an await raises: the outcome is always traced; then `Exception` swallows
 * Exception subclasses, `BaseException` swallows CancelledError too (never KeyboardInterrupt or SystemExit), and
 * absent re-raises.
 */
export type Catch = 'Exception' | 'BaseException';

/** Statements allowed anywhere (module level, callbacks, coroutines). */
export type PlainOp =
  | { op: 'print'; text: string }
  /** `as` names the Handle (for cancel_handle); every op that makes an object may name it. */
  | { op: 'call_soon'; fn: string; args?: Value[]; as?: string }
  | { op: 'call_later'; delay: number; fn: string; args?: Value[]; as?: string }
  /** `when` is absolute on the loop clock (which starts at 0.0 in both runners). */
  | { op: 'call_at'; when: number; fn: string; args?: Value[]; as?: string }
  | { op: 'cancel_handle'; ref: string }
  | { op: 'create_future'; as?: string }
  | { op: 'create_task'; coro: string; args?: Value[]; as?: string; name?: string }
  /** fut.set_result(value); traced with its outcome (InvalidStateError on a done future). */
  | { op: 'set_result'; ref: string; value?: Value }
  | { op: 'set_exception'; ref: string; exc: ExcSpec }
  /** fut.cancel() / task.cancel(msg); traced with what it returned. */
  | { op: 'cancel'; ref: string; msg?: string | null }
  /** fut.result(); traced with its outcome. */
  | { op: 'result'; ref: string }
  /** fut.exception(); traced with its outcome (the exception's repr, None, or what it raised). */
  | { op: 'exception'; ref: string }
  /** fut.add_done_callback(fn): fn is a callback of the program; it is called with the future. */
  | { op: 'add_done_callback'; ref: string; fn: string }
  /** fut.remove_done_callback(fn); traced with the count it returned. */
  | { op: 'remove_done_callback'; ref: string; fn: string }
  /** repr(obj) of a named handle, future or task; traced (normalized: no source locations, coro=<name()>). */
  | { op: 'repr'; ref: string }
  /** task.cancelling() / task.uncancel() (3.11); traced with what they returned. */
  | { op: 'cancelling'; ref: string }
  | { op: 'uncancel'; ref: string }
  /** loop.close(); traced with its outcome (RuntimeError while running). Scheduling afterwards raises. */
  | { op: 'close' }
  /** The program's contextvars.ContextVar('var', default='unset'): set it / read it (traced). Tasks and callbacks copy the context. */
  | { op: 'var_set'; value?: Value }
  | { op: 'var_get' }
  /** time.sleep(seconds) inside a callback (callbacks only): the loop's thread stalls while the clock moves. */
  | { op: 'block'; seconds: number }
  | { op: 'stop' }
  | { op: 'raise'; exc: ExcSpec }
  | { op: 'return'; value?: Value };

/** Awaits: coroutine bodies only. Each is traced with its outcome. */
export type AwaitOp = (
  | { op: 'sleep'; delay: number; result?: Value }
  | { op: 'await'; ref: string }
  | ({ op: 'await_coro' } & { coro: string; args?: Value[] })
  | { op: 'gather'; items: AwaitableSpec[]; return_exceptions?: boolean }
  | { op: 'wait'; refs: string[]; return_when?: 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED'; timeout?: number | null }
  | { op: 'wait_for'; item: AwaitableSpec; timeout: number | null }
  | { op: 'shield'; item: AwaitableSpec }
) & { catch?: Catch };

/** Module level only: running the loop, and the recovery after Ctrl+C. */
export type TopOp =
  /** loop.run_until_complete(coroutine call or named future); traced with its outcome (KeyboardInterrupt included). */
  | ({ op: 'run_until_complete' } & AwaitableSpec)
  | { op: 'run_forever' }
  /** asyncio.run(coroutine call): a new loop becomes the program's loop; Ctrl+C goes to asyncio.Runner's SIGINT handler. */
  | ({ op: 'asyncio_run' } & { coro: string; args?: Value[] })
  /** Cancels every pending task of the loop, in Task-N order (asyncio.all_tasks is a set). */
  | { op: 'cancel_all'; msg?: string | null };

export type Op = PlainOp | AwaitOp | TopOp;

export interface FunctionSpec {
  kind: 'callback' | 'coroutine';
  body: Op[];
}

export interface Program {
  name: string;
  /** What a hand-written case checks (ignored by the runners). */
  description?: string;
  /** 'custom' (default): a handler that traces message + exception. 'default': CPython's handler, its stderr traced. */
  handler?: 'custom' | 'default';
  /**
   * Ctrl+C (SIGINT) at the k-th selector wait of the program (1-based; or at each of several):
   * KeyboardInterrupt raised in the wait, unless asyncio.Runner's handler takes it (asyncio_run).
   */
  interruptAt?: number | number[];
  /**
   * A coarse clock (e.g. Windows' 0.015625 s): every reading is rounded down to a multiple of it, and
   * loops take it as their clock resolution. Default: the fine clock (1 ns).
   */
  clockResolution?: number;
  functions: Record<string, FunctionSpec>;
  top: Op[];
}

/** The awaiting ops, by name (both runners dispatch on it). */
export const AWAIT_OPS: ReadonlySet<string> = new Set(['sleep', 'await', 'await_coro', 'gather', 'wait', 'wait_for', 'shield']);

/**
 * One trace entry. Timed entries start with the loop time; the closing entries do not.
 *   [t, 'select', timeout|null]                 a selector wait begins (timeout null: block)
 *   [t, 'call', fn, '(args)']                   a callback of the program runs
 *   [t, 'enter', task|'-', coro, '(args)']      a coroutine of the program starts
 *   [t, 'print', text]                          a printed line
 *   [t, 'stderr', text]                         a line the default exception handler logged (normalized)
 *   [t, 'handler', message, 'Exc: msg'|null, ['key: repr', ...]]   the custom exception handler was called (other context keys sorted)
 *   [t, 'op', task|'-', 'fn#i op', outcome]     set_result / set_exception / cancel / result / remove_done_callback / repr / var_get / ...
 *   [t, 'await', task, 'fn#i op', outcome]      an await finished: '= repr' | '! Exc: msg' | 'done=[..] pending=[..]'
 *   [t, 'run', 'top#i run_…', outcome]          run_until_complete / run_forever returned or raised
 *   [t, 'cancel_all', [task names]]
 *   [t, 'top_raised', 'Exc: msg']              a module-level statement raised an Exception; the program ends
 *   [t, 'hang']                                 a selector wait with no timeout and nothing to wake it
 *   ['final', label, kind, state, outcome|null, task name|null]   every object the program named, in creation order
 *   ['final', label, 'Handle'|'TimerHandle', 'cancelled'|'not cancelled']
 *   ['pending_tasks', [names]]                  asyncio.all_tasks(loop) at the end, in Task-N order
 *   ['end', loop time, selector waits, is_running, is_closed]
 */
export type Entry = (string | number | boolean | null | string[])[];

/** What a runner returns for one program. */
export interface RunResult {
  name: string;
  trace: Entry[];
  /** The runner itself failed (not the program): a harness bug, shown as such. */
  error?: string;
}
