// concurrent.futures.ThreadPoolExecutor (CPython's Lib/concurrent/futures/thread.py). submit() puts
// a work item on the executor's queue and, when no worker is idle and fewer than max_workers exist,
// starts a worker thread named 'ThreadPoolExecutor-N_M'. Workers are ordinary (non-daemon) threads:
// at interpreter exit, `_python_exit` (registered with threading._register_atexit) tells them to
// stop and joins them, so a worker running a never-ending task makes the process hang.
import { RuntimeError, ValueError, isExitException, toPyException } from '../exceptions.js';
import type { ProcessContext } from './context.js';
import { ConcurrentFuture } from './concurrent-future.js';
import { throughFrame } from '../events.js';
import { CALLER_FRAMES } from './frames.js';
import { Queue } from './queue.js';
import type { Op } from './requests.js';
import { Thread, ThreadTable } from './threading.js';

/** os.cpu_count() of the simulated machine; the default max_workers is min(32, cpu_count + 4). */
export const SIMULATED_CPU_COUNT = 8;

export interface ExecutorOptions {
  maxWorkers?: number;
  threadNamePrefix?: string;
}

interface WorkItem {
  future: ConcurrentFuture<unknown>;
  fn: (...args: never[]) => unknown;
  args: readonly unknown[];
}

/** Every executor of the process, for the exit-time `_python_exit`. */
export class ExecutorRegistry {
  readonly executors: ThreadPoolExecutor[] = [];
  /** Set by `_python_exit`: submit() now fails with 'cannot schedule new futures after interpreter shutdown'. */
  interpreterShutdown = false;
}

export class ThreadPoolExecutor {
  readonly _max_workers: number;
  private readonly prefix: string;
  private readonly workQueue: Queue<WorkItem | null>;
  private readonly threads: Thread[] = [];
  private idle = 0;
  private shutdownFlag = false;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly table: ThreadTable,
    private readonly registry: ExecutorRegistry,
    options: ExecutorOptions = {},
  ) {
    const maxWorkers = options.maxWorkers ?? Math.min(32, SIMULATED_CPU_COUNT + 4);
    if (maxWorkers <= 0) throw new ValueError('max_workers must be greater than 0');
    this._max_workers = maxWorkers;
    this.prefix = options.threadNamePrefix || `ThreadPoolExecutor-${ctx.counters.executor++}`;
    this.workQueue = new Queue(ctx);
    registry.executors.push(this);
  }

  /** `submit(fn, *args)`: a concurrent Future for `fn(*args)` run on a worker thread. */
  submit<T>(fn: (...args: never[]) => T | Op<T>, ...args: unknown[]): ConcurrentFuture<T> {
    if (this.shutdownFlag) throw new RuntimeError('cannot schedule new futures after shutdown');
    if (this.registry.interpreterShutdown) throw new RuntimeError('cannot schedule new futures after interpreter shutdown');
    const future = new ConcurrentFuture<T>(this.ctx.kernel, (lines) => this.ctx.output.stderrLines(lines));
    this.workQueue.put({ future: future as ConcurrentFuture<unknown>, fn, args });
    this.adjustThreadCount();
    return future;
  }

  /** `shutdown(wait=True)`: no new work; workers exit once the queue is drained; waits for them. */
  *shutdown(wait = true): Op<void> {
    this.stop();
    if (wait) for (const thread of this.threads) yield* throughFrame(CALLER_FRAMES.executorShutdown, thread.join());
  }

  /** Tells the workers to exit once the queue is drained (shutdown's first half, and `_python_exit`'s). */
  stop(): void {
    this.shutdownFlag = true;
    this.workQueue.put(null);
  }

  /** The workers that are still alive. */
  get workers(): readonly Thread[] {
    return this.threads;
  }

  /** `_adjust_thread_count`: reuse an idle worker, else start one while under max_workers. */
  private adjustThreadCount(): void {
    if (this.idle > 0) {
      this.idle--;
      return;
    }
    if (this.threads.length >= this._max_workers) return;
    const name = `${this.prefix}_${this.threads.length}`;
    const worker = new Thread(this.ctx, this.table, { name, target: () => this.worker(), daemon: false });
    this.threads.push(worker);
    worker.start();
  }

  /** `_worker`: run work items until told to stop. */
  private *worker(): Op<void> {
    for (;;) {
      const item = yield* this.workQueue.get();
      if (item !== null) {
        yield* this.run(item);
        this.idle++;
        continue;
      }
      if (this.shutdownFlag || this.registry.interpreterShutdown) {
        // Wake the next worker so it exits too.
        this.workQueue.put(null);
        return;
      }
    }
  }

  /** `_WorkItem.run`. */
  private *run(item: WorkItem): Op<void> {
    if (!item.future.set_running_or_notify_cancel()) return;
    try {
      const result = (item.fn as (...args: unknown[]) => unknown)(...item.args);
      const value = isGenerator(result) ? yield* result : result;
      item.future.set_result(value);
    } catch (error) {
      if (isExitException(error)) throw error;
      item.future.set_exception(toPyException(error));
    }
  }
}

function isGenerator(value: unknown): value is Op<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterator<unknown>).next === 'function' && Symbol.iterator in value;
}
