// The real process behind CliIO: stdout/stderr, the wall clock, timers, SIGINT.
import type { CliIO, UiModule } from './io.js';

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
    onSigint: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    loadUi,
  };
}
