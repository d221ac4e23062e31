// The local engine: runs a program with the recorder on an interpreter of the learner's machine
// (`--interpreter python3`), synchronously, and reads its trace back. A run is a child process:
// whatever the program does, the lab's own process keeps its terminal and its memory bounds.
import { spawnSync } from 'node:child_process';
import { recorderPath } from './locate.js';
import { parseRecording, type Recording } from './recording.js';

export interface LocalRun {
  interpreter: string;
  /** The program's text (it reaches the recorder on standard input). */
  source: string;
  /** The file name tracebacks show. */
  file: string;
  /** The program's directory (sys.path[0]). */
  dir: string;
  /** 'virtual': the clock moves only in waits; 'real': the wall clock (programs with threads). */
  mode: 'virtual' | 'real';
  interrupts: readonly number[];
  /** Seconds (virtual or wall) after which a run that never ends is no longer recorded. */
  until: number;
  debug: boolean;
  /** Wall seconds a virtual run may take (a CPU loop). */
  cpuSeconds?: number;
  /** Events a run may write (an event flood). */
  maxEvents?: number;
}

/** What any engine needs to record a run (the local one also takes an interpreter and a clock mode). */
export type RecorderRun = Omit<LocalRun, 'interpreter' | 'mode'>;

/** The process could not run the recorder at all (no such interpreter, or it crashed). */
export class EngineError extends Error {}

/** Wall seconds a virtual run may take before it is stopped as a CPU loop. */
export const CPU_SECONDS = 10;
/** Events one run may write: a flood (a callback that reschedules itself for ever) stops here. */
export const MAX_EVENTS = 200_000;

export function recordLocal(run: LocalRun): Recording {
  const cpuSeconds = run.cpuSeconds ?? CPU_SECONDS;
  const config = {
    file: run.file,
    dir: run.dir,
    mode: run.mode,
    interrupts: run.interrupts,
    until: run.until,
    fd: 3,
    cpuSeconds,
    maxEvents: run.maxEvents ?? MAX_EVENTS,
  };
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONIOENCODING: 'utf-8' };
  for (const name of ['PYTHONDEVMODE', 'PYTHONASYNCIODEBUG', 'PYTHONSTARTUP', 'PYTHONINSPECT']) delete env[name];
  const args = [...(run.debug ? ['-X', 'dev'] : []), recorderPath(), JSON.stringify(config)];
  // The recorder stops itself at its budgets; this outer limit only catches a recorder that cannot.
  const wall = (run.mode === 'real' ? run.until : cpuSeconds) + 20;
  const child = spawnSync(run.interpreter, args, {
    input: run.source,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env,
    maxBuffer: 1 << 30,
    timeout: wall * 1000,
    killSignal: 'SIGKILL',
  });
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ENOENT') throw new EngineError(`--interpreter '${run.interpreter}': no such executable`);
  const text = child.output?.[3]?.toString('utf8') ?? '';
  const recording = parseRecording(text);
  const finished = recording.control !== undefined || recording.events.at(-1)?.type === 'exit';
  if (!finished) {
    const stderr = child.stderr?.toString('utf8').trim().split('\n').at(-1) ?? '';
    throw new EngineError(`the recorder stopped unexpectedly${stderr ? `: ${stderr}` : ''}`);
  }
  return recording;
}

export interface Interpreter {
  /** As given: 'python3'. */
  command: string;
  /** The interpreter's own path (sys.executable). */
  executable: string;
  /** '3.11.7'. */
  version: string;
  major: number;
  minor: number;
}

/** Checks that `command` is a CPython the recorder supports (3.11 or later). */
export function probeInterpreter(command: string): Interpreter {
  const child = spawnSync(command, ['-c', 'import sys; print(sys.implementation.name, sys.version.split()[0], sys.executable)'], { encoding: 'utf8', timeout: 20_000 });
  if (child.error) {
    const code = (child.error as NodeJS.ErrnoException).code;
    throw new EngineError(code === 'ENOENT' ? `--interpreter '${command}': no such executable` : `--interpreter '${command}': it did not run (${code ?? child.error.message})`);
  }
  const [name, version, ...path] = (child.stdout ?? '').trim().split(' ');
  if (child.status !== 0 || !name || !version) throw new EngineError(`--interpreter '${command}': it is not a Python interpreter`);
  if (name !== 'cpython') throw new EngineError(`--interpreter '${command}': it is ${name}, the recorder needs CPython`);
  const [major, minor] = version.split('.').map(Number) as [number, number];
  if (major !== 3 || minor < 11) throw new EngineError(`--interpreter '${command}': it is Python ${version}, the recorder needs 3.11 or later`);
  // Runs use the executable itself: a version manager's shim (pyenv) adds its start-up to each run.
  const executable = path.join(' ') || command;
  return { command, executable, version, major, minor };
}
