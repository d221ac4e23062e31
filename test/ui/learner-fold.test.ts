// The learner level: the exact trace folded into learner steps. Every lesson (as written,
// corrected, each variant, each documented Ctrl+C moment): the steps cover the trace in order, the
// panels after each step equal the exact level's after the step's last event, and every event that
// changes a panel is told by the step's words. Then the folding rules on fixed event arrays.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { lessons } from '../../src/scenarios/index.js';
import type { RunOptions } from '../../src/scenarios/types.js';
import { learnerSteps, stepText, stepWords } from '../../src/ui/learner/index.js';
import { foldEvents, reduce } from '../../src/ui/state/reduce.js';
import { Replay } from '../../src/ui/state/replay.js';
import type { LabState } from '../../src/ui/state/types.js';
import { at } from './fixtures/lessons.js';

/** Every program a lesson shows: as written, corrected, its variants, with and without its Ctrl+C moments. */
const runs = lessons.flatMap((lesson) => {
  const base: RunOptions = { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil };
  const out: { name: string; events: readonly TraceEvent[] }[] = [];
  for (const asWritten of lesson.corrected ? [false, true] : [false]) {
    const name = `${lesson.id}${asWritten ? ' as written' : ''}`;
    out.push({ name, events: lesson.run({ ...base, asWritten }).events });
    for (const moment of lesson.interrupts) {
      out.push({ name: `${name} Ctrl+C at ${moment.at}`, events: lesson.run({ ...base, asWritten, interrupts: [moment.at], until: moment.at + lesson.defaultUntil }).events });
    }
  }
  for (const variant of lesson.variants) out.push({ name: `${lesson.id} --variant ${variant.id}`, events: variant.run(base).events });
  return out;
});

/** What the panels show of a state (the pointer and the timeline's marks aside: both are drawn whole at every step). */
function panels(s: LabState) {
  return { loops: s.loops, futures: s.futures, threads: s.threads, output: s.output, shutdown: s.shutdown, exitStatus: s.exitStatus, interrupts: s.interrupts, warnings: s.warnings };
}

describe('learner steps of every lesson', () => {
  it('has every lesson, its corrected program, variants and Ctrl+C moments to check', () => {
    expect(runs.length).toBeGreaterThan(20);
  });

  it.each(runs.map((r) => [r.name, r] as const))('%s: steps cover the trace, panels equal the exact level, every change is told', (_name, { events }) => {
    const steps = learnerSteps(events);
    expect(steps[0]!.first).toBe(0);
    expect(steps.at(-1)!.last).toBe(events.length - 1);
    for (let s = 1; s < steps.length; s++) expect(steps[s]!.first).toBe(steps[s - 1]!.last + 1);
    // Fewer steps than the exact level: that is the point.
    const exact = new Replay(events);
    const learner = new Replay(events, undefined, 'learner');
    expect(learner.length).toBe(steps.length);
    expect(learner.length).toBeLessThan(exact.length);
    let state = foldEvents([]);
    for (let s = 0; s < steps.length; s++) {
      const { first, last } = steps[s]!;
      const before = state;
      const changed: number[] = [];
      for (let i = first; i <= last; i++) {
        const next = reduce(state, events[i]!);
        // A `line` event moves the pointer, drawn where the step ends (its first one also files its thread).
        if (events[i]!.type !== 'line' && !isDeepStrictEqual(panels(next), panels(state))) changed.push(i);
        state = next;
      }
      // The learner step shows what the exact fold shows after the step's last event.
      expect(learner.stateAt(s)).toEqual(state);
      const words = stepWords(events, { first, last }, before);
      const told = new Set([...words.headlineEvents, ...words.changes.flatMap((c) => c.events)]);
      const untold = changed.filter((i) => !told.has(i)).map((i) => `${i} ${events[i]!.type}`);
      expect(untold, `step ${s + 1}: ${stepText(words, 'en')}`).toEqual([]);
      // Both languages have words.
      expect(stepText(words, 'zh').length).toBeGreaterThan(0);
    }
  });
});

