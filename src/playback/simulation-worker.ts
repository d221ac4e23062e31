// The simulation's worker thread: runs one program on the simulated process and streams its events
// to the UI's thread in batches. It runs at most `ahead` events past what the reader has used, and
// waits there (paused at its frontier, where a Ctrl+C is delivered into the live run); it stops at
// a budget. The UI's thread terminates it whenever it likes, whatever the program is doing.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProcessControl } from '../runtime/process/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import { lessons } from '../scenarios/index.js';
import { loadScenario } from '../scenarios/load.js';
import { BudgetCounter, type BudgetStop } from './budgets.js';
import type { Runnable } from './interrupt.js';
import type { RunTarget } from './simulation.js';
import { NdjsonEncoder } from '../views/ndjson-encoder.js';
import { ACKED, ADVANCES, ALLOWED_T_OFFSET, AT_CLOCK_MOVE, BUSY, COMMAND, INTERRUPT, INTERRUPT_T_OFFSET, MID_STRETCH, NONE, WAITING, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

/** Events per message: large enough that posting costs little per event. */
const BATCH = 4096;
/** A batch waiting this long (wall ms) is posted at the next clock move, so a live view keeps up. */
const LATENCY_MS = 20;

const input = workerData as WorkerInput;
const control = new Int32Array(input.control, 0, 4);
const interruptT = new Float64Array(input.control, INTERRUPT_T_OFFSET, 1);
const allowedT = new Float64Array(input.control, ALLOWED_T_OFFSET, 1);
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function find(target: RunTarget): Promise<Runnable> {
  if (target.kind === 'scenario') return loadScenario(target.file);
  if (target.kind === 'recorded') throw new Error('a recorded program runs in the lab\'s process, not in a worker');
  const lesson = lessons.find((l) => l.id === target.id);
  if (!lesson) throw new Error(`no lesson '${target.id}'`);
  if (target.variant === undefined) return lesson;
  const variant = lesson.variants.find((v) => v.id === target.variant);
  if (!variant) throw new Error(`lesson ${lesson.id} has no variant '${target.variant}'`);
  return variant;
}

/** The events not yet posted: as they are, or already written as NDJSON lines (format 'ndjson'). */
interface Batch {
  readonly length: number;
  push(event: TraceEvent): void;
  /** Posts the events held (transferring the NDJSON bytes, so that they are not copied). */
  post(): void;
}

function eventsBatch(): Batch {
  let events: TraceEvent[] = [];
  return {
    get length() {
      return events.length;
    },
    push: (event) => events.push(event),
    post: () => {
      post({ type: 'events', events });
      events = [];
    },
  };
}

function ndjsonBatch(): Batch {
  const encoder = new NdjsonEncoder();
  let shutdown: TraceEvent | undefined;
  return {
    get length() {
      return encoder.count;
    },
    push: (event) => {
      encoder.add(event);
      if (event.type === 'shutdown') shutdown = event;
    },
    post: () => {
      const message: WorkerMessage = { type: 'text', count: encoder.count, bytes: encoder.take(), ...(shutdown && { shutdown }) };
      post(message, [message.bytes.buffer as ArrayBuffer]);
      shutdown = undefined;
    },
  };
}

const batch = input.format === 'ndjson' ? ndjsonBatch() : eventsBatch();
let sent = 0;
let postedAt = performance.now();
let process: ProcessControl | undefined;
let budget: BudgetStop | undefined;
const counter = new BudgetCounter(input.budgets);

function flush(): void {
  if (batch.length === 0) return;
  sent += batch.length;
  batch.post();
  postedAt = performance.now();
}

/**
 * A Ctrl+C the reader asked for, handed to the live run: it is raised at the main thread's next
 * line if it runs code (a busy stretch), else where it next blocks.
 */
function takeCommand(): void {
  if (Atomics.load(control, COMMAND) !== INTERRUPT) return;
  process?.interrupt(interruptT[0]!);
  Atomics.store(control, COMMAND, NONE);
}

/**
 * Waits while the run is `ahead` events past what the reader has used, or (before the clock moves
 * to `advanceTo`) while that is past the allowed time. The reader wakes it by notifying ACKED.
 */
function holdAtFrontier(advanceTo?: number): void {
  for (;;) {
    if (Atomics.load(control, COMMAND) === INTERRUPT) {
      takeCommand();
      // The kernel looks at its interrupts again before moving the clock.
      if (advanceTo !== undefined) break;
    }
    const acked = Atomics.load(control, ACKED);
    const timeAllowed = advanceTo === undefined || advanceTo <= allowedT[0]! || takeAdvance();
    if (sent - acked <= input.ahead && timeAllowed) break;
    if (batch.length > 0) flush();
    Atomics.store(control, WAITING, advanceTo === undefined ? MID_STRETCH : AT_CLOCK_MOVE);
    Atomics.wait(control, ACKED, acked, 250);
  }
  Atomics.store(control, WAITING, BUSY);
}

/** Uses one of the clock moves the reader allowed past the allowed time. */
function takeAdvance(): boolean {
  for (;;) {
    const n = Atomics.load(control, ADVANCES);
    if (n <= 0) return false;
    if (Atomics.compareExchange(control, ADVANCES, n, n - 1) === n) return true;
  }
}

async function main(): Promise<void> {
  const runnable = await find(input.target);
  const result = runnable.run({
    ...input.options,
    sink: {
      attach: (c) => (process = c),
      event: (event) => {
        if (budget !== undefined) return;
        budget = counter.count(event);
        if (budget !== undefined) {
          // Everything before it is kept; the UI's thread ends the worker on this message.
          flush();
          post({ type: 'end', end: { kind: 'until', t: budget.t }, budget });
          process?.stop();
          return;
        }
        batch.push(event);
        if (batch.length >= BATCH) {
          flush();
          holdAtFrontier();
        }
      },
      // The main thread looks for a signal at every line it runs: a Ctrl+C sent while the run is
      // busy (a callback that never returns, a chain that never waits) is raised there.
      poll: () => {
        if (Atomics.load(control, COMMAND) === INTERRUPT) takeCommand();
      },
      beforeAdvance: (t) => {
        if (budget !== undefined) return;
        if (batch.length > 0 && performance.now() - postedAt >= LATENCY_MS) flush();
        holdAtFrontier(t);
      },
    },
  });
  if (budget !== undefined) return;
  flush();
  post({ type: 'end', end: result.end });
}

main().catch((error: unknown) => {
  if (budget !== undefined) return;
  flush();
  post({ type: 'end', end: { kind: 'until', t: 0 }, error: error instanceof Error ? error.message : String(error) });
});
