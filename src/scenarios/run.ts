// Runs a lesson's program on the simulated process (src/runtime/process): the options a learner
// chose, the file name and source text tracebacks show; then the lesson's notes are tied to the events
// they explain (notes.ts).
import { runProcess, type MainProgram } from '../runtime/process/index.js';
import { withNotes, type LessonNote } from './notes.js';
import type { PythonSource, RunOptions, RunResult } from './types.js';

/** Runs `program` and places the lesson's `notes` after the events they explain. */
export function runOn(program: MainProgram, source: PythonSource, options: RunOptions, notes: readonly LessonNote[] = []): RunResult {
  const { events, end } = runProcess(program, {
    debug: options.debug,
    interrupts: options.interrupts,
    until: options.until,
    file: source.file,
    source: source.text,
  });
  return { events: withNotes(events, notes), end };
}

/**
 * Marks printed lines whose order real Python leaves open for a reason other than threads, e.g.
 * lines printed while iterating a set (a set of tasks iterates in hash order, i.e. by address):
 * they get `race: true`, as lines of two threads printing at once do.
 */
export function markUnordered(result: RunResult, unordered: (text: string) => boolean): RunResult {
  const events = result.events.map((e) => (e.type === 'output' && unordered(e.text) ? { ...e, race: true } : e));
  return { events, end: result.end };
}
