// Stepping through a trace: which events are steps, the state at any step (forward, backward,
// random access across checkpoints), one loop iteration at a time, and which note explains a step.
import { describe, expect, it } from 'vitest';
import { stepsOf } from './fixtures/steps.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { noteFor } from '../../src/ui/state/notes.js';
import { foldEvents } from '../../src/ui/state/reduce.js';
import { CHECKPOINT_EVERY, Replay } from '../../src/ui/state/replay.js';
import { lessons } from '../../src/scenarios/index.js';
import { at, callLaterEvents } from './fixtures/lessons.js';

/** A long trace: n call_soon callbacks, each scheduled, run and printing. */
function longTrace(n: number): TraceEvent[] {
  const events: TraceEvent[] = [at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 })];
  for (let i = 1; i <= n; i++) {
    const t = i / 1000;
    events.push(at(t, { type: 'loop_iteration', loop: 1, n: i, ready: 1, scheduled: 0 }));
    events.push(at(t, { type: 'handle_scheduled', loop: 1, handle: i, kind: 'Handle', callback: `cb(${i})` }));
    events.push(at(t, { type: 'handle_run', loop: 1, handle: i, callback: `cb(${i})` }));
    events.push(at(t, { type: 'output', stream: 'stdout', text: `line ${i}` }));
  }
  return events;
}

describe('Replay', () => {
  it('makes a step of every event except annotations, instant callbacks returning and zero-timeout select wake-ups', () => {
    const replay = new Replay(callLaterEvents());
    const kinds = new Set(stepsOf(replay).map((i) => replay.event(i)!.type));
    expect(kinds.has('line')).toBe(false);
    expect(kinds.has('note')).toBe(false);
    expect(stepsOf(replay).every((i) => { const e = replay.event(i)!; return !(e.type === 'handle_done' && e.took === 0) && !(e.type === 'select_woke' && e.reason === 'immediate'); })).toBe(true);
    expect(kinds.has('timer_ready')).toBe(true);
  });

  it('gives the same state at step k whether reached forward, backward or directly', () => {
    const events = longTrace(300);
    const replay = new Replay(events);
    expect(events.length).toBeGreaterThan(CHECKPOINT_EVERY * 4);
    const direct = (k: number) => JSON.stringify(foldEvents(events.slice(0, replay.stopIndex(k)! + 1)));
    for (const k of [0, 1, 2, 150, 151, 149, 3, replay.length - 1, 64, 63, 200]) {
      expect(JSON.stringify(replay.stateAt(k)), `step ${k}`).toBe(direct(k));
    }
  });

  it('steps back to exactly the state of the previous step', () => {
    const replay = new Replay(callLaterEvents());
    const k = 20;
    const forward = JSON.stringify(replay.stateAt(k - 1));
    replay.stateAt(k);
    expect(JSON.stringify(replay.stateAt(k - 1))).toBe(forward);
  });

  it('moves one loop iteration to the next loop_iteration event, or to the end', () => {
    const replay = new Replay(callLaterEvents());
    const first = replay.nextIteration(0);
    expect(replay.eventAt(first)).toMatchObject({ type: 'loop_iteration', n: 1 });
    const second = replay.nextIteration(first);
    expect(replay.eventAt(second)).toMatchObject({ type: 'loop_iteration', n: 2 });
    let s = second;
    for (let i = 0; i < 20; i++) s = replay.nextIteration(s);
    expect(s).toBe(replay.length - 1);
  });

  it('finds the step at a simulated time and the step showing an event', () => {
    const replay = new Replay(callLaterEvents());
    const s = replay.stepAtTime(0.2);
    expect(replay.eventAt(s)!.t).toBe(0.2);
    expect(replay.eventAt(s + 1)!.t).toBeGreaterThan(0.2);
    expect(replay.stepOfEvent(replay.stopIndex(5)!)).toBe(5);
  });

  it('explains a step with the note emitted right after it (notes before the first step explain the first)', () => {
    const note = (en: string) => at(0, { type: 'note', zh: en, en });
    const out = (text: string) => at(0, { type: 'output', stream: 'stdout', text });
    const replay = new Replay([note('opening'), out('a'), out('b'), note('after b'), out('c'), out('d'), note('the end')]);
    expect([0, 1, 2, 3].map((s) => noteFor(replay, s)?.en)).toEqual(['opening', 'after b', undefined, 'the end']);
  });

  it('shows a note about an event that is not a step (a line) at the next step, where that event is first seen', () => {
    const note = (en: string) => at(0, { type: 'note', zh: en, en });
    const out = (text: string) => at(0, { type: 'output', stream: 'stdout', text });
    const line = (n: number) => at(0, { type: 'line', line: n });
    const replay = new Replay([out('a'), line(7), note('line 7'), out('b'), note('about b'), line(8), note('line 8')]);
    expect([0, 1].map((s) => noteFor(replay, s)?.en)).toEqual([undefined, 'line 7 about b line 8']);
  });

  it('does not stop twice for a selector wait (select_wait and the thread blocking in it)', () => {
    const replay = new Replay([
      at(0, { type: 'select_wait', loop: 1, timeout: 0.1 }),
      at(0, { type: 'thread_blocked', name: 'MainThread', on: 'select', until: 0.1 }),
      at(0.1, { type: 'thread_woke', name: 'MainThread', reason: 'timeout' }),
      at(0.1, { type: 'select_woke', loop: 1, slept: 0.1, reason: 'timeout' }),
      at(0.1, { type: 'thread_blocked', name: 'MainThread', on: 'time.sleep(1)', until: 1.1 }),
      at(1.1, { type: 'thread_woke', name: 'MainThread', reason: 'timeout' }),
    ]);
    expect(stepsOf(replay)).toEqual([0, 3, 4, 5]);
  });

  it('has a single empty step for an empty trace', () => {
    const replay = new Replay([]);
    expect(replay.length).toBe(0);
    expect(replay.stateAt(0).count).toBe(0);
  });
});

