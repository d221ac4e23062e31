// The recorder's trace of a generated program (test/oracle/generate.ts, written out as Python by
// python-source.ts) against the runtime's trace of the same program (test/oracle/ts-runner.ts), as
// `asyncio-lab verify` compares a lesson's: the same events, up to object ids and addresses.
import { PROCESS_CLOCK_ORIGIN } from '../../../src/runtime/clock.js';
import type { PythonVersion } from '../../../src/runtime/python-version.js';
import type { TraceEvent } from '../../../src/runtime/trace.js';
import type { Recording } from '../../../src/recorder/recording.js';
import { compareTraces, describeDifferences } from '../../../src/recorder/compare-traces.js';
import type { Op, Program } from '../../oracle/program.js';
import { runOnRuntime } from '../../oracle/ts-runner.js';

/**
 * The program as a recording can run it: no Ctrl+C at a selector wait (a recording is interrupted at
 * a time), the oracle's custom exception handler (the default one's tracebacks quote each runner's
 * own frames), and deadlines on the process's clock, which starts where a recorded program's does.
 */
export function recordable(program: Program): Program {
  const shift = (op: Op): Op => (op.op === 'call_at' ? { ...op, when: PROCESS_CLOCK_ORIGIN + op.when } : op);
  const functions = Object.fromEntries(Object.entries(program.functions).map(([name, fn]) => [name, { ...fn, body: fn.body.map(shift) }]));
  const { interruptAt: _, ...rest } = program;
  return { ...rest, handler: 'custom', functions, top: program.top.map(shift) };
}

/** The runtime's events for the program, or why it cannot be compared (the oracle's runner failed). */
export function simulate(program: Program, python: PythonVersion): { events: TraceEvent[]; hang: boolean } | { error: string } {
  const events: TraceEvent[] = [];
  // Listening from the realm's start: the runner makes the program's first loop before it runs.
  const result = runOnRuntime(program, { python, origin: PROCESS_CLOCK_ORIGIN, kernelWaits: true, observe: (realm) => realm.tracer.listen((event) => events.push({ ...event })) });
  if (result.error !== undefined) return { error: result.error };
  return { events, hang: result.trace.some((entry) => entry[1] === 'hang') };
}

/** What a standalone runtime run has no part in: the process (threads, shutdown, exit) and the pointer. */
const PROCESS_ONLY = new Set<TraceEvent['type']>(['line', 'thread_created', 'thread_started', 'thread_blocked', 'thread_woke', 'thread_exit', 'shutdown', 'exit']);

/**
 * The events up to the interpreter's shutdown (then objects are destroyed, which the oracle never
 * lets happen), without the process's and the pointer's: the line a task waits at included (the
 * oracle's runner does not follow its coroutines' lines; the lessons' verify compares them).
 */
function beforeShutdown(events: readonly TraceEvent[]): TraceEvent[] {
  const end = events.findIndex((e) => e.type === 'shutdown');
  return (end < 0 ? events : events.slice(0, end))
    .filter((e) => !PROCESS_ONLY.has(e.type))
    .map((e) => {
      if (e.type !== 'task_wait' || e.line === undefined) return e;
      const { line: _, ...rest } = e;
      return rest;
    });
}

/** Up to the last selector wait: a program that hangs there is stopped differently by each runner. */
function untilHang(events: readonly TraceEvent[]): TraceEvent[] {
  let last = -1;
  events.forEach((e, i) => {
    if (e.type === 'select_wait') last = i;
  });
  return events.slice(0, last + 1);
}

/** The two sides' events as compared. */
export function compared(simulated: { events: TraceEvent[]; hang: boolean }, recording: Recording): { sim: TraceEvent[]; rec: TraceEvent[] } {
  const sim = beforeShutdown(simulated.events);
  const rec = beforeShutdown(recording.events);
  return simulated.hang ? { sim: untilHang(sim), rec: untilHang(rec) } : { sim, rec };
}

/** The first difference, described; '' when the traces agree. */
export function differences(simulated: { events: TraceEvent[]; hang: boolean }, recording: Recording, paths: readonly (readonly [string, string])[]): string {
  if (!simulated.hang && recording.control !== undefined) return `the recording ended early: ${JSON.stringify(recording.control)}`;
  const { sim, rec } = compared(simulated, recording);
  return describeDifferences(compareTraces(sim, rec, { realTime: false, paths }));
}
