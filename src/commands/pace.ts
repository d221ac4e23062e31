// How the live plain view advances: in real time (simulated seconds x speed against the wall
// clock), or one step per Enter (`--step`). Either way it answers the same questions about the
// events received and not yet shown.
import { dueCount, simTimeAt, startPlayhead, wallDelayUntil, type Playhead } from '../playback/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { CliIO } from './io.js';

/** While nothing is due, the paced view looks again this often (wall ms): the run is held at the present. */
export const LOOK_AGAIN_MS = 50;

export interface Pace {
  /** The simulated present: where a Ctrl+C pressed now lands. */
  present(): number;
  /** How far the run may be simulated now (the worker holds its clock there). */
  horizon(): number;
  /** True once the simulated present has reached `t`. */
  reached(t: number): boolean;
  /** How many of the `waiting` events to show now. */
  due(waiting: readonly TraceEvent[], ended: boolean): number;
  /** The last event shown. */
  shown(event: TraceEvent): void;
  /** True while a step waits for events not simulated yet. */
  hungry(): boolean;
  /**
   * Waits until the next waiting event (at simulated time `next`) is due, or a while when none
   * waits, or `signal` aborts. 'quit' ends the run.
   */
  wait(next: number | undefined, signal: AbortSignal): Promise<'more' | 'quit'>;
}

/** Real time: the playhead moves with the wall clock, from the first event's simulated time. */
export function timePace(io: CliIO, speed: number): Pace {
  let anchored: Playhead | undefined;
  const playhead = (t = 0) => (anchored ??= startPlayhead(t, io.now(), speed));
  return {
    present: () => (anchored ? simTimeAt(anchored, io.now()) : 0),
    horizon: () => (anchored ? simTimeAt(anchored, io.now()) : 0),
    reached: (t) => simTimeAt(playhead(t), io.now()) >= t,
    due: (waiting) => (waiting.length === 0 ? 0 : dueCount(waiting, simTimeAt(playhead(waiting[0]!.t), io.now()))),
    shown: () => {},
    hungry: () => false,
    wait: async (next, signal) => {
      const ms = next === undefined || !anchored ? LOOK_AGAIN_MS : wallDelayUntil(anchored, io.now(), next);
      await io.sleep(ms, signal);
      return 'more';
    },
  };
}

/**
 * Stepping: the first step is shown at once, then each line on stdin (Enter) shows events up to
 * and including the next one that prints something. 'q' or end of input quits.
 */
export function stepPace(io: CliIO, visible: (event: TraceEvent) => boolean): Pace {
  let stepRequested = true;
  let lastT = 0;
  let starved = false;
  return {
    present: () => lastT,
    // Stepping is event by event: the worker runs ahead by events, not held in time.
    horizon: () => Number.POSITIVE_INFINITY,
    reached: () => true,
    due: (waiting, ended) => {
      starved = false;
      if (!stepRequested) return 0;
      const j = waiting.findIndex(visible);
      if (j >= 0 || ended) {
        stepRequested = false;
        return j >= 0 ? j + 1 : waiting.length;
      }
      starved = true;
      return 0;
    },
    shown: (event) => {
      lastT = event.t;
    },
    hungry: () => starved,
    wait: async (_next, signal) => {
      if (starved) {
        // More events are on their way: the caller also waits for them.
        await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
        return 'more';
      }
      const line = await io.nextLine(signal);
      if (signal.aborted) return 'more';
      if (line === undefined || line.trim().toLowerCase() === 'q') return 'quit';
      stepRequested = true;
      return 'more';
    },
  };
}
