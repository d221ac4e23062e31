// A run as a stream: the views read its events in batches while it goes, and it stops at a budget.
// Two producers: a worker thread (src/playback/worker-client.ts, what the CLI uses, so nothing the
// program does can freeze the UI, the keys or the signal handlers) and this in-process one (for
// lessons that exist only in the caller's memory, such as tests' fixtures).
import type { ProcessControl } from '../runtime/process/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { RunEnd, RunOptions } from '../scenarios/types.js';
import { BudgetCounter, type BudgetStop, type Budgets } from './budgets.js';
import type { Runnable } from './interrupt.js';
import { NdjsonEncoder } from '../views/ndjson-encoder.js';

/** Which program a worker runs: a lesson of the registry, or a scenario file, maybe a variant. */
export type RunTarget =
  | { kind: 'lesson'; id: string; variant?: string }
  | { kind: 'scenario'; file: string }
  /**
   * A program recorded on CPython (src/recorder/): its recorder is a process of its own, read as a
   * stream (`simulate`); without it, the runnable runs in the lab's process.
   */
  | { kind: 'recorded'; simulate?: (options: PlainRunOptions, budgets: Budgets) => Simulation };

/** Options as a worker receives them (a sink cannot cross threads). */
export type PlainRunOptions = Omit<RunOptions, 'sink'>;

export interface SimulationRequest {
  /** The program, run in-process. */
  runnable: Runnable;
  /** The same program, as a worker finds it. */
  target: RunTarget;
  options: PlainRunOptions;
  budgets: Budgets;
  /** 'ndjson': read the run with `nextText` (formatted where it is simulated), not `next`. */
  format?: 'events' | 'ndjson';
}

/** A batch of events as NDJSON lines. */
export interface TextBatch {
  /** The lines, UTF-8 encoded (src/views/ndjson-encoder.ts). */
  bytes: Uint8Array;
  /** How many events (lines). */
  count: number;
  /** The last interpreter-shutdown event among them (what a closing message reads). */
  shutdown?: TraceEvent;
}

/** How a streamed run ended. */
export interface SimulationEnd {
  /** The process exited, or it was still running where watching stopped. */
  end: RunEnd;
  /** Set when a budget stopped the run (`end` is then 'until' at that time). */
  budget?: BudgetStop;
  /** Set when the simulation itself failed (a bug, or a scenario that throws outside Python). */
  error?: string;
}

export interface Simulation {
  /** The next batch of events; undefined once the run has ended (then `ended()` says how). */
  next(): Promise<TraceEvent[] | undefined>;
  /** The next batch as NDJSON text, for a run requested with format 'ndjson'. */
  nextText(): Promise<TextBatch | undefined>;
  /** Every event arrived and not yet taken, at once (maybe none); for views that also wait on a clock. */
  take(): TraceEvent[];
  /** Resolves when events arrive or the run ends (at once if some are waiting), or `signal` aborts. */
  changed(signal: AbortSignal): Promise<void>;
  ended(): SimulationEnd | undefined;
  /**
   * The reader has used `n` more events: the producer runs at most a bounded distance ahead of
   * what was used (src/playback/worker-client.ts says how far).
   */
  consumed(n: number): void;
  /**
   * Ctrl+C at simulated time `t`, delivered into the live run: where it waits at its frontier if
   * that is not past `t`, or, while the main thread is busy running code that has not waited since,
   * at its next line. False when the run has moved its clock past `t`: the caller replays from the
   * start instead.
   */
  interrupt(t: number): boolean;
  /** Lets the run's clock move up to simulated time `t` (Infinity, the default: no limit). */
  allow(t: number): void;
  /** Lets the clock move once past the allowed time (a step forward at the frontier). */
  advanceOnce(): void;
  /** Events produced so far (progress while a run is replayed). */
  received(): number;
  /** Ends the run and frees what it holds (a worker is terminated). Idempotent. */
  close(): void;
}

/** Runs the program here, to its end or a budget, and hands its events out in one batch. */
export function simulateInProcess(request: SimulationRequest): Simulation {
  let batch: TraceEvent[] | undefined;
  let ended: SimulationEnd | undefined;
  const run = () => {
    const events: TraceEvent[] = [];
    const counter = new BudgetCounter(request.budgets);
    let control: ProcessControl | undefined;
    let budget: BudgetStop | undefined;
    const result = request.runnable.run({
      ...request.options,
      sink: {
        attach: (c) => (control = c),
        event: (event) => {
          if (budget !== undefined) return;
          budget = counter.count(event);
          if (budget === undefined) events.push(event);
          else control?.stop();
        },
      },
    });
    // A runnable that builds its trace itself (a test's fixture) returns it instead of streaming it.
    for (const event of result.events) {
      if (budget !== undefined) break;
      budget = counter.count(event);
      if (budget === undefined) events.push(event);
    }
    batch = events;
    ended = budget === undefined ? { end: result.end } : { end: { kind: 'until', t: budget.t }, budget };
  };
  let given = false;
  // A program that throws outside Python is a bug of the lab's: it propagates to the CLI's report.
  const ensureRun = () => {
    if (ended === undefined) run();
  };
  const next = async () => {
    ensureRun();
    if (given) return undefined;
    given = true;
    return batch;
  };
  return {
    next,
    nextText: async () => {
      const events = await next();
      return events && textBatch(events);
    },
    take: () => {
      ensureRun();
      if (given) return [];
      given = true;
      return batch!;
    },
    changed: async () => {},
    ended: () => (given ? ended : undefined),
    consumed: () => {},
    interrupt: () => false,
    allow: () => {},
    advanceOnce: () => {},
    received: () => batch?.length ?? 0,
    close: () => {},
  };
}

/** Events as an NDJSON text batch. */
export function textBatch(events: readonly TraceEvent[]): TextBatch {
  const encoder = new NdjsonEncoder();
  let shutdown: TraceEvent | undefined;
  for (const event of events) {
    encoder.add(event);
    if (event.type === 'shutdown') shutdown = event;
  }
  const bytes = encoder.take();
  return shutdown === undefined ? { bytes, count: events.length } : { bytes, count: events.length, shutdown };
}

/** Reads a whole run into memory (for views that need it all, bounded by the event budgets). */
export async function collect(simulation: Simulation): Promise<{ events: TraceEvent[]; ended: SimulationEnd }> {
  const events: TraceEvent[] = [];
  for (let batch = await simulation.next(); batch !== undefined; batch = await simulation.next()) {
    for (const e of batch) events.push(e);
    simulation.consumed(batch.length);
  }
  return { events, ended: simulation.ended()! };
}
