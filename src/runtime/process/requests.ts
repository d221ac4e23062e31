// The blocking requests a simulated thread yields to the kernel. A thread is a generator; when it
// must wait (time.sleep, a selector wait, q.get, join, a lock, an event, a future's result) it
// yields one of these and the kernel resumes it with `next(value)` when it wakes, or with
// `throw(KeyboardInterrupt)` when Ctrl+C reaches it there (main thread only).
//
// `sleep` and `select` are defined by src/runtime/blocking.ts (the loop yields them from `_run_once`
// and from blocking callbacks); `wait` is the primitive every threading / queue /
// concurrent.futures object here is built on: "block on this wait queue, at most `timeout` seconds".
import type { BlockingRequest, SelectRequest, SleepRequest } from '../blocking.js';
import type { PyFrame } from '../exceptions.js';
import type { WaitQueue } from './wait-queue.js';

export type { SelectRequest, SelectResult, SleepRequest } from '../blocking.js';

/**
 * Blocks on a wait queue until notified or `timeout` seconds pass (null: no limit). Resumed with
 * `true` when notified, `false` on timeout. Like a condition variable: the caller re-checks its
 * condition in a loop.
 */
export interface WaitRequest {
  kind: 'wait';
  queue: WaitQueue;
  timeout: number | null;
  /** What the thread is blocked on, for the trace: 'q.get()', 'join', 'future.result()'... */
  on: string;
  /** CPython's frames below the caller at this blocking point (shown if KeyboardInterrupt is raised here). */
  frames?: PyFrame[];
}

/** The requests the kernel serves. */
export type KernelRequest = SleepRequest | SelectRequest | WaitRequest;

/** A blocking operation run by a simulated thread: `const x = yield* op` (the runtime's `Blocking<T>`). */
export type Op<T> = Generator<KernelRequest | BlockingRequest, T, unknown>;

export function isWaitRequest(request: BlockingRequest): request is WaitRequest {
  return request.kind === 'wait';
}
