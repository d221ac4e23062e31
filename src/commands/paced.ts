// The live plain view: the trace printed as it happens, in real time (simulated seconds x speed)
// or step by step (--step), with a real Ctrl+C reaching the simulated program. A SIGINT
// re-simulates the run with an interrupt at the simulated present (deterministic, so everything
// already printed stays true) and printing continues from where the new run leaves the old one.
// Three SIGINTs within a second leave at once.
import { divergenceIndex, interruptAt, type Runnable } from '../playback/index.js';
import type { RunOptions, RunResult } from '../scenarios/types.js';
import { chalkFor } from '../views/color.js';
import { stillRunningHint, stoppedWatchingMessage } from '../views/ending.js';
import type { PlainView } from '../views/plain.js';
import type { CliIO } from './io.js';
import type { Pace } from './pace.js';
import type { LessonChoice } from './run-lesson.js';
import { exitStatus, finish, writeLines } from './run-lesson.js';

/** Presses within this many wall milliseconds count together. */
const PRESS_WINDOW_MS = 1000;
/** This many presses within the window leave the lab instead of reaching the program. */
const PRESSES_TO_LEAVE = 3;
/** The shell's status for a process ended by SIGINT (128 + 2). */
const SIGINT_STATUS = 130;

export async function playLive(io: CliIO, runnable: Runnable, choice: LessonChoice, view: PlainView, pace: Pace): Promise<number> {
  // How much further to simulate when the playback catches up with a run that has not ended.
  const chunk = Math.max(choice.lesson.defaultUntil, 1);
  let options: RunOptions = choice.options;
  let result: RunResult = runnable.run(options);
  let shown = 0;
  let hinted = false;

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

  // Replaces the trace; if the new one differs in what is already printed, say so and reprint from there.
  const adopt = (next: RunResult, nextOptions: RunOptions) => {
    const divergence = divergenceIndex(result.events, next.events);
    if (divergence < shown) {
      const t = result.events[divergence]?.t ?? 0;
      io.stderr.write(`(the re-simulated run differs from ${t.toFixed(3)} s on; continuing from there)\n`);
      shown = divergence;
    }
    result = next;
    options = nextOptions;
  };

  try {
    for (;;) {
      if (presses.length >= PRESSES_TO_LEAVE) {
        io.stderr.write(choice.lang === 'zh' ? '(一秒内三次 Ctrl+C: 离开)\n' : '(three Ctrl+C within a second: leaving)\n');
        return SIGINT_STATUS;
      }
      while (pending > 0) {
        pending--;
        const now = pace.present(result.events, shown);
        // Keep simulating past the interrupt, so what it causes can be watched.
        const base = choice.untilGiven ? options : { ...options, until: Math.max(options.until, now + chunk) };
        const next = interruptAt(runnable, base, now, base === options ? result : undefined);
        adopt(next.result, next.options);
      }

      const due = pace.due(result.events, shown);
      if (due > shown) {
        writeLines(io, result.events.slice(shown, due).flatMap((event) => view.lines(event)));
        shown = due;
      }

      let waitFor: number;
      if (shown < result.events.length) {
        waitFor = result.events[shown]!.t;
      } else if (result.end.kind === 'exit') {
        return exitStatus(result.end);
      } else if (!pace.reached(result.end.t, result.events, shown)) {
        waitFor = result.end.t;
      } else if (choice.untilGiven) {
        return finish(io, result.end, stoppedWatchingMessage(result.end, result.events, choice.lang));
      } else {
        // Still running and no --until: simulate further and keep watching (until Ctrl+C).
        if (!hinted) {
          hinted = true;
          io.stderr.write(chalkFor(io.stderr, io.env).dim(stillRunningHint(result.events, choice.lang)) + '\n');
        }
        const longer = { ...options, until: options.until + chunk };
        adopt(runnable.run(longer), longer);
        continue;
      }

      controller = new AbortController();
      if (pending > 0) continue;
      if ((await pace.wait(waitFor, controller.signal)) === 'quit') {
        return result.end.kind === 'exit' && shown >= result.events.length ? exitStatus(result.end) : 0;
      }
    }
  } finally {
    off();
  }
}
