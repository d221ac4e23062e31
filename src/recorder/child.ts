// A recorder's process (a local interpreter running recorder.py, or the embedded engine's runner),
// started without blocking the lab's thread: its NDJSON (descriptor 3) is read line by line as it
// comes, so the lab keeps drawing, reading keys and handling signals while a program is recorded,
// and a recording can be stopped at any moment. Every process started here is killed when the lab's
// process exits, however it leaves (q, Ctrl+C, SIGTERM, SIGHUP, an error): nothing is left running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { TraceEvent } from '../runtime/trace.js';
import type { Bilingual } from '../ui/i18n.js';
import { engineWords } from './engine-words.js';
import { isFinished, parseRecording, RecordingParser, type Recording } from './recording.js';

/** The process could not run the recorder at all (no such interpreter, or it crashed). */
/** An engine's failure, said in both languages (`message` is the English). */
export class EngineError extends Error {
  constructor(readonly words: Bilingual) {
    super(words.en);
  }
}

export interface RecorderCommand {
  executable: string;
  args: string[];
  /** The program's text, on the process's standard input. */
  source: string;
  env?: NodeJS.ProcessEnv;
  /** Wall seconds after which a recorder that did not stop itself at its budgets is killed. */
  wallSeconds: number;
  /** The option that gives a run more time, named when the limit is reached ('--max-cpu <s>'). */
  longerWith: string;
  /** Who failed, in the message of a process that ended without a recording ('the recorder'). */
  who: Bilingual;
  /** The message when the executable does not exist. */
  missing: Bilingual;
}

export interface RecordingListener {
  /** Events as they arrive, in order. */
  events?(events: TraceEvent[]): void;
  /** A line the process writes on its standard output: where it is ('loaded': the interpreter is up). */
  phase?(phase: string): void;
}

export interface LiveRecording {
  /**
   * The recording once the process has ended (without `keep`, its events are only the last one: how
   * it ended); rejects with an EngineError when the process failed.
   */
  readonly done: Promise<Recording>;
  /** Stops reading the events (the recorder then waits on its descriptor: bounded memory), or goes on. */
  pause(): void;
  resume(): void;
  /** Ends the process now (idempotent); `done` then resolves with what arrived, as a recording cut short. */
  kill(): void;
}

/** The recorder processes alive now: the lab's exit kills them. */
const alive = new Set<ChildProcess>();
let exitHook = false;

function killOnExit(child: ChildProcess): void {
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  if (exitHook) return;
  exitHook = true;
  // 'exit' listeners run synchronously on every way out of Node (process.exit included): a kill is a
  // system call, done before the lab's process is gone.
  process.on('exit', () => {
    for (const child of alive) child.kill('SIGKILL');
  });
}

/** How many recorder processes are alive (tests check that none is left behind). */
export function aliveRecorders(): number {
  return alive.size;
}

/**
 * Why a recorder killed at its wall-clock limit stopped: the recorder checks its budgets between
 * Python lines, so only a program that stays inside one call of C code (`sum(range(10**12))`) runs
 * on to the limit, which is the budget plus a margin for the engine's start-up.
 */
function overranMessage(command: RecorderCommand): Bilingual {
  return engineWords.overran(command.who, command.wallSeconds, command.longerWith);
}

/** The last line of what a process wrote on its standard error (the reason it stopped), if any. */
function lastLine(stderr: string): string {
  return stderr.trim().split('\n').at(-1) ?? '';
}

/**
 * Starts the recorder; `listener` hears its events and phases as they come. `keep`: also keep every
 * event for `done` (a listener that streams them elsewhere keeps memory bounded without).
 */
export function startRecorder(command: RecorderCommand, listener: RecordingListener = {}, keep = true): LiveRecording {
  const child = spawn(command.executable, command.args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: command.env ?? process.env });
  killOnExit(child);
  const parser = new RecordingParser();
  const events: TraceEvent[] = [];
  let stderr = '';
  let killed = false;
  const take = (batch: TraceEvent[]) => {
    if (batch.length === 0) return;
    if (keep) for (const e of batch) events.push(e);
    else events[0] = batch.at(-1)!;
    listener.events?.(batch);
  };
  const trace = child.stdio[3] as NodeJS.ReadableStream;
  trace.setEncoding('utf8');
  trace.on('data', (text: string) => {
    take(parser.push(text));
    // Its control line is the recording's last word (a budget, the horizon, a refusal): the
    // process has nothing more to say. On the embedded engine the run unwinds by an exception that
    // the program, or Handle._run's `except BaseException`, may swallow, running on untraced until
    // the wall-clock limit: it is not waited for.
    if (parser.control !== undefined && !killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (text: string) => {
    for (const line of text.split('\n')) if (line !== '') listener.phase?.(line);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    // Only the end matters (the reason a process stopped): keep a bounded tail.
    stderr = (stderr + text).slice(-4096);
  });
  // A program that ends before reading all of its source (or a recorder that fails at once) closes
  // its standard input: that is not an error of the lab's.
  child.stdin!.on('error', () => {});
  child.stdin!.end(command.source);
  let overran = false;
  const timer = setTimeout(() => {
    overran = true;
    child.kill('SIGKILL');
  }, command.wallSeconds * 1000);
  timer.unref();
  const done = new Promise<Recording>((resolve, reject) => {
    let failed: Error | undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      failed = error.code === 'ENOENT' ? new EngineError(command.missing) : new EngineError(engineWords.didNotStart(command.who, error.code ?? error.message));
    });
    // 'close': the process has exited and its descriptors are read to the end.
    child.on('close', () => {
      clearTimeout(timer);
      if (failed) return reject(failed);
      take(parser.finish());
      const recording: Recording = parser.control === undefined ? { events } : { events, control: parser.control };
      if (killed || isFinished(recording)) return resolve(recording);
      if (overran) return reject(new EngineError(overranMessage(command)));
      const reason = lastLine(stderr);
      reject(new EngineError(engineWords.stopped(command.who, reason)));
    });
  });
  // A caller that only kills does not wait on `done`: its rejection is not an unhandled one.
  done.catch(() => {});
  return {
    done,
    pause: () => trace.pause(),
    resume: () => trace.resume(),
    kill: () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    },
  };
}

/**
 * The whole recording, waited for on this thread: for commands without a screen to keep alive
 * (verify, tests). `run program.py` uses startRecorder.
 */
export function recordAtOnce(command: RecorderCommand): Recording {
  const child = spawnSync(command.executable, command.args, {
    input: command.source,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: command.env ?? process.env,
    maxBuffer: 1 << 30,
    timeout: command.wallSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ENOENT') throw new EngineError(command.missing);
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new EngineError(overranMessage(command));
  const recording = parseRecording(child.output?.[3]?.toString('utf8') ?? '');
  if (!isFinished(recording)) {
    const reason = lastLine(child.stderr?.toString('utf8') ?? '');
    throw new EngineError(engineWords.stopped(command.who, reason));
  }
  return recording;
}
