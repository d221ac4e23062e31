// The blocking boundary: how simulated code waits. A blocking operation is a generator that yields
// requests ("wait in this loop's selector, at most 0.5 s", "sleep 6 s") and is resumed with `next()`
// when the wait is over, or with `throw(KeyboardInterrupt)` when Ctrl+C reaches it there. Whoever
// drives the generator decides what waiting means: the simulated process's kernel (other threads run
// meanwhile), or `driveStandalone` below (one thread, virtual time: a wait just advances the clock).
//
// The request union is open: the kernel adds kinds of its own (waiting on a queue, a lock, a join),
// and a blocking callback may yield them through the loop; only `select` and `sleep` are defined here.
import { KeyboardInterrupt, type PyFrame } from './exceptions.js';
import type { Realm } from './realm.js';
import { getRealm } from './realm.js';
import { PY_STDLIB_DIR } from './repr.js';

/** What a selector wait needs to know about its loop. */
export interface SelectorLoop {
  readonly id: number;
  readonly realm: Realm;
  /** True when the loop's self-pipe has been written and not yet drained: a select returns at once. */
  readonly selfPipeWritten: boolean;
}

/** The selector wait in `_run_once`: at most `timeout` seconds (null: until woken). */
export interface SelectRequest {
  kind: 'select';
  loop: SelectorLoop;
  timeout: number | null;
}

/** `time.sleep(seconds)`. */
export interface SleepRequest {
  kind: 'sleep';
  seconds: number;
  /** Label for the trace; default `time.sleep(<seconds>)`. */
  on?: string;
}

/** Any request; kinds other than select and sleep belong to the simulated process's kernel. */
export type BlockingRequest = SelectRequest | SleepRequest | { readonly kind: string };

/** How a selector wait ended (what its driver resumes it with). */
export interface SelectResult {
  reason: 'timeout' | 'self_pipe' | 'immediate';
  slept: number;
}

/** A blocking operation: `const x = yield* op`. */
export type Blocking<T> = Generator<BlockingRequest, T, unknown>;

export function isSelectRequest(request: BlockingRequest): request is SelectRequest {
  return request.kind === 'select';
}

export function isSleepRequest(request: BlockingRequest): request is SleepRequest {
  return request.kind === 'sleep';
}

/**
 * A blocking request that reached a task instead of a thread's driver: a coroutine called
 * `time.sleep` (or `q.get()`, `t.join()`...) directly. Real Python would block the loop's whole thread
 * there; the simulation cannot (a task's step is not a blocking operation the loop can suspend), so
 * the task raises this message into the coroutine instead of stepping on. Returns undefined for
 * anything that is not a blocking request.
 */
export function unsupportedBlockingInCoroutine(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') return undefined;
  const request = value as BlockingRequest & { on?: string; seconds?: number };
  const call = request.kind === 'sleep' ? `time.sleep(${request.seconds})` : (request.on ?? request.kind);
  const instead = request.kind === 'sleep' ? `yield* py.asyncio.sleep(${request.seconds}) (await asyncio.sleep), or ` : '';
  return `${call} inside a coroutine is not supported by the simulation (it would block the loop's thread): use ${instead}block in a callback (loop.call_soon) or in another thread`;
}

/**
 * The program would wait forever: a selector wait with no timeout (no ready callbacks, no timers)
 * and, in a single-threaded run, nobody who could write the loop's self-pipe. Real Python would hang
 * here until Ctrl+C.
 */
export class SimulationHang extends Error {
  constructor(readonly request: BlockingRequest) {
    super(
      request.kind === 'select'
        ? `the event loop would block forever: loop ${(request as SelectRequest).loop.id} waits in select() with no timeout, no timers and no other thread to wake it`
        : `the program would block forever on '${request.kind}'`,
    );
    this.name = 'SimulationHang';
  }
}

export interface StandaloneOptions {
  /**
   * Called at every blocking point before the driver serves it. Return 'interrupt' to raise
   * KeyboardInterrupt there instead (Ctrl+C while the program waits).
   */
  onBlock?: (request: BlockingRequest) => 'interrupt' | void;
  /** The realm whose clock `sleep` advances (default: the current realm). */
  realm?: Realm;
  /**
   * Wait as the simulated process's kernel does (and a recorded program's clock, src/recorder): a
   * select's timeout rounded up as EpollSelector rounds it (epollTimeout), and every wait ending at
   * the time since start when it began plus its timeout. Default: exact waits, the clock advanced by
   * the timeout, as the oracle's Python harness advances its own.
   */
  kernelWaits?: boolean;
}

