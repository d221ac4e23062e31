// `asyncio-lab run program.py` (and `-` for standard input): the learner's own Python program,
// recorded on real CPython (src/recorder/) and shown in the same views as the lessons.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { EMBEDDED_VERSION, recordEmbedded } from '../recorder/embedded.js';
import { hasPyodide } from '../engines/pyodide.js';
import { EngineError, probeInterpreter, recordLocal, type Interpreter } from '../recorder/local.js';
import { recordedLesson, type PythonProgram } from '../recorder/lesson.js';
import type { Control, Recording } from '../recorder/recording.js';
import type { RunOptions } from '../scenarios/types.js';
import type { CliContext } from './io.js';
import { runChosen, runOptionsOf, usageError } from './lesson.js';
import type { LessonFlags } from './options.js';

/** Virtual seconds a program that never ends is recorded for, without --until. */
export const VIRTUAL_UNTIL = 60;
/** Wall seconds a program with threads (recorded in real time) is recorded for, without --until. */
export const REAL_UNTIL = 10;

export interface PythonFlags extends LessonFlags {
  interpreter?: string;
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
    if (!statSync(path).isFile()) usageError(command, `'${file}' is not a file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') usageError(command, `no such file: '${file}'`);
    if (code === undefined) throw error;
    usageError(command, `cannot read '${file}' (${code})`);
  }
  return { file: path, name: basename(path), text };
}

/** The line the learner reads for a refused run: `error: program.py:3: ...`. */
export function refusalMessage(program: PythonProgram, control: Extract<Control, { control: 'refused' }>): string {
  const where = control.line === null ? program.name : `${program.name}:${control.line}`;
  return `error: ${where}: ${control.message}`;
}

export async function runPythonProgram(ctx: CliContext, command: Command, file: string, flags: PythonFlags): Promise<number> {
  const { io } = ctx;
  const program = readProgram(command, file);
  // --python keeps the lessons' meaning: which CPython runs the program. Its default is the lessons'.
  const asked = command.getOptionValueSource('python') === 'cli' ? flags.python : undefined;
  if (flags.interpreter === undefined) {
    const version = asked ?? EMBEDDED_VERSION;
    if (!hasPyodide(version)) usageError(command, `--python ${version}: this installation has no embedded Python ${version}; run the program on a local one with --interpreter python${version}`);
    return runEmbedded(ctx, command, program, flags, version);
  }
  let interpreter: Interpreter;
  try {
    interpreter = probeInterpreter(flags.interpreter);
  } catch (error) {
    if (error instanceof EngineError) usageError(command, error.message);
    throw error;
  }
  if (asked !== undefined && asked !== `${interpreter.major}.${interpreter.minor}`) usageError(command, `--python ${asked}: --interpreter '${flags.interpreter}' is Python ${interpreter.version}; leave --python out, or give an interpreter of that version`);
  const dir = file === '-' ? process.cwd() : dirname(program.file);
  const engineFor = (mode: 'virtual' | 'real') => (options: RunOptions): Recording =>
    recordLocal({ interpreter: interpreter.executable, source: program.text, file: program.file, dir, mode, interrupts: options.interrupts, until: options.until, debug: options.debug });

  let mode: 'virtual' | 'real' = 'virtual';
  let threadAt: number | null = null;
  let lesson = recordedLesson({ program, engine: engineFor(mode), defaultUntil: VIRTUAL_UNTIL, about: about(interpreter, mode, null) });
  let options = runOptionsOf(command, lesson, flags);
  let recording = firstRecording(io, program, () => engineFor(mode)(options));
  if (typeof recording !== 'number' && recording.control?.control === 'restart') {
    // A thread cannot run in virtual time: record the whole run again on the wall clock.
    mode = 'real';
    threadAt = recording.control.line;
    lesson = recordedLesson({ program, engine: engineFor(mode), defaultUntil: REAL_UNTIL, about: about(interpreter, mode, threadAt) });
    options = runOptionsOf(command, lesson, flags);
    recording = firstRecording(io, program, () => engineFor(mode)(options));
  }
  if (typeof recording === 'number') return recording;
  lesson = recordedLesson({ program, engine: engineFor(mode), realTime: mode === 'real', defaultUntil: lesson.defaultUntil, about: about(interpreter, mode, threadAt), first: { options, recording } });
  return runChosen(ctx, command, lesson, undefined, flags, { kind: 'recorded' });
}

/**
 * The program's first recording, or the exit status after saying in one line why there is none: the
 * engine failed (no interpreter, a crash) or the recorder refused the program (a socket, input()).
 */
function firstRecording(io: CliContext['io'], program: PythonProgram, record: () => Recording): Recording | number {
  let recording: Recording;
  try {
    recording = record();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  if (recording.control?.control !== 'refused') return recording;
  io.stderr.write(refusalMessage(program, recording.control) + '\n');
  return 1;
}

/** What the intro (and the lab's help) says about the recording. */
function about(interpreter: Interpreter, mode: 'virtual' | 'real', threadAt: number | null): { zh: string; en: string } {
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

/**
 * The default engine: CPython 3.14 compiled to WebAssembly, inside the lab. Each run loads a fresh
 * interpreter (a few seconds), so the lab says so while it loads.
 */
async function runEmbedded(ctx: CliContext, command: Command, program: PythonProgram, flags: PythonFlags, version: string): Promise<number> {
  const { io } = ctx;
  if ((flags.interruptAt ?? []).length > 0) usageError(command, 'Ctrl+C (--interrupt-at) is recorded on a local CPython only for now: add --interpreter python3');
  const dir = program.file === '<stdin>' ? process.cwd() : dirname(program.file);
  const engine = (options: RunOptions): Recording => {
    if (io.stderr.isTTY) io.stderr.write(`(loading the embedded Python ${version} to record ${program.name}: a few seconds)\n`);
    return recordEmbedded({ version, source: program.text, file: program.file, dir, interrupts: options.interrupts, until: options.until, debug: options.debug });
  };
  const aboutEmbedded = {
    en: `Recorded on CPython ${version} compiled to WebAssembly (Pyodide), inside the lab, in virtual time: a wait takes no wall time, and every run gives the same trace. Programs with threads need --interpreter python3.`,
    zh: `在实验室内置的 CPython ${version}(编译为 WebAssembly 的 Pyodide)上录制,使用虚拟时间: 等待不花真实时间,每次运行得到相同的轨迹。使用线程的程序需要 --interpreter python3。`,
  };
  let lesson = recordedLesson({ program, engine, defaultUntil: VIRTUAL_UNTIL, about: aboutEmbedded });
  const options = runOptionsOf(command, lesson, flags);
  const recording = firstRecording(io, program, () => engine(options));
  if (typeof recording === 'number') return recording;
  lesson = recordedLesson({ program, engine, defaultUntil: VIRTUAL_UNTIL, about: aboutEmbedded, first: { options, recording } });
  return runChosen(ctx, command, lesson, undefined, flags, { kind: 'recorded' });
}
