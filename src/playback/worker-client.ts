// Runs a simulation in a worker thread (src/playback/simulation-worker.ts) and reads its events on
// this thread, which stays free for keys, signals and drawing whatever the program does: a
// synchronous infinite loop in a scenario freezes the worker only, and `close()` ends it.
//
// How far ahead it runs: at most AHEAD_EVENTS events past what the reader has said it used
// (`consumed`), and never with its clock past the time the reader allows (`allow`; Infinity unless
// a live view sets it). There it waits, paused at its frontier: a Ctrl+C then goes into the live run.
import { Worker } from 'node:worker_threads';
import type { TraceEvent } from '../runtime/trace.js';
import type { Simulation, SimulationEnd, SimulationRequest, TextBatch } from './simulation.js';
import { ACKED, ADVANCES, ALLOWED_T_OFFSET, AT_CLOCK_MOVE, COMMAND, CONTROL_BYTES, INTERRUPT, INTERRUPT_T_OFFSET, WAITING, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

/** Events the worker may run ahead of the reader: what a reader may have to hold, at most. */
export const AHEAD_EVENTS = 65_536;
/**
 * The worker's young generation, in megabytes. The runtime allocates many short-lived objects
 * (handles, events, generator frames); V8's default young generation for a worker is small, and a
 * larger one made allocation-heavy runs 2-3x faster (measured in `npm run bench`).
 */
export const YOUNG_GENERATION_MB = 192;
/**
 * The young generation of a run streamed as NDJSON (`--json`): its events leave as text at once,
 * so little stays live, and a smaller young generation took as much CPU time for a third less
 * peak RSS (timer chain for 600 s: 234 MB against 325 MB; `npm run bench stream`).
 */
export const STREAM_YOUNG_GENERATION_MB = 64;

/**
 * The worker's script beside this module: the built JavaScript, or in a checkout run from source
 * (tests, `npm run dev`) the TypeScript one, loaded through tsx's loader registered in the worker.
 */
function workerScript(): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./simulation-worker.js', here), eval: false };
  const source = new URL('./simulation-worker.ts', here).href;
  const script = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return { script, eval: true };
}

export function simulateInWorker(request: SimulationRequest, allowed = Number.POSITIVE_INFINITY): Simulation {
  const buffer = new SharedArrayBuffer(CONTROL_BYTES);
  const control = new Int32Array(buffer, 0, 4);
  new Float64Array(buffer, ALLOWED_T_OFFSET, 1)[0] = allowed;
  const allowedT = new Float64Array(buffer, ALLOWED_T_OFFSET, 1);
  const interruptT = new Float64Array(buffer, INTERRUPT_T_OFFSET, 1);
  const input: WorkerInput = { target: request.target, options: request.options, budgets: request.budgets, ahead: AHEAD_EVENTS, control: buffer, format: request.format ?? 'events' };
  const { script, eval: isEval } = workerScript();
  const worker = new Worker(script, {
    workerData: input,
    eval: isEval,
    resourceLimits: { maxOldGenerationSizeMb: request.budgets.memoryMb, maxYoungGenerationSizeMb: request.format === 'ndjson' ? STREAM_YOUNG_GENERATION_MB : YOUNG_GENERATION_MB },
  });

  const queue: TraceEvent[][] = [];
  const texts: TextBatch[] = [];
  let ended: SimulationEnd | undefined;
  let closed = false;
  let received = 0;
  let lastT = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const finish = (end: SimulationEnd) => {
    if (ended !== undefined) return;
    ended = end;
    close();
    notify();
  };
  const close = () => {
    if (closed) return;
    closed = true;
    void worker.terminate();
  };

  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'events') {
      queue.push(message.events);
      received += message.events.length;
      lastT = message.events.at(-1)?.t ?? lastT;
      notify();
    } else if (message.type === 'text') {
      const { type: _type, ...text } = message;
      texts.push(text);
      received += text.count;
      notify();
    } else {
      const { type: _type, ...end } = message;
      finish(end);
    }
  });
  worker.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish({ end: { kind: 'until', t: lastT }, budget: { budget: 'memoryMb', limit: request.budgets.memoryMb, t: lastT } });
    else finish({ end: { kind: 'until', t: lastT }, error: error.message.split('\n')[0] });
  });
  worker.on('exit', (code) => {
    if (!closed) finish({ end: { kind: 'until', t: lastT }, error: `the simulation stopped unexpectedly (exit code ${code})` });
  });

  const ack = (n: number) => {
    Atomics.add(control, ACKED, n);
    Atomics.notify(control, ACKED);
  };
  return {
    next: async () => {
      for (;;) {
        const batch = queue.shift();
        if (batch !== undefined) return batch;
        if (ended !== undefined) return undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    nextText: async () => {
      for (;;) {
        const batch = texts.shift();
        if (batch !== undefined) return batch;
        if (ended !== undefined) return undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    take: () => {
      if (queue.length === 1) return queue.pop()!;
      return queue.splice(0).flat();
    },
    changed: (signal) =>
      new Promise<void>((resolve) => {
        if (queue.length > 0 || ended !== undefined || signal.aborted) return resolve();
        const done = () => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        const previous = wake;
        wake = () => {
          previous?.();
          done();
        };
        signal.addEventListener('abort', done);
      }),
    ended: () => (queue.length === 0 && texts.length === 0 ? ended : undefined),
    consumed: (n) => ack(n),
    interrupt: (t) => {
      if (ended !== undefined) return false;
      // Held before its clock moves, the run stands at its latest time: the Ctrl+C goes in there
      // only if that is not past `t`. Busy in a stretch of code that has not waited (a chain that
      // never waits, a callback that never returns), it is raised at the main thread's next line,
      // a little after `t` (where exactly a signal lands inside running code is the machine's).
      if (Atomics.load(control, WAITING) === AT_CLOCK_MOVE && (t < lastT || queue.length > 0)) return false;
      interruptT[0] = t;
      if (allowedT[0]! < t) allowedT[0] = t;
      Atomics.store(control, COMMAND, INTERRUPT);
      Atomics.notify(control, ACKED);
      return true;
    },
    allow: (t) => {
      allowedT[0] = t;
      Atomics.notify(control, ACKED);
    },
    advanceOnce: () => {
      Atomics.add(control, ADVANCES, 1);
      Atomics.notify(control, ACKED);
    },
    received: () => received,
    close,
  };
}
