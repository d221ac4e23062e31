// `asyncio-lab verify <lesson>`'s work: each of the lesson's Python programs (as written, corrected,
// variants) recorded on real CPython and compared, event by event, with the simulation's trace of the
// same program on the same Python version (compare-traces.ts says what "the same" allows).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHONS, isPythonVersion, type PythonVersion } from '../runtime/python-version.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { Lesson, PythonSource, RunResult } from '../scenarios/types.js';
import { compareTraces, type TraceDifference } from './compare-traces.js';
import { recordEmbedded } from './embedded.js';
import { EngineError, recordLocal, type Interpreter } from './local.js';
import { engineWords } from './engine-words.js';
import type { Recording } from './recording.js';

/** Where the programs run: the embedded Python of a version, or a local interpreter. */
export type VerifyEngine = { kind: 'embedded'; version: PythonVersion } | { kind: 'local'; interpreter: Interpreter; stdlibDir: string };

/** One of a lesson's programs and how the simulation runs it. */
interface LessonProgram {
  name: string;
  source: PythonSource;
  simulate(python: PythonVersion): RunResult;
}

export interface ProgramVerdict {
  /** 'as-written', 'corrected', or 'variant <id>'. */
  program: string;
  /** It starts threads: recorded in real time and compared per thread. */
  realTime: boolean;
  differences: TraceDifference[];
  /** Why it could not be compared at all (a refusal, an engine failure). */
  error?: string;
}

function programsOf(lesson: Lesson): LessonProgram[] {
  const base = { debug: false, interrupts: [] as number[], until: lesson.defaultUntil };
  const programs: LessonProgram[] = [{ name: 'as-written', source: lesson.asWritten, simulate: (python) => lesson.run({ ...base, asWritten: true, python }) }];
  if (lesson.corrected) programs.push({ name: 'corrected', source: lesson.corrected, simulate: (python) => lesson.run({ ...base, asWritten: false, python }) });
  for (const variant of lesson.variants) {
    programs.push({ name: `variant ${variant.id}`, source: variant.source, simulate: (python) => variant.run({ ...base, asWritten: false, python }) });
  }
  return programs;
}

/** A program starts threads when its simulation does: such a run is recorded in real time. */
function startsThreads(events: readonly TraceEvent[]): boolean {
  return events.some((event) => event.type === 'thread_created');
}

/** The Python version the simulation takes for a run on this engine. */
export function engineVersion(engine: VerifyEngine): PythonVersion {
  if (engine.kind === 'embedded') return engine.version;
  const version = `${engine.interpreter.major}.${engine.interpreter.minor}`;
  if (!isPythonVersion(version)) throw new EngineError(engineWords.unknownVersion(version));
  return version;
}

/** True when the lesson has a program that starts threads (it needs a local interpreter). */
export function needsThreads(lesson: Lesson, python: PythonVersion): boolean {
  return programsOf(lesson).some((program) => startsThreads(program.simulate(python).events));
}

function record(engine: VerifyEngine, source: PythonSource, until: number, realTime: boolean): Recording {
  // The program as the simulation names it (its bare file name), in a folder of its own.
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-verify-'));
  try {
    writeFileSync(join(dir, source.file), source.text);
    const run = { source: source.text, file: source.file, dir, interrupts: [], until, debug: false };
    if (engine.kind === 'embedded') return recordEmbedded({ ...run, version: engine.version });
    return recordLocal({ ...run, interpreter: engine.interpreter.executable, mode: realTime ? 'real' : 'virtual' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Verifies each of the lesson's programs; a lesson that starts threads needs a local engine. */
export function verifyLesson(lesson: Lesson, engine: VerifyEngine): ProgramVerdict[] {
  const python = engineVersion(engine);
  const paths = engine.kind === 'local' && engine.stdlibDir !== PYTHONS[python].stdlibDir ? [[engine.stdlibDir, PYTHONS[python].stdlibDir] as const] : [];
  return programsOf(lesson).map((program) => {
    const simulation = program.simulate(python);
    const realTime = startsThreads(simulation.events);
    const verdict: ProgramVerdict = { program: program.name, realTime, differences: [] };
    if (realTime && engine.kind === 'embedded') return { ...verdict, error: 'it starts threads, which the embedded Python cannot: verify it with --interpreter python3' };
    let recording: Recording;
    try {
      recording = record(engine, program.source, lesson.defaultUntil, realTime);
    } catch (error) {
      if (error instanceof EngineError) return { ...verdict, error: error.message };
      throw error;
    }
    if (recording.control?.control === 'refused') return { ...verdict, error: `the recorder refused it: ${recording.control.message}` };
    if (recording.control?.control === 'restart') return { ...verdict, error: 'it started a thread that the simulation does not start' };
    const events = atHorizon(simulation, recording);
    verdict.differences = compareTraces(events.simulation, events.recorder, { realTime, paths });
    return verdict;
  });
}

/**
 * Both traces as far as both go: a program that never ends is cut at the horizon on both sides,
 * at the last moment each reached before it (the recorder stops in the wait that crosses it).
 */
function atHorizon(simulation: RunResult, recording: Recording): { simulation: TraceEvent[]; recorder: TraceEvent[] } {
  if (simulation.end.kind === 'exit' && recording.control === undefined) return { simulation: simulation.events, recorder: recording.events };
  const before = (events: readonly TraceEvent[], until: number) => events.filter((event) => event.t < until);
  const until = Math.min(simulation.end.kind === 'until' ? simulation.end.t : Infinity, recording.control?.t ?? Infinity);
  return { simulation: before(simulation.events, until), recorder: before(recording.events, until) };
}
