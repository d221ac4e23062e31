// Runs a lesson's program on the simulated process (src/runtime/process): the options a learner
// chose, the file name and source text tracebacks show.
import { runProcess, type MainProgram } from '../runtime/process/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { PythonSource, RunOptions, RunResult } from './types.js';

export function runOn(program: MainProgram, source: PythonSource, options: RunOptions): RunResult {
  const { events, end } = runProcess(program, {
    debug: options.debug,
    interrupts: options.interrupts,
    until: options.until,
    file: source.file,
    source: source.text,
    ...(options.sink ? { sink: options.sink } : {}),
  });
  return { events, end };
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
