// The real process behind CliIO: stdout/stderr, the wall clock, timers, SIGINT.
import { createInterface, type Interface } from 'node:readline';
import { simulateInProcess } from '../playback/simulation.js';
import { simulateInWorker } from '../playback/worker-client.js';
import type { CliIO, UiModule } from './io.js';

let lines: Interface | undefined;
const waiting: ((line: string | undefined) => void)[] = [];
/** Lines read before anyone asked (Enters piped in one burst): handed out in order. */
const unread: string[] = [];
let inputClosed = false;

/**
 * stdin keeps the process alive only while a line is awaited. A terminal or a pipe has ref/unref;
 * a file (`</dev/null`) is read to its end and needs neither.
 */
function holdStdin(hold: boolean): void {
  const stdin = process.stdin as { ref?: () => void; unref?: () => void };
  if (hold) stdin.ref?.();
  else stdin.unref?.();
}

/** Lines typed on stdin, one per call; the reader is created on first use and unref'd when idle. */
function nextStdinLine(signal: AbortSignal): Promise<string | undefined> {
  if (!lines) {
    lines = createInterface({ input: process.stdin, terminal: false });
    lines.on('line', (line) => {
      const reader = waiting.shift();
      if (reader) reader(line);
      else unread.push(line);
    });
    lines.on('close', () => {
      inputClosed = true;
      for (const resolve of waiting.splice(0)) resolve(undefined);
    });
  }
  if (unread.length > 0) return Promise.resolve(unread.shift());
  if (inputClosed) return Promise.resolve(undefined);
  holdStdin(true);
  return new Promise((resolve) => {
    const done = (line: string | undefined) => {
      signal.removeEventListener('abort', abort);
      if (waiting.length === 0) holdStdin(false);
      resolve(line);
    };
    const abort = () => {
      const i = waiting.indexOf(done);
      if (i >= 0) waiting.splice(i, 1);
      done(undefined);
    };
    if (signal.aborted) return done(undefined);
    waiting.push(done);
    signal.addEventListener('abort', abort);
  });
}

export function processIO(loadUi: () => Promise<UiModule>): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    now: () => performance.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        // setTimeout takes at most a 32-bit delay; a longer wait just wakes and re-checks.
        const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
        signal.addEventListener('abort', done);
      }),
    nextLine: (signal) => nextStdinLine(signal),
    onSigint: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    loadUi,
    // A recorded program's run is a process of its own already, read as a stream: nothing to move off this thread.
    simulate: (request) => {
      const { target } = request;
      if (target.kind !== 'recorded') return simulateInWorker(request);
      return target.simulate ? target.simulate(request.options, request.budgets) : simulateInProcess(request);
    },
  };
}
