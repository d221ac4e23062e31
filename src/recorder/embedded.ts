// The embedded engine (the default for .py files): the recorder runs on CPython compiled to
// WebAssembly (Pyodide, the npm package `pyodide`, CPython 3.14), in a child process of the lab
// (src/engines/embedded-runner.ts), started without blocking the lab (src/recorder/child.ts). Nothing
// to install besides the lab; no threads there. The runner says `loaded` on its standard output once
// the interpreter is up (the lab shows that it is loading until then), then streams the events.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError, recordAtOnce, startRecorder, type LiveRecording, type RecorderCommand, type RecordingListener } from './child.js';
import { engineWords } from './engine-words.js';
import type { RecorderRun } from './local.js';
import type { Recording } from './recording.js';

/** The runner's bundle: beside this code in dist/, or in dist/ above src/recorder/ in a checkout. */
const RUNNERS = ['./embedded-runner.js', '../../dist/embedded-runner.js'];

function runnerPath(): string {
  for (const candidate of RUNNERS) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new EngineError(engineWords.notBuilt);
}

/** Wall seconds a run may take: loading the interpreter takes a few seconds on its own. */
const LOAD_SECONDS = 60;

/** The CPython version the published lab carries (the dependency `pyodide`). */
export const EMBEDDED_VERSION = '3.14';

/** What the runner writes on its standard output once the interpreter is loaded. */
export const LOADED = 'loaded';

function embeddedCommand(run: RecorderRun & { version: string }): RecorderCommand {
  const config = {
    file: run.file,
    dir: run.dir,
    // Where python3 would start: the lab's own working directory.
    cwd: process.cwd(),
    mode: 'virtual',
    version: run.version,
    interrupts: run.interrupts,
    interruptEvents: run.interruptEvents ?? [],
    until: run.until,
    cpuSeconds: run.cpuSeconds ?? 10,
    maxEvents: run.maxEvents ?? 200_000,
  };
  return {
    executable: process.execPath,
    args: [runnerPath(), JSON.stringify(config)],
    source: run.source,
    wallSeconds: LOAD_SECONDS + config.cpuSeconds,
    longerWith: '--max-cpu <s>',
    who: engineWords.embedded,
    missing: engineWords.notBuilt,
  };
}

/** Records the run beside the lab; `listener` hears `loaded`, then the events as they come. */
export function startEmbedded(run: RecorderRun & { version: string }, listener?: RecordingListener, keep = true): LiveRecording {
  return startRecorder(embeddedCommand(run), listener, keep);
}

/** Records the whole run before returning (verify and tests: no screen waits on it). */
export function recordEmbedded(run: RecorderRun & { version: string }): Recording {
  return recordAtOnce(embeddedCommand(run));
}
