// A recording as the views read a run (src/playback/simulation.ts's Simulation): the recorder's
// process runs beside the lab and its events come in batches as it writes them, so a view starts at
// once and a replay (Ctrl+C at a moment, a seek) never freezes the lab. Reading stops (and the
// recorder then waits on its descriptor) when the reader is AHEAD_EVENTS behind; close() kills it.
import { BudgetCounter, type BudgetStop, type Budgets } from '../playback/budgets.js';
import { textBatch, type Simulation, type SimulationEnd, type TextBatch } from '../playback/simulation.js';
import type { TraceEvent } from '../runtime/trace.js';
import { EngineError, type LiveRecording, type RecordingListener } from './child.js';
import { runEnd } from './lesson.js';
import type { Recording } from './recording.js';

/** Events the recorder may be ahead of what the reader has used before its reading pauses. */
export const AHEAD_EVENTS = 65_536;

/** A recording already made (the command's first run), handed out as a run that has ended. */
export function finishedSimulation(recording: Recording, budgets: Budgets): Simulation {
  return streamedSimulation((listener) => {
    // Handed out once the caller holds the simulation, as a recorder's first batch would be.
    const done = Promise.resolve().then(() => {
      listener.events?.(recording.events);
      return recording;
    });
    return { done, pause: () => {}, resume: () => {}, kill: () => {} };
  }, budgets);
}

/**
 * Reads the recording `start` begins, as a stream. `start` need not keep the events (startRecorder's
 * `keep`): how the run ended is read from its last event and its control record.
 */
export function streamedSimulation(start: (listener: RecordingListener) => LiveRecording, budgets: Budgets): Simulation {
  const queue: TraceEvent[][] = [];
  const counter = new BudgetCounter(budgets);
  let ended: SimulationEnd | undefined;
  let budget: BudgetStop | undefined;
  let received = 0;
  let consumed = 0;
  let paused = false;
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const live = start({
    events(batch) {
      if (budget !== undefined || closed) return;
      const kept: TraceEvent[] = [];
      for (const event of batch) {
        budget = counter.count(event);
        if (budget !== undefined) break;
        kept.push(event);
      }
      if (kept.length > 0) {
        queue.push(kept);
        received += kept.length;
      }
      if (budget !== undefined) {
        live.kill();
        ended = { end: { kind: 'until', t: budget.t }, budget };
      } else if (received - consumed > AHEAD_EVENTS && !paused) {
        paused = true;
        live.pause();
      }
      notify();
    },
  });
  live.done.then(
    (recording) => {
      ended ??= { end: runEnd(recording) };
      notify();
    },
    (error: unknown) => {
      ended ??= { end: { kind: 'until', t: 0 }, error: error instanceof EngineError ? error.message : String(error) };
      notify();
    },
  );
  const arrived = (): Promise<void> => (queue.length > 0 || ended !== undefined ? Promise.resolve() : new Promise((resolve) => (wake = resolve)));
  const next = async (): Promise<TraceEvent[] | undefined> => {
    for (;;) {
      const batch = queue.shift();
      if (batch !== undefined) return batch;
      if (ended !== undefined || closed) return undefined;
      await arrived();
    }
  };
  return {
    next,
    nextText: async (): Promise<TextBatch | undefined> => {
      const events = await next();
      return events && textBatch(events);
    },
    take: () => queue.splice(0).flat(),
    changed: (signal) =>
      new Promise<void>((resolve) => {
        if (queue.length > 0 || ended !== undefined || signal.aborted) return resolve();
        const previous = wake;
        const done = () => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        wake = () => {
          previous?.();
          done();
        };
        signal.addEventListener('abort', done);
      }),
    ended: () => (queue.length === 0 ? ended : undefined),
    consumed: (n) => {
      consumed += n;
      if (paused && received - consumed <= AHEAD_EVENTS / 2) {
        paused = false;
        live.resume();
      }
    },
    // A recorded run cannot be reached inside its process: a Ctrl+C is a new recording.
    interrupt: () => false,
    allow: () => {},
    advanceOnce: () => {},
    received: () => received,
    close: () => {
      if (closed) return;
      closed = true;
      queue.length = 0;
      live.kill();
      notify();
    },
  };
}
