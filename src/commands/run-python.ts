// `asyncio-lab run program.py` (and `-` for standard input): the learner's own Python program,
// recorded on real CPython (src/recorder/) and shown in the same views as the lessons. Every
// recording runs in a process beside the lab's (src/recorder/child.ts): while the first one is made
// the command says what it is doing and leaves at once on Ctrl+C, SIGTERM or SIGHUP; the views read
// later ones (a Ctrl+C at a moment, a seek) as streams, so the lab keeps drawing meanwhile.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { EMBEDDED_VERSION, LOADED, recordEmbedded, startEmbedded } from '../recorder/embedded.js';
import { hasPyodide } from '../engines/pyodide.js';
import type { LiveRecording, RecordingListener } from '../recorder/child.js';
import { EngineError, probeInterpreter, recordLocal, startLocal, type Interpreter } from '../recorder/local.js';
import { recordedLesson, sameOptions, type PythonProgram } from '../recorder/lesson.js';
import type { Control, Recording } from '../recorder/recording.js';
import { finishedSimulation, streamedSimulation } from '../recorder/streamed.js';
import type { RunTarget } from '../playback/simulation.js';
import type { RunOptions } from '../scenarios/types.js';
import type { CliContext } from './io.js';
import { runChosen, runOptionsOf, usageError } from './lesson.js';
import { usageWords } from './usage-words.js';
import { canShowLab } from './run-lesson.js';
import { langFromEnv, type LessonFlags } from './options.js';

/** Virtual seconds a program that never ends is recorded for, without --until. */
export const VIRTUAL_UNTIL = 60;
/** Wall seconds a program with threads (recorded in real time) is recorded for, without --until. */
export const REAL_UNTIL = 10;

export interface PythonFlags extends LessonFlags {
  interpreter?: string;
  /** `--max-cpu`: the recording's CPU budget, in wall seconds. */
  maxCpu?: number;
}

/** What a recording depends on among a run's options. */
type RecordOptions = Pick<RunOptions, 'interrupts' | 'interruptEvents' | 'until' | 'debug'>;

/** One engine, one clock: how to record a run beside the lab, and (for in-process callers) at once. */
interface Recorder {
  start(options: RecordOptions, listener?: RecordingListener, keep?: boolean): LiveRecording;
  record(options: RecordOptions): Recording;
  /** What the command says while the first recording is made, before the program runs ('loading CPython 3.14'). */
  loading?: string;
}

/** True for what `run` hands to the Python recorder rather than loading as a scenario module. */
export function isPythonProgram(file: string): boolean {
  return file === '-' || file.toLowerCase().endsWith('.py');
}

function readProgram(command: Command, file: string): PythonProgram {
  if (file === '-') return { file: '<stdin>', name: '<stdin>', text: readFileSync(0, 'utf8') };
  const path = resolve(file);
  let text: string;
  try {
    if (!statSync(path).isFile()) usageError(command, usageWords.notAFile(file));
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') usageError(command, usageWords.noSuchFile(file));
    if (code === undefined) throw error;
    usageError(command, usageWords.cannotRead(file, code));
  }
  return { file: path, name: basename(path), text };
}

/** The line the learner reads for a refused run: `error: program.py:3: ...`. */
export function refusalMessage(program: PythonProgram, control: Extract<Control, { control: 'refused' }>): string {
  const where = control.line === null ? program.name : `${program.name}:${control.line}`;
  return `error: ${where}: ${control.message}`;
}

