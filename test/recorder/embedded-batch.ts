// Many runs in one embedded interpreter (Pyodide: a load takes seconds), for tests: each program
// recorded as the embedded engine records it (src/engines/embedded-runner.ts, the same recorder and
// config), or run plainly on the same interpreter (virtual time, no recorder). embedded_batch.py
// puts back what each run installs.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { loadPython, type LoadedPython, type PyodideVersion } from '../../src/engines/pyodide.js';
import { installRecorder, placeProgram } from '../../src/engines/recorder-files.js';
import type { LiveRecording, RecordingListener } from '../../src/recorder/child.js';
import type * as Embedded from '../../src/recorder/embedded.js';
import type { RecorderRun } from '../../src/recorder/local.js';
import { parseRecording, type Recording } from '../../src/recorder/recording.js';

export interface PlainRun {
  stdout: string;
  stderr: string;
  code: number;
}

export interface EmbeddedBatch {
  readonly python: LoadedPython;
  /** Records as `recordEmbedded` does, in this interpreter. */
  record(run: RecorderRun): Recording;
  /** Runs the program plainly (virtual time, no recorder): what it prints and its exit status. */
  plain(source: string, file: string): PlainRun;
  /**
   * Runs the program plainly with a real Ctrl+C `afterMs` wall milliseconds after it starts: SIGINT
   * written from another thread into Pyodide's interrupt buffer, which CPython reads at its checks
   * for signals (for a program that computes by then, with no wait: the plain run's time is virtual).
   */
  plainInterrupted(source: string, file: string, afterMs: number): Promise<PlainRun>;
  close(): void;
}

/** A thread that writes SIGINT (2) into the interrupt buffer after a while. */
const PRESS_CTRL_C = `const { workerData } = require('node:worker_threads');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.afterMs);
Atomics.store(workerData.signal, 0, 2);`;

const DRIVER = readFileSync(join(import.meta.dirname, 'embedded_batch.py'), 'utf8');

export async function embeddedBatch(version: PyodideVersion): Promise<EmbeddedBatch> {
  const python = await loadPython(version);
  python.useVirtualTime();
  const { FS } = python.pyodide;
  const entry = installRecorder(FS);
  FS.writeFile('/home/pyodide/_lab_embedded_batch.py', DRIVER);
  python.runPython('import _lab_embedded_batch');
  const call = (name: string, ...args: unknown[]) => {
    const globals = python.pyodide.toPy({ args });
    try {
      return python.runPython(`import _lab_embedded_batch\n_lab_embedded_batch.${name}(*args)`, { globals });
    } finally {
      globals.destroy();
    }
  };
  const writeProgram = (file: string, source: string) => {
    FS.mkdirTree(dirname(file));
    FS.writeFile(file, source);
  };
  const plain = (source: string, file: string): PlainRun => {
    writeProgram(file, source);
    const result = call('plain', source, file) as { toJs(): [string, string, number]; destroy(): void };
    const [stdout, stderr, code] = result.toJs();
    result.destroy();
    python.takeOutput();
    return { stdout, stderr, code };
  };
  return {
    python,
    record(run) {
      const placed = placeProgram(FS, { file: run.file, dir: run.dir, cwd: process.cwd() }, run.source);
      const config = { file: run.file, dir: run.dir, cwd: process.cwd(), mode: 'virtual', version, interrupts: run.interrupts, interruptEvents: run.interruptEvents ?? [], until: run.until, cpuSeconds: run.cpuSeconds ?? 10, maxEvents: run.maxEvents ?? 200_000, sourceFile: placed.sourceFile, engine: 'embedded' };
      try {
        return parseRecording(String(call('record', entry, JSON.stringify(config))));
      } finally {
        placed.unmount();
      }
    },
    plain,
    async plainInterrupted(source, file, afterMs) {
      const signal = new Int32Array(new SharedArrayBuffer(4));
      python.pyodide.setInterruptBuffer(signal);
      const ctrlC = new Worker(PRESS_CTRL_C, { eval: true, workerData: { signal, afterMs } });
      // The thread must be running before the program computes: this thread does not get back to
      // its event loop until the program ends, and a thread that has not started yet never would.
      await once(ctrlC, 'online');
      try {
        return plain(source, file);
      } finally {
        void ctrlC.terminate();
        Atomics.store(signal, 0, 0);
      }
    },
    close() {
      // Nothing to release: the interpreter goes with the test process.
    },
  };
}

/**
 * The embedded engine (src/recorder/embedded.ts) with its child process (one Pyodide load per run)
 * replaced by `batch()`, the same recorder and config in the test's own interpreter. For a
 * `vi.mock` of the engine module:
 *   vi.mock('../../src/recorder/embedded.js', async (original) =>
 *     (await import('./embedded-batch.js')).engineOnBatch(await original(), () => shared.batch!));
 */
export function engineOnBatch(original: typeof Embedded, batch: () => EmbeddedBatch): typeof Embedded {
  const live = (recording: Recording, listener?: RecordingListener, keep = true): LiveRecording => {
    listener?.phase?.('loaded');
    listener?.events?.(recording.events);
    // Without `keep`, a live recording's `done` holds only its last event (how it ended).
    return { done: Promise.resolve(keep ? recording : { ...recording, events: recording.events.slice(-1) }), pause() {}, resume() {}, kill() {} };
  };
  return {
    ...original,
    recordEmbedded: (run: RecorderRun) => batch().record(run),
    startEmbedded: (run: RecorderRun, listener?: RecordingListener, keep?: boolean) => live(batch().record(run), listener, keep),
  };
}
