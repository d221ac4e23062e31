// The real process behind CliIO: stdout/stderr, the wall clock, timers, SIGINT.
import { createInterface, type Interface } from 'node:readline';
import type { CliIO, UiModule } from './io.js';

let lines: Interface | undefined;
const waiting: ((line: string | undefined) => void)[] = [];

/** Lines typed on stdin, one per call; the reader is created on first use and unref'd when idle. */
function nextStdinLine(signal: AbortSignal): Promise<string | undefined> {
  if (!lines) {
    lines = createInterface({ input: process.stdin, terminal: false });
    lines.on('line', (line) => waiting.shift()?.(line));
    lines.on('close', () => {
      for (const resolve of waiting.splice(0)) resolve(undefined);
    });
  }
  process.stdin.ref();
  return new Promise((resolve) => {
    const done = (line: string | undefined) => {
      signal.removeEventListener('abort', abort);
      if (waiting.length === 0) process.stdin.unref();
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
  };
}
