// How the live plain view advances: in real time (simulated seconds x speed against the wall
// clock), or one step per Enter (`--step`). Either way it answers the same three questions.
import { dueCountAt, simTimeAt, startPlayhead, wallDelayUntil, type Playhead } from '../playback/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { CliIO } from './io.js';

export interface Pace {
  /** The simulated present: where a Ctrl+C pressed now lands. */
  present(events: readonly TraceEvent[], shown: number): number;
  /** True once the simulated present has reached `t` (a run that has not ended is then simulated further). */
  reached(t: number, events: readonly TraceEvent[], shown: number): boolean;
  /** How many events should be on screen now. */
  due(events: readonly TraceEvent[], shown: number): number;
  /** Waits until more is due (next event's time `t`), or `signal` aborts. 'quit' ends the run. */
  wait(t: number, signal: AbortSignal): Promise<'more' | 'quit'>;
}

/** Real time: the playhead moves with the wall clock, from the first event's simulated time. */
export function timePace(io: CliIO, speed: number): Pace {
  let anchored: Playhead | undefined;
  const playhead = (events: readonly TraceEvent[]) => (anchored ??= startPlayhead(events[0]?.t ?? 0, io.now(), speed));
  return {
    present: (events) => simTimeAt(playhead(events), io.now()),
    reached: (t, events) => simTimeAt(playhead(events), io.now()) >= t,
    due: (events) => dueCountAt(events, playhead(events), io.now()),
    wait: async (t, signal) => {
      await io.sleep(anchored ? wallDelayUntil(anchored, io.now(), t) : 0, signal);
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
  return {
    present: (events, shown) => events[Math.max(0, shown - 1)]?.t ?? 0,
    // Stepping is event by event: once the trace is all shown, there is no time left to wait for.
    reached: () => true,
    due: (events, shown) => {
      if (!stepRequested) return shown;
      stepRequested = false;
      let j = shown;
      while (j < events.length && !visible(events[j]!)) j++;
      return Math.min(j + 1, events.length);
    },
    wait: async (_t, signal) => {
      const line = await io.nextLine(signal);
      if (signal.aborted) return 'more';
      if (line === undefined || line.trim().toLowerCase() === 'q') return 'quit';
      stepRequested = true;
      return 'more';
    },
  };
}
