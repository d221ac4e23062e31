// What the simulated process's modules share: the kernel, the program's sources, stdout/stderr,
// and process-wide counters (CPython keeps them as module globals: threading's `_counter`,
// ThreadPoolExecutor's `_counter`).
import type { BaseEventLoop } from '../base-events.js';
import type { Realm } from '../realm.js';
import type { Kernel } from './kernel.js';
import type { SourceFiles } from './frames.js';
import type { ProcessOutput } from './output.js';
import type { SimThread } from './thread.js';

export interface ProcessContext {
  readonly realm: Realm;
  readonly kernel: Kernel;
  readonly sources: SourceFiles;
  readonly output: ProcessOutput;
  /** The main program's file name ('threads-queue.py'). */
  readonly file: string;
  /** asyncio debug / dev mode (`python -X dev`): also shows DeprecationWarning and ResourceWarning. */
  readonly debug: boolean;
  /**
   * Coroutines handed to run_coroutine_threadsafe whose callback has not run yet, with the loop
   * whose ready queue holds that callback (they are freed with it: see Interpreter.collectGarbage).
   */
  readonly coroutinesInCallbacks: Map<object, BaseEventLoop>;
  /** Counters behind default names: 'Thread-N', 'ThreadPoolExecutor-N'. */
  readonly counters: { thread: number; executor: number };
  /** `warnings.warn(message, category)` as shown at the running thread's current line (once per place). */
  warn(category: string, message: string): void;
  /** The running simulated thread. */
  currentThread(): SimThread;
}
