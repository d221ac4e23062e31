// The simulated process: threads, blocking calls, Ctrl+C and interpreter shutdown. See
// docs/process-api.md for how a lesson's program is written against `py`.
export { runProcess, type MainProgram, type ProcessControl, type ProcessOptions, type ProcessResult, type ProcessSink, type RunEnd } from './run-process.js';
export type { Py } from './py.js';
export { Kernel, HELD_EVENTS_LIMIT, type KernelEnd, type KernelSink } from './kernel.js';
export { SimThread, type ThreadState } from './thread.js';
export { WaitQueue } from './wait-queue.js';
export { Thread, Event, Lock, type ThreadOptions, type ThreadTarget } from './threading.js';
export { Queue, type GetOptions } from './queue.js';
export { ConcurrentFuture, type ConcurrentState } from './concurrent-future.js';
export { ThreadPoolExecutor, type ExecutorOptions } from './executor.js';
export { SHUTDOWN_INTERRUPTED, SIGINT_STATUS } from './interpreter.js';
export { STDLIB_FRAMES, WAIT_FRAMES } from './frames.js';
export { WALL_CLOCK_START, ctime, type PyTime } from './time.js';
export type { KernelRequest, Op, WaitRequest } from './requests.js';