export async function runPythonProgram(ctx: CliContext, command: Command, file: string, flags: PythonFlags): Promise<number> {
  const program = readProgram(command, file);
  // The lab's modules load while the first recording is made (the lab opens once it is).
  if (canShowLab(ctx.io) && !(flags.json || flags.plain || flags.outputOnly || flags.verbose)) void ctx.io.loadUi().catch(() => undefined);
  const dir = file === '-' ? process.cwd() : dirname(program.file);
  // --python keeps the lessons' meaning: which CPython runs the program. Its default is the lessons'.
  const asked = command.getOptionValueSource('python') === 'cli' ? flags.python : undefined;
  // The recorder's budgets, where the flags raise them (otherwise its own defaults).
  const budgets = { ...(flags.maxCpu === undefined ? {} : { cpuSeconds: flags.maxCpu }), ...(flags.maxEvents === undefined ? {} : { maxEvents: flags.maxEvents }) };
  if (flags.interpreter === undefined) {
    const version = asked ?? EMBEDDED_VERSION;
    if (!hasPyodide(version)) usageError(command, usageWords.noEmbeddedRun(version));
    const run = (options: RecordOptions) => ({ version, source: program.text, file: program.file, dir, interrupts: options.interrupts, interruptEvents: options.interruptEvents ?? [], until: options.until, debug: options.debug, ...budgets });
    const recorder: Recorder = {
      start: (options, listener, keep) => startEmbedded(run(options), listener, keep),
      record: (options) => recordEmbedded(run(options)),
      loading: `loading CPython ${version}`,
    };
    const about = {
      en: `Recorded on CPython ${version} compiled to WebAssembly (Pyodide), inside the lab, in virtual time: a wait takes no wall time, and every run gives the same trace. Programs with threads need --interpreter python3.`,
      zh: `在实验室内置的 CPython ${version}(编译为 WebAssembly 的 Pyodide)上录制,使用虚拟时间: 等待不花真实时间,每次运行得到相同的轨迹。使用线程的程序需要 --interpreter python3。`,
    };
    const first = await firstRun(ctx, command, program, flags, recorder, VIRTUAL_UNTIL, about);
    if (typeof first === 'number') return first;
    return showRecorded(ctx, command, program, flags, recorder, VIRTUAL_UNTIL, about, first, false);
  }
  let interpreter: Interpreter;
  try {
    interpreter = probeInterpreter(flags.interpreter);
  } catch (error) {
    if (error instanceof EngineError) usageError(command, error.words);
    throw error;
  }
  if (asked !== undefined && asked !== `${interpreter.major}.${interpreter.minor}`) usageError(command, usageWords.pythonIsNot(asked, flags.interpreter, interpreter.version));
  const recorderFor = (mode: 'virtual' | 'real'): Recorder => {
    const run = (options: RecordOptions) => ({ interpreter: interpreter.executable, source: program.text, file: program.file, dir, mode, interrupts: options.interrupts, interruptEvents: options.interruptEvents ?? [], until: options.until, debug: options.debug, ...budgets });
    return { start: (options, listener, keep) => startLocal(run(options), listener, keep), record: (options) => recordLocal(run(options)) };
  };
  let first = await firstRun(ctx, command, program, flags, recorderFor('virtual'), VIRTUAL_UNTIL, about(interpreter, 'virtual', null));
  if (typeof first === 'number') return first;
  if (first.recording.control?.control !== 'restart') return showRecorded(ctx, command, program, flags, recorderFor('virtual'), VIRTUAL_UNTIL, about(interpreter, 'virtual', null), first, false);
  // A thread cannot run in virtual time: record the whole run again on the wall clock.
  const aboutReal = about(interpreter, 'real', first.recording.control.line);
  first = await firstRun(ctx, command, program, flags, recorderFor('real'), REAL_UNTIL, aboutReal);
  if (typeof first === 'number') return first;
  return showRecorded(ctx, command, program, flags, recorderFor('real'), REAL_UNTIL, aboutReal, first, true);
}

type About = { zh: string; en: string };
type First = { options: RunOptions; recording: Recording };

/**
 * The program's first recording with the command's options, or the exit status after saying in one
 * line why there is none: the engine failed (no interpreter, a crash) or the recorder refused the
 * program (a socket, input()).
 */
