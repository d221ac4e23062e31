// Runs a lesson's program on the simulated process (src/runtime/process): the options a learner
// chose, the file name and source text tracebacks show; then the lesson's notes are tied to the events
// they explain (notes.ts).
import { runProcess, type MainProgram } from '../runtime/process/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import { NoteMatcher, withNotes, type LessonNote } from './notes.js';
import type { PythonSource, RunOptions, RunResult } from './types.js';

/** Runs `program` and places the lesson's `notes` after the events they explain. */
export function runOn(program: MainProgram, source: PythonSource, options: RunOptions, notes: readonly LessonNote[] = []): RunResult {
  const { events, end } = runProcess(program, {
    debug: options.debug,
    interrupts: options.interrupts,
    until: options.until,
    file: source.file,
    source: source.text,
    ...(options.observe ? { observe: options.observe } : {}),
    ...(options.sink ? { sink: notes.length === 0 ? options.sink : notedSink(options.sink, notes) } : {}),
  });
  return { events: withNotes(events, notes), end };
}

/** A streamed run's sink with the lesson's notes placed after the events they explain, as they pass. */
function notedSink(sink: NonNullable<RunOptions['sink']>, notes: readonly LessonNote[]): NonNullable<RunOptions['sink']> {
  const matcher = new NoteMatcher(notes);
  return {
    ...(sink.attach ? { attach: (control) => sink.attach!(control) } : {}),
    ...(sink.beforeAdvance ? { beforeAdvance: (t) => sink.beforeAdvance!(t) } : {}),
    event: (event) => {
      sink.event(event);
      for (const note of matcher.after(event)) sink.event(note);
    },
  };
}

/**
 * Marks printed lines whose order real Python leaves open for a reason other than threads, e.g.
 * lines printed while iterating a set (a set of tasks iterates in hash order, i.e. by address):
 * they get `race: true`, as lines of two threads printing at once do. Returns the options that
 * mark a streamed run's events, and the function that marks a whole result.
 */
export function markUnordered(options: RunOptions, unordered: (text: string) => boolean): { options: RunOptions; mark: (result: RunResult) => RunResult } {
  const markOne = <E extends TraceEvent>(e: E): E => (e.type === 'output' && unordered(e.text) ? { ...e, race: true } : e);
  const sink = options.sink;
  const marked: RunOptions = sink === undefined ? options : { ...options, sink: { ...sink, attach: sink.attach?.bind(sink), beforeAdvance: sink.beforeAdvance?.bind(sink), event: (e) => sink.event(markOne(e)) } };
  return { options: marked, mark: (result) => ({ events: result.events.map(markOne), end: result.end }) };
}
