// The embedded engine (the default for .py files): the recorder runs on CPython compiled to
// WebAssembly (Pyodide, the npm package `pyodide`, CPython 3.14), in a child process of the lab
// (src/engines/embedded-runner.ts). Nothing to install besides the lab; no threads there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError, type RecorderRun } from './local.js';
import { parseRecording, type Recording } from './recording.js';

/** The runner's bundle: beside this code in dist/, or in dist/ above src/recorder/ in a checkout. */
const RUNNERS = ['./embedded-runner.js', '../../dist/embedded-runner.js'];

function runnerPath(): string {
  for (const candidate of RUNNERS) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new EngineError('the embedded Python is not built (npm run build)');
}

/** Wall seconds a run may take: loading the interpreter takes a few seconds on its own. */
const LOAD_SECONDS = 60;

/** The CPython version the published lab carries (the dependency `pyodide`). */
export const EMBEDDED_VERSION = '3.14';

export function recordEmbedded(run: RecorderRun & { version: string }): Recording {
  const config = {
    file: run.file,
    dir: run.dir,
    mode: 'virtual',
    version: run.version,
    interrupts: run.interrupts,
    until: run.until,
    cpuSeconds: run.cpuSeconds ?? 10,
    maxEvents: run.maxEvents ?? 200_000,
  };
  const child = spawnSync(process.execPath, [runnerPath(), JSON.stringify(config)], {
    input: run.source,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    timeout: (LOAD_SECONDS + config.cpuSeconds) * 1000,
    killSignal: 'SIGKILL',
  });
  const recording = parseRecording(child.output?.[3]?.toString('utf8') ?? '');
  if (recording.control === undefined && recording.events.at(-1)?.type !== 'exit') {
    const stderr = child.stderr?.toString('utf8').trim().split('\n').at(-1) ?? '';
    throw new EngineError(`the embedded Python stopped unexpectedly${stderr ? `: ${stderr}` : ''}`);
  }
  return recording;
}