async function firstRun(ctx: CliContext, command: Command, program: PythonProgram, flags: PythonFlags, recorder: Recorder, defaultUntil: number, about: About): Promise<First | number> {
  const { io } = ctx;
  const lesson = recordedLesson({ program, engine: recorder.record, defaultUntil, about });
  const options = runOptionsOf(command, lesson, flags);
  let recording: Recording;
  try {
    recording = await recordShowingProgress(io.stderr, program, recorder, options);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    io.stderr.write(`error: ${error.words[flags.lang ?? langFromEnv(io.env)]}\n`);
    return 1;
  }
  if (recording.control?.control !== 'refused') return { options, recording };
  io.stderr.write(refusalMessage(program, recording.control) + '\n');
  return 1;
}

/** Signals that end the command while it waits for a recording, and the status a shell sees. */
const LEAVING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Makes the recording, saying on a terminal what it is doing (loading the interpreter, then
 * recording) on one line that it clears afterwards. Ctrl+C, SIGTERM and SIGHUP meanwhile stop the
 * recorder and leave at once (the terminal is still as the shell gave it: the lab has not started).
 */
async function recordShowingProgress(stderr: CliContext['io']['stderr'], program: PythonProgram, recorder: Recorder, options: RunOptions): Promise<Recording> {
  const tty = stderr.isTTY === true;
  const say = (text: string) => {
    if (tty) stderr.write(`\r\x1b[K(${text}…)`);
  };
  const recording = `recording ${program.name}`;
  let live: LiveRecording | undefined;
  // Listening before anything is said: a signal that comes once the line shows finds the handler.
  const handlers = Object.entries(LEAVING_SIGNALS).map(([signal, status]) => {
    const leave = () => {
      live?.kill();
      if (tty) stderr.write('\r\x1b[K');
      process.exit(status);
    };
    process.on(signal, leave);
    return () => process.off(signal, leave);
  });
  say(recorder.loading ?? recording);
  live = recorder.start(options, { phase: (phase) => phase === LOADED && say(recording) });
  try {
    return await live.done;
  } finally {
    for (const off of handlers) off();
    if (tty) stderr.write('\r\x1b[K');
  }
}

/** Shows the recorded program in the view the flags ask for; later runs are recorded as streams. */
function showRecorded(ctx: CliContext, command: Command, program: PythonProgram, flags: PythonFlags, recorder: Recorder, defaultUntil: number, about: About, first: First, realTime: boolean): Promise<number> {
  // Both engines take a Ctrl+C right after an event (the lab's Ctrl+C inside a running callback).
  const lesson = recordedLesson({ program, engine: recorder.record, realTime, defaultUntil, about, first, eventMoments: true });
  const target: RunTarget = {
    kind: 'recorded',
    simulate: (options, budgets) =>
      sameOptions(first.options, options) ? finishedSimulation(first.recording, budgets) : streamedSimulation((listener) => recorder.start(options, listener, false), budgets),
  };
  return runChosen(ctx, command, lesson, undefined, flags, target);
}

/** What the intro (and the lab's help) says about a recording on a local interpreter. */
function about(interpreter: Interpreter, mode: 'virtual' | 'real', threadAt: number | null): About {
  const engine = `CPython ${interpreter.version} (${interpreter.command})`;
  if (mode === 'real') {
    const at = threadAt === null ? '' : ` (line ${threadAt})`;
    const zhAt = threadAt === null ? '' : `(第 ${threadAt} 行)`;
    return {
      en: `Recorded on ${engine}. The program starts threads${at}, so it runs in REAL time from the start of the run: times are wall-clock seconds, --interrupt-at counts wall seconds, and two runs may differ.`,
      zh: `在 ${engine} 上录制。程序启动了线程${zhAt},所以从运行开始就按真实时间运行: 时间是墙钟秒数,--interrupt-at 按墙钟秒计算,两次运行可能不同。`,
    };
  }
  return {
    en: `Recorded on ${engine}, in virtual time: a wait takes no wall time, and every run gives the same trace.`,
    zh: `在 ${engine} 上录制,使用虚拟时间: 等待不花真实时间,每次运行得到相同的轨迹。`,
  };
}
