// The live plain view: the trace printed as it happens, in real time (simulated seconds x speed)
// or step by step (--step), with a real Ctrl+C reaching the simulated program. The run streams from
// the simulation's worker, held at the simulated present: it is extended as playback goes, never
// re-run, and only the events not yet shown are kept. A SIGINT is delivered into the live run when
// it waits at the present; if it has gone past (a step ahead), the run is replayed from the start
// with Ctrl+C at the present (deterministic: everything already printed replays the same) and
// printing continues after what was shown. Three SIGINTs within a second leave at once.
import { withInterrupt, type Runnable } from '../playback/index.js';
import type { Simulation } from '../playback/simulation.js';
import type { TraceEvent } from '../runtime/trace.js';
import { MAX_UNTIL, type RunOptions } from '../scenarios/types.js';
import { chalkFor } from '../views/color.js';
import { stillRunningHint, stoppedWatchingMessage } from '../views/ending.js';
import type { PlainView } from '../views/plain.js';
import type { CliIO } from './io.js';
import type { Pace } from './pace.js';
import type { LessonChoice } from './run-lesson.js';
import { EndingTail, exitStatus, finish, finishRun, requestOf, writeLines } from './run-lesson.js';

/** Presses within this many wall milliseconds count together. */
const PRESS_WINDOW_MS = 1000;
/** This many presses within the window leave the lab instead of reaching the program. */
const PRESSES_TO_LEAVE = 3;
/** The shell's status for a process ended by SIGINT (128 + 2). */
const SIGINT_STATUS = 130;

export async function playLive(io: CliIO, _runnable: Runnable, choice: LessonChoice, view: PlainView, pace: Pace): Promise<number> {
  // Without --until, watch as long as the program runs (an hour at most): the run is held at the
  // present, so a longer horizon costs nothing until playback gets there.
  let options: RunOptions = choice.untilGiven ? choice.options : { ...choice.options, until: MAX_UNTIL };
  let simulation: Simulation = io.simulate(requestOf(choice, options));
  /** Events received and not shown yet. */
  let waiting: TraceEvent[] = [];
  /** Events shown so far; a replay skips as many. */
  let shown = 0;
  let skip = 0;
  let hinted = false;
  const tail = new EndingTail();

  const presses: number[] = [];
  let pending = 0;
  let controller = new AbortController();
  const off = io.onSigint(() => {
    const now = io.now();
    presses.push(now);
    while (presses.length > 0 && now - presses[0]! > PRESS_WINDOW_MS) presses.shift();
    pending++;
    controller.abort();
  });

  try {
    for (;;) {
      if (presses.length >= PRESSES_TO_LEAVE) {
        io.stderr.write(choice.lang === 'zh' ? '(一秒内三次 Ctrl+C: 离开)\n' : '(three Ctrl+C within a second: leaving)\n');
        return SIGINT_STATUS;
      }
      while (pending > 0) {
        pending--;
        const t = pace.present();
        const ended = simulation.ended();
        if (ended !== undefined && ended.end.kind === 'exit') continue;
        const live = simulation.interrupt(t);
        options = withInterrupt(options, t);
        if (!live) {
          simulation.close();
          if (choice.untilGiven) options = { ...options, until: Math.max(options.until, t) };
          simulation = io.simulate(requestOf(choice, options));
          skip = shown;
          waiting = [];
        }
      }

      simulation.allow(pace.horizon());
      const arrived = simulation.take();
      let used = 0;
      for (const event of arrived) {
        if (skip > 0) {
          skip--;
          used++;
        } else waiting.push(event);
      }
      if (used > 0) simulation.consumed(used);
      const ended = simulation.ended();

      // Past the lesson's horizon and not exited: say the program goes on, and keep watching.
      if (!choice.untilGiven && !hinted && pace.present() > choice.options.until && !(ended?.end.kind === 'exit' && ended.end && waiting.length === 0)) {
        hinted = true;
        io.stderr.write(chalkFor(io.stderr, io.env).dim(stillRunningHint(tail.events(), choice.lang)) + '\n');
      }
      const due = pace.due(waiting, ended !== undefined);
      if (due > 0) {
        const out = waiting.splice(0, due);
        const lines = [];
        for (const event of out) {
          tail.see(event);
          for (const line of view.lines(event)) lines.push(line);
        }
        writeLines(io, lines);
        shown += due;
        pace.shown(out.at(-1)!);
        simulation.consumed(due);
      }

      let next: number | undefined;
      if (waiting.length > 0) {
        next = waiting[0]!.t;
      } else if (ended !== undefined) {
        if (ended.error !== undefined || ended.budget !== undefined) return finishRun(io, ended, tail, choice.lang);
        if (ended.end.kind === 'exit') return exitStatus(ended.end);
        if (pace.reached(ended.end.t)) return finish(io, ended.end, stoppedWatchingMessage(ended.end, tail.events(), choice.lang));
        next = ended.end.t;
      }

      controller = new AbortController();
      if (pending > 0) continue;
      const signal = controller.signal;
      const paced = pace.wait(next, signal);
      // Nothing waiting to be shown: also wake when the run sends more.
      const woke = waiting.length === 0 && ended === undefined ? await Promise.race([paced, simulation.changed(signal).then(() => 'more' as const)]) : await paced;
      controller.abort();
      if (woke === 'quit') {
        const end = simulation.ended();
        return end !== undefined && end.end.kind === 'exit' && waiting.length === 0 ? exitStatus(end.end) : 0;
      }
    }
  } finally {
    // The learner level's last step, if the run ended inside it and everything was shown.
    if (simulation.ended() !== undefined && waiting.length === 0) writeLines(io, view.finish());
    off();
    simulation.close();
  }
}
