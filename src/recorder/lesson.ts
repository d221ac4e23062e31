// A learner's Python program as a Lesson: every view of the lab (the interactive lab, --plain,
// --json, --output-only) shows it as it shows the article's programs. Each run records the program
// on real CPython; Ctrl+C at a moment is a new recording with one more interrupt.
import type { Lesson, RunEnd, RunOptions, RunResult } from '../scenarios/types.js';
import type { Recording } from './recording.js';

/** A program as the learner gave it. */
export interface PythonProgram {
  /** The file name tracebacks show: the path as given, made absolute (as python3 shows it), or '<stdin>'. */
  file: string;
  /** What the lab calls it: the file's base name. */
  name: string;
  text: string;
}

/** Records one run of the program with these options. */
export type Engine = (options: RunOptions) => Recording;

/** How a recording ended, as the views know ends: the program's exit, or still running at a time. */
export function runEnd(recording: Recording): RunEnd {
  const { control, events } = recording;
  if (control?.control === 'end') {
    if (control.why === 'until') return { kind: 'until', t: control.t };
    return { kind: 'until', t: control.t, budget: { kind: control.why, limit: control.limit ?? 0 } };
  }
  const exit = events.at(-1);
  if (exit?.type === 'exit') return { kind: 'exit', status: exit.status };
  // Refused part-way through (the first run is checked before any view starts): it stopped there.
  return { kind: 'until', t: control?.t ?? exit?.t ?? 0 };
}

export interface RecordedLessonInit {
  program: PythonProgram;
  engine: Engine;
  /** Seconds a run that never ends is recorded for, without --until. */
  defaultUntil: number;
  /** The program runs on the wall clock (it starts threads). */
  realTime?: boolean;
  /** The engine takes a Ctrl+C right after an event (RunOptions.interruptEvents). */
  eventMoments?: boolean;
  /** What the lab says about this recording (the engine, the clock). */
  about: { zh: string; en: string };
  /** A recording already made, and its options (the command's first run), reused when asked again. */
  first?: { options: RunOptions; recording: Recording };
}

type Recorded = Pick<RunOptions, 'debug' | 'until' | 'interrupts' | 'interruptEvents'>;

/** True when two runs' options give the same recording. */
export function sameOptions(a: Recorded, b: Recorded): boolean {
  const same = (x: readonly number[] = [], y: readonly number[] = []) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.debug === b.debug && a.until === b.until && same(a.interrupts, b.interrupts) && same(a.interruptEvents, b.interruptEvents);
}

export function recordedLesson(init: RecordedLessonInit): Lesson {
  const { program, engine } = init;
  let cached = init.first;
  const source = { file: program.name, text: program.text };
  return {
    id: program.name,
    command: 'run',
    title: { zh: program.name, en: program.name },
    explanation: init.about,
    asWritten: source,
    errata: [],
    interrupts: [],
    defaultUntil: init.defaultUntil,
    variants: [],
    notes: [],
    ...(init.realTime ? { realTime: true } : {}),
    ...(init.eventMoments ? { eventMoments: true } : {}),
    run(options: RunOptions): RunResult {
      const recording = cached && sameOptions(cached.options, options) ? cached.recording : engine(options);
      cached = { options, recording };
      return { events: recording.events, end: runEnd(recording) };
    },
  };
}
