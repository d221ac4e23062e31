// The `queue` module's Queue (CPython's Lib/queue.py): a FIFO between threads. put() never blocks
// (an unbounded queue, the article's); get() blocks the calling thread until an item arrives, or
// raises queue.Empty after `timeout` seconds or at once when `block=False`.
import { QueueEmpty, ValueError } from '../exceptions.js';
import { pyAddress } from '../repr.js';
import type { ProcessContext } from './context.js';
import { WAIT_FRAMES } from './frames.js';
import type { Op, WaitRequest } from './requests.js';
import { WaitQueue } from './wait-queue.js';

export interface GetOptions {
  block?: boolean;
  timeout?: number | null;
}

export class Queue<T = unknown> {
  private readonly items: T[] = [];
  /** Threads blocked in get() (CPython's `not_empty` condition). */
  private readonly notEmpty: WaitQueue;
  private unfinished = 0;
  private readonly allDone: WaitQueue;

  constructor(private readonly ctx: ProcessContext) {
    this.notEmpty = new WaitQueue(ctx.kernel);
    this.allDone = new WaitQueue(ctx.kernel);
  }

  /** `put(item)`: never blocks (unbounded); wakes one thread blocked in get(). */
  put(item: T): void {
    this.items.push(item);
    this.unfinished++;
    this.notEmpty.notifyOne();
  }

  put_nowait(item: T): void {
    this.put(item);
  }

  /** `get(block=True, timeout=None)`: `const x = yield* q.get()`. */
  *get(options: GetOptions = {}): Op<T> {
    const block = options.block ?? true;
    const timeout = options.timeout ?? null;
    if (!block) {
      if (this.items.length === 0) throw new QueueEmpty();
    } else if (timeout === null) {
      while (this.items.length === 0) yield this.waitNotEmpty(null, timeout);
    } else if (timeout < 0) {
      throw new ValueError("'timeout' must be a non-negative number");
    } else {
      // queue.py reads time.monotonic() for its deadline, then again before each wait.
      const clock = this.ctx.kernel.realm.clock;
      const endtime = clock.read() + timeout;
      while (this.items.length === 0) {
        const remaining = endtime - clock.read();
        if (remaining <= 0) throw new QueueEmpty();
        yield this.waitNotEmpty(remaining, timeout);
      }
    }
    return this.items.shift()!;
  }

  private waitNotEmpty(remaining: number | null, timeout: number | null): WaitRequest {
    return { kind: 'wait', queue: this.notEmpty, timeout: remaining, on: 'q.get()', frames: WAIT_FRAMES.queueGet(timeout) };
  }

  /** `get_nowait()`: an item, or queue.Empty. */
  get_nowait(): T {
    if (this.items.length === 0) throw new QueueEmpty();
    return this.items.shift()!;
  }

  task_done(): void {
    if (this.unfinished <= 0) throw new ValueError('task_done() called too many times');
    if (--this.unfinished === 0) this.allDone.notifyAll();
  }

  /** `join()`: blocks until every item put has been marked done. */
  *join(): Op<void> {
    while (this.unfinished > 0) yield { kind: 'wait', queue: this.allDone, timeout: null, on: 'q.join()', frames: WAIT_FRAMES.queueJoin() };
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  __repr__(): string {
    return `<queue.Queue object at ${pyAddress(this)}>`;
  }
}