describe('the exact level passes every line', () => {
  // A line that makes no event of its own (call-soon's `wrapped = functools.partial(...)`, the
  // lesson's point) is still a step: the pointer never jumps over a line the program runs.
  it.each(lessons.map((lesson) => [lesson.id, lesson] as const))('%s: every line event is on the pointer at some step', (_id, lesson) => {
    for (const asWritten of lesson.corrected ? [false, true] : [false]) {
      const events = lesson.run({ asWritten, debug: false, interrupts: [], until: lesson.defaultUntil }).events;
      const replay = new Replay(events);
      const shown = new Set<string>();
      for (let s = 0; s < replay.length; s++) {
        const state = replay.stateAt(s);
        for (const [thread, line] of Object.entries(state.lines)) if (state.lineThread === thread) shown.add(`${thread}:${line}`);
      }
      const ran = events.flatMap((e) => (e.type === 'line' ? [`${e.thread}:${e.line}`] : []));
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.filter((line) => !shown.has(line)), `${lesson.id}${asWritten ? ' as written' : ''}`).toEqual([]);
    }
  });
});

describe('a replay of a long run keeps a bounded window', () => {
  const WINDOW = CHECKPOINT_EVERY * 8;
  /** The trace fed in batches, as the worker streams it. */
  function streamed(events: readonly TraceEvent[], keepFrom?: (r: Replay) => number): Replay {
    const replay = new Replay([], WINDOW);
    for (let i = 0; i < events.length; i += 100) replay.append(events.slice(i, i + 100), keepFrom?.(replay));
    return replay;
  }

  it('holds a bounded count of events however long the run, and counts the steps before the window', () => {
    const events = longTrace(5000);
    const replay = streamed(events);
    const whole = new Replay(events);
    expect(replay.total).toBe(events.length);
    expect(replay.kept.length).toBeLessThanOrEqual(WINDOW + WINDOW / 4 + 100);
    expect(replay.checkpointCount).toBeLessThanOrEqual((WINDOW + WINDOW / 4 + 100) / CHECKPOINT_EVERY + 1);
    expect(replay.first).toBeGreaterThan(0);
    // Steps keep their numbers: the last step is the whole run's last step.
    expect(replay.length).toBe(whole.length);
    expect(replay.firstStep).toBe(whole.stepOfEvent(replay.first - 1) + 1);
  });

  it('gives, at every step of the window, the state of the whole run at that step', () => {
    const events = longTrace(2000);
    const replay = streamed(events);
    const whole = new Replay(events);
    for (const s of [replay.length - 1, replay.firstStep, replay.firstStep + 1, replay.length - 2, Math.floor((replay.firstStep + replay.length) / 2), replay.firstStep]) {
      expect(JSON.stringify(replay.stateAt(s)), `step ${s}`).toBe(JSON.stringify(whole.stateAt(s)));
      expect(replay.eventAt(s)).toEqual(whole.eventAt(s));
      expect(noteFor(replay, s)).toEqual(noteFor(whole, s));
    }
    expect(replay.stepAtTime(replay.endTime)).toBe(whole.stepAtTime(whole.endTime));
    expect(replay.nextIteration(replay.firstStep)).toBe(whole.nextIteration(replay.firstStep));
  });

  it('never drops the event of the step shown, nor a little before it', () => {
    const events = longTrace(3000);
    const pinned = 1000;
    const replay = streamed(events, () => pinned);
    expect(replay.first).toBeLessThanOrEqual(pinned - WINDOW / 4);
    expect(replay.event(pinned)).toBe(events[pinned]);
  });

  it('folds each event once: a step at the end of a long window costs no refold', () => {
    const events = longTrace(3000);
    const replay = new Replay([], WINDOW);
    replay.append(events);
    expect(replay.stateAt(replay.length - 1).count).toBeGreaterThan(events.length - CHECKPOINT_EVERY);
    expect(replay.stateAfter(replay.total)).toBe(replay.stateAfter(replay.total));
  });
});

describe('a state on a long run', () => {
  it('keeps a bounded number of output lines and timeline marks, the latest, while counting them all', async () => {
    const { KEPT } = await import('../../src/ui/state/reduce.js');
    const { toArray } = await import('../../src/ui/state/chain.js');
    const n = KEPT * 3;
    const state = foldEvents(longTrace(n));
    const lines = toArray(state.output);
    expect(state.output!.length).toBe(n);
    expect(lines.length).toBeLessThanOrEqual(2 * KEPT);
    expect(lines.length).toBeGreaterThanOrEqual(KEPT);
    expect(lines.at(-1)!.text).toBe(`line ${n}`);
    expect(lines.map((l) => Number(l.text.split(' ')[1]))).toEqual(Array.from({ length: lines.length }, (_, i) => n - lines.length + 1 + i));
    const marks = toArray(state.threadLanes[0]!.marks);
    expect(marks.length).toBeLessThanOrEqual(2 * KEPT);
    expect(state.threadLanes[0]!.marks!.length).toBeGreaterThan(2 * KEPT);
  });
});
