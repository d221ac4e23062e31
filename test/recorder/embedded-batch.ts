// Many runs in one embedded interpreter (Pyodide: a load takes seconds), for tests: each program
// recorded as the embedded engine records it (src/engines/embedded-runner.ts, the same recorder and
// config), or run plainly on the same interpreter (virtual time, no recorder). embedded_batch.py
// puts back what each run installs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadPython, type LoadedPython, type PyodideVersion } from '../../src/engines/pyodide.js';
import { installRecorder } from '../../src/engines/recorder-files.js';
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
  close(): void;
}

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
  return {
    python,
    record(run) {
      const sourceFile = run.file.startsWith('/') ? run.file : `${run.dir}/${run.file}`;
      writeProgram(sourceFile, run.source);
      FS.mkdirTree(run.dir);
      const config = { file: run.file, dir: run.dir, mode: 'virtual', version, interrupts: run.interrupts, until: run.until, cpuSeconds: run.cpuSeconds ?? 10, maxEvents: run.maxEvents ?? 200_000, sourceFile, engine: 'embedded' };
      return parseRecording(String(call('record', entry, JSON.stringify(config))));
    },
    plain(source, file) {
      writeProgram(file, source);
      const result = call('plain', source, file) as { toJs(): [string, string, number]; destroy(): void };
      const [stdout, stderr, code] = result.toJs();
      result.destroy();
      python.takeOutput();
      return { stdout, stderr, code };
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
