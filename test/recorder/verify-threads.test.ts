// Every thread lesson's programs (as written, corrected, variants), recorded on the local python3
// (3.11) in real time, give the simulation's trace (set to 3.11) thread by thread, in order, times
// aside, up to the races the simulation marks: `asyncio-lab verify <thread lesson> --interpreter
// python3` passes. And it fails on an edited program or a simulation that does something else.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson, RunOptions } from '../../src/scenarios/types.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { needsThreads, verifyLesson } from '../../src/recorder/verify-lesson.js';
import { describeDifferences } from '../../src/recorder/compare-traces.js';
import { cli } from '../cli/harness.js';
import { localEngine } from './local-engine.js';

const threadLessons = lessons.filter((lesson) => needsThreads(lesson, '3.11'));
/** Wall seconds: each program runs in real time, up to its lesson's horizon (6 to 12 s). */
const WALL = 120_000;

describe('verify on the local python3, thread lessons in real time', () => {
  it('covers the thread lessons', () => {
    expect(threadLessons.map((l) => l.id)).toEqual(['threads-threadsafe', 'threads-coroutine', 'threads-pool', 'threads-queue', 'threads-daemon']);
  });

  for (const lesson of threadLessons) {
    it(`${lesson.id}: every program's recording is the simulation's trace, thread by thread`, () => {
      for (const verdict of verifyLesson(lesson, localEngine())) {
        expect(verdict.realTime).toBe(true);
        expect({ program: verdict.program, error: verdict.error, differences: describeDifferences(verdict.differences) }).toEqual({ program: verdict.program, error: undefined, differences: '' });
      }
    }, WALL);
  }
});

describe('asyncio-lab verify on a thread lesson', () => {
  const coroutine = lessons.find((l) => l.id === 'threads-coroutine')!;

  it('fails on a program edited after its simulation was written, naming the thread', async () => {
    const text = coroutine.asWritten.text.replace("print('Finished more work {}'.format(x))", "print('Done {}'.format(x))");
    expect(text).not.toBe(coroutine.asWritten.text);
    const edited: Lesson = { ...coroutine, asWritten: { ...coroutine.asWritten, text } };
    const run = await cli(['verify', 'threads-coroutine', '--interpreter', 'python3'], { lessons: [edited] });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('threads-coroutine as-written: differs from the simulation on CPython 3.11');
    expect(run.stdout).toContain('at thread Thread-1 (start_loop)');
    expect(run.stdout).toMatch(/- simulation: Thread-1 \(start_loop\) output \{"stream":"stdout","text":"Finished more work 3"\}/);
    expect(run.stdout).toMatch(/\+ recorder: {3}Thread-1 \(start_loop\) output \{"stream":"stdout","text":"Done 3"\}/);
    expect(run.stdout).not.toContain('at thread MainThread');
  }, WALL);

  it('fails on a simulation whose loop thread skips a step the real one takes', async () => {
    // The loop thread's timer for sleep(3) never fires in this simulation: its task is never woken.
    const skips = (events: TraceEvent[]) => {
      const timer = events.find((e) => e.type === 'timer_ready' && e.thread === 'Thread-1 (start_loop)');
      return events.filter((e) => e !== timer);
    };
    const perturbed: Lesson = { ...coroutine, run: (options: RunOptions) => {
      const result = coroutine.run(options);
      return { ...result, events: skips(result.events) };
    } };
    const run = await cli(['verify', 'threads-coroutine', '--interpreter', 'python3'], { lessons: [perturbed] });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('at thread Thread-1 (start_loop)');
    expect(run.stdout).toMatch(/\+ recorder: {3}Thread-1 \(start_loop\) timer_ready \{"loop":1,"handle":\d+,"lastTo":0\}/);
  }, WALL);
});
