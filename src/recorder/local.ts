// The local engine: runs a program with the recorder on an interpreter of the learner's machine
// (`--interpreter python3`) and reads its trace back. A run is a child process, started without
// blocking the lab (src/recorder/child.ts): whatever the program does, the lab's own process keeps
// its terminal, its keys and its memory bounds, and can stop the run at any moment.
import { spawnSync } from 'node:child_process';
import { EngineError, recordAtOnce, startRecorder, type LiveRecording, type RecorderCommand, type RecordingListener } from './child.js';
import { engineWords } from './engine-words.js';
import { recorderPath } from './locate.js';
import type { Recording } from './recording.js';

export { EngineError } from './child.js';

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
  /** Ctrl+C right after these events (indexes from 0): inside a callback, where the clock does not move. */
  interruptEvents?: readonly number[];
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

/** Wall seconds a virtual run may take before it is stopped as a CPU loop. */
export const CPU_SECONDS = 10;
/** Events one run may write: a flood (a callback that reschedules itself for ever) stops here. */
export const MAX_EVENTS = 200_000;

function localCommand(run: LocalRun): RecorderCommand {
  const cpuSeconds = run.cpuSeconds ?? CPU_SECONDS;
  const config = {
    file: run.file,
    dir: run.dir,
    mode: run.mode,
    interrupts: run.interrupts,
    interruptEvents: run.interruptEvents ?? [],
    until: run.until,
    fd: 3,
    cpuSeconds,
    maxEvents: run.maxEvents ?? MAX_EVENTS,
  };
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONIOENCODING: 'utf-8' };
  for (const name of ['PYTHONDEVMODE', 'PYTHONASYNCIODEBUG', 'PYTHONSTARTUP', 'PYTHONINSPECT']) delete env[name];
  return {
    executable: run.interpreter,
    args: [...(run.debug ? ['-X', 'dev'] : []), recorderPath(), JSON.stringify(config)],
    source: run.source,
    env,
    // The recorder stops itself at its budgets; this outer limit only catches a recorder that cannot.
    wallSeconds: (run.mode === 'real' ? run.until : cpuSeconds) + 20,
    longerWith: run.mode === 'real' ? '--until <s>' : '--max-cpu <s>',
    who: engineWords.recorder,
    missing: engineWords.noExecutable(run.interpreter),
  };
}

/** Records the run beside the lab; `listener` hears its events as they come (startRecorder says what `keep` does). */
export function startLocal(run: LocalRun, listener?: RecordingListener, keep = true): LiveRecording {
  return startRecorder(localCommand(run), listener, keep);
}

/** Records the whole run before returning (verify and tests: no screen waits on it). */
export function recordLocal(run: LocalRun): Recording {
  return recordAtOnce(localCommand(run));
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
    throw new EngineError(code === 'ENOENT' ? engineWords.noExecutable(command) : engineWords.didNotRun(command, code ?? child.error.message));
  }
  const [name, version, ...path] = (child.stdout ?? '').trim().split(' ');
  if (child.status !== 0 || !name || !version) throw new EngineError(engineWords.notPython(command));
  if (name !== 'cpython') throw new EngineError(engineWords.notCPython(command, name));
  const [major, minor] = version.split('.').map(Number) as [number, number];
  if (major !== 3 || minor < 11) throw new EngineError(engineWords.tooOld(command, version));
  // Runs use the executable itself: a version manager's shim (pyenv) adds its start-up to each run.
  const executable = path.join(' ') || command;
  return { command, executable, version, major, minor };
}