describe('folding rules', () => {
  const scheduleStep = (t: number, handle: number): TraceEvent[] => [
    at(t, { type: 'loop_iteration', loop: 1, n: handle, ready: 1, scheduled: 0 }),
    at(t, { type: 'select_wait', loop: 1, timeout: 0 }),
    at(t, { type: 'select_woke', loop: 1, slept: 0, reason: 'immediate' }),
    at(t, { type: 'handle_run', loop: 1, handle, callback: `cb${handle}()` }),
    at(t, { type: 'output', stream: 'stdout', text: `cb${handle}` }),
    at(t, { type: 'line', line: 3 }),
    at(t, { type: 'handle_done', loop: 1, handle, took: 0 }),
  ];

  it('makes a callback one step, its loop bookkeeping and printed lines included', () => {
    const events = [...scheduleStep(0, 1), ...scheduleStep(0, 2)];
    expect(learnerSteps(events)).toEqual([
      { first: 0, last: 6 },
      { first: 7, last: 13 },
    ]);
  });

  it('closes a step at a wait: the next begins when the wait ends', () => {
    const events: TraceEvent[] = [
      ...scheduleStep(0, 1),
      at(0, { type: 'loop_iteration', loop: 1, n: 2, ready: 0, scheduled: 1 }),
      at(0, { type: 'select_wait', loop: 1, timeout: 0.5 }),
      at(0, { type: 'note', zh: '等', en: 'wait' }),
      at(0, { type: 'thread_blocked', name: 'MainThread', on: 'select', until: 0.5 }),
      at(0.5, { type: 'thread_woke', name: 'MainThread', reason: 'timeout' }),
      at(0.5, { type: 'select_woke', loop: 1, slept: 0.5, reason: 'timeout' }),
      at(0.5, { type: 'timer_ready', loop: 1, handle: 2, lastTo: -1 }),
      at(0.5, { type: 'handle_run', loop: 1, handle: 2, callback: 'later()' }),
      at(0.5, { type: 'handle_done', loop: 1, handle: 2, took: 0 }),
    ];
    expect(learnerSteps(events)).toEqual([
      { first: 0, last: 6 },
      { first: 7, last: 10 },
      { first: 11, last: 15 },
    ]);
    const words = stepWords(events, { first: 7, last: 10 }, foldEvents(events.slice(0, 7)));
    expect(words.headline.en).toBe('the loop sleeps in select() until 0.500: nothing is ready before the next timer');
    expect(stepWords(events, { first: 11, last: 15 }, foldEvents(events.slice(0, 11))).headline.en).toBe('later() runs (its timer is due)');
  });

  it('keeps a traceback in one step, apart from what came before', () => {
    const tb = ['Traceback (most recent call last):', '  File "x.py", line 3, in <module>', 'ZeroDivisionError: division by zero'];
    const events: TraceEvent[] = [
      at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 }),
      ...tb.map((text) => at(0, { type: 'output', stream: 'stderr', text })),
      at(0, { type: 'shutdown', phase: 'begin' }),
      at(0, { type: 'exit', status: 1 }),
    ];
    const steps = learnerSteps(events);
    expect(steps).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 3 },
      { first: 4, last: 5 },
    ]);
    expect(stepWords(events, steps[1]!, foldEvents(events.slice(0, 1))).headline.en).toBe('MainThread prints a traceback (3 lines to stderr)');
  });

  it('begins a step when another thread acts, and keeps a thread woken by another in the waker’s step', () => {
    const events: TraceEvent[] = [
      at(0, { type: 'output', stream: 'stdout', text: 'main' }),
      at(0, { type: 'thread_started', name: 'Thread-1' }, 'Thread-1'),
      at(0, { type: 'thread_woke', name: 'MainThread', reason: 'notified' }, 'Thread-1'),
      at(0, { type: 'output', stream: 'stdout', text: 'main again' }),
    ];
    expect(learnerSteps(events)).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 2 },
      { first: 3, last: 3 },
    ]);
  });

  it('tells a task step by the task, where it resumes and what it waits on next', () => {
    const events: TraceEvent[] = [
      at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 }),
      at(0, { type: 'future_created', loop: 1, future: 1, kind: 'Task', name: 'Task-1', coro: 'main()' }),
      at(0, { type: 'handle_scheduled', loop: 1, handle: 2, kind: 'Handle', callback: '<TaskStepMethWrapper object at 0x1>()' }),
      at(0, { type: 'handle_run', loop: 1, handle: 2, callback: '<TaskStepMethWrapper object at 0x1>()' }),
      at(0, { type: 'task_step', loop: 1, task: 1, name: 'Task-1', mode: 'send' }),
      at(0, { type: 'line', line: 7 }),
      at(0, { type: 'future_created', loop: 1, future: 3, kind: 'Future', name: 'sleep(0.5)' }),
      at(0, { type: 'handle_scheduled', loop: 1, handle: 4, kind: 'TimerHandle', when: 0.5, callback: '_set_result_unless_cancelled(<Future pending>, None)' }),
      at(0, { type: 'task_wait', loop: 1, task: 1, name: 'Task-1', on: 3, onRepr: '<Future pending>' }),
      at(0, { type: 'handle_done', loop: 1, handle: 2, took: 0 }),
    ];
    const steps = learnerSteps(events);
    expect(steps).toEqual([
      { first: 0, last: 2 },
      { first: 3, last: 9 },
    ]);
    const first = stepWords(events, steps[0]!, foldEvents([]));
    expect(stepText(first, 'en')).toBe("Loop 1 created · Task-1 main() created · Task-1 main()'s first step is queued");
    const step = stepWords(events, steps[1]!, foldEvents(events.slice(0, 3)));
    expect(stepText(step, 'en')).toBe('Task-1 main() starts at line 7 · waits on sleep(0.5) · sleep(0.5): its timer is pushed on the heap');
    expect(stepText(step, 'zh')).toBe('Task-1 main() 开始执行(第 7 行) · 挂起,等待 sleep(0.5) · sleep(0.5):定时器入堆');
  });
});