/**
 * What selectors.EpollSelector.select (the DefaultSelector on Linux) passes to epoll_wait: the
 * timeout rounded up to the millisecond ("round away from zero to wait *at least* timeout seconds").
 * So a loop wakes up to 1 ms after its earliest timer, and every timer due by then runs in that
 * iteration, as on CPython.
 */
export function epollTimeout(timeout: number): number {
  return Math.ceil(timeout * 1e3) * 1e-3;
}

type Resume = { throw: false; value: unknown } | { throw: true; error: unknown };

/** CPython 3.11.7's frames inside a selector wait, innermost last: where a Ctrl+C there is raised. */
export const SELECT_FRAMES: readonly PyFrame[] = [
  {
    file: `${PY_STDLIB_DIR}/asyncio/base_events.py`,
    line: 1884,
    name: '_run_once',
    text: 'event_list = self._selector.select(timeout)',
    marker: `${' '.repeat(13)}${'^'.repeat(30)}`,
  },
  {
    file: `${PY_STDLIB_DIR}/selectors.py`,
    line: 468,
    name: 'select',
    text: 'fd_event_list = self._selector.poll(timeout, max_ev)',
    marker: `${' '.repeat(16)}${'^'.repeat(36)}`,
  },
];

/**
 * Runs a blocking operation on a single thread in virtual time: a select returns at once when its
 * loop's self-pipe was written or its timeout is 0, otherwise it advances the clock by its timeout;
 * a sleep advances the clock. A select that could only be ended by another thread raises
 * SimulationHang inside the operation (so its `finally` blocks run) and out of this call.
 */
export function driveStandalone<T>(gen: Blocking<T>, options: StandaloneOptions = {}): T {
  let resume: Resume = { throw: false, value: undefined };
  for (;;) {
    const step = resume.throw ? gen.throw(resume.error) : gen.next(resume.value);
    if (step.done) return step.value;
    const request = step.value;
    if (options.onBlock?.(request) === 'interrupt') {
      const interrupt = new KeyboardInterrupt();
      if (isSelectRequest(request)) interrupt.frames = [...SELECT_FRAMES];
      resume = { throw: true, error: interrupt };
      continue;
    }
    resume = serve(request, options);
  }
}

// The resumptions of a select that did not wait, shared: an iteration with ready callbacks (most
// of them) then allocates nothing here. Nobody writes to them.
const SELF_PIPE: Resume = { throw: false, value: { reason: 'self_pipe', slept: 0 } satisfies SelectResult };
const IMMEDIATE: Resume = { throw: false, value: { reason: 'immediate', slept: 0 } satisfies SelectResult };

function serve(request: BlockingRequest, options: StandaloneOptions): Resume {
  if (isSelectRequest(request)) {
    const { loop, timeout } = request;
    if (loop.selfPipeWritten) return SELF_PIPE;
    if (timeout === 0) return IMMEDIATE;
    if (timeout === null) return { throw: true, error: new SimulationHang(request) };
    if (options.kernelWaits) {
      const { clock } = loop.realm;
      const since = clock.instant;
      clock.waitUntil(clock.elapsed() + epollTimeout(timeout));
      return { throw: false, value: { reason: 'timeout', slept: clock.instant - since } satisfies SelectResult };
    }
    loop.realm.clock.advance(timeout);
    return { throw: false, value: { reason: 'timeout', slept: timeout } satisfies SelectResult };
  }
  if (isSleepRequest(request)) {
    const { clock } = options.realm ?? getRealm();
    if (options.kernelWaits) clock.waitUntil(clock.elapsed() + Math.max(0, request.seconds));
    else clock.advance(request.seconds);
    return { throw: false, value: undefined };
  }
  return { throw: true, error: new Error(`blocking request '${request.kind}' needs the simulated process (src/runtime/process); the standalone driver serves only select and sleep`) };
}
