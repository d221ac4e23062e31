// The blocking requests a simulated thread yields to the kernel. A thread is a generator; when it
// must wait (time.sleep, a selector wait, q.get, join, a lock, an event, a future's result) it
// yields one of these and the kernel resumes it with `next(value)` when it wakes, or with
// `throw(KeyboardInterrupt)` when Ctrl+C reaches it there (main thread only).
//
// `sleep` and `select` are the loop's requests (src/runtime/blocking.ts yields them from
// `_run_once` and from blocking callbacks); `wait` is the primitive every threading / queue /
// concurrent.futures object here is built on: "block on this wait queue, at most `timeout` seconds".
import type { PyFrame } from '../exceptions.js';
import type { WaitQueue } from './wait-queue.js';

/** `time.sleep(seconds)`: resumed with `undefined` once the time has passed. */
export interface SleepRequest {
  kind: 'sleep';
  seconds: number;
  /** Label for the trace; default `time.sleep(<seconds>)`. */
  on?: string;
}

/**
 * The selector wait inside a loop's `_run_once`: resumed when `timeout` seconds have passed (null:
 * never) or as soon as the loop's self-pipe is written (`call_soon_threadsafe`), with a
 * {@link SelectResult}. If the pipe was written before the wait began, it returns at once.
 */
export interface SelectRequest {
  kind: 'select';
  loop: object;
  timeout: number | null;
}

/** Why a selector wait ended, and how long it slept (simulated seconds). */
export interface SelectResult {
  reason: 'timeout' | 'self_pipe' | 'immediate';
  slept: number;
}

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

export type KernelRequest = SleepRequest | SelectRequest | WaitRequest;

/** A blocking operation run by a simulated thread: `const x = yield* op`. */
export type Op<T> = Generator<KernelRequest, T, unknown>;
