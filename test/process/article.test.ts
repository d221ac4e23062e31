// The article's thread programs, as their lessons run them (each lesson folder's twin, the only
// simulated copy), against CPython 3.11's recordings of the same programs (test/recordings, made by
// scripts/record-lessons.py with Ctrl+C at the recorded moments): beyond the printed lines that every
// recording is compared on (test/scenarios), what each thread program is about.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/scenarios/types.js';
import { compareLines } from '../scenarios/compare.js';
import { normalizeLine } from '../scenarios/normalize.js';
import { loadRecordings, streamLines, type Recording } from '../scenarios/recordings.js';
import { runRecorded } from '../scenarios/run-recorded.js';
import { printed, status, texts } from './simulated.js';

const recordings = new Map(loadRecordings().map((r) => [r.name, r]));

function recording(name: string): Recording {
  const found = recordings.get(name);
  if (found === undefined) throw new Error(`no recording ${name}`);
  return found;
}

function expectSameOutput(sim: RunResult, rec: Recording, streams: ('stdout' | 'stderr')[] = ['stdout', 'stderr']): void {
  for (const stream of streams) {
    expect(compareLines(printed(sim, stream), streamLines(rec, stream)), `${stream} of ${rec.name}:\n${texts(sim, stream).join('\n')}`).toEqual({ ok: true });
  }
  expect(status(sim)).toBe(rec.end.kind === 'exit' ? rec.end.status : undefined);
}

describe("the article's thread programs (the lessons' twins) on the simulated process, against CPython's recordings", () => {
  it('threads-threadsafe: callbacks run one after the other on the loop thread, then exit hangs until Ctrl+C', () => {
    const rec = recording('threads-threadsafe.ctrl-c');
    const sim = runRecorded(rec);
    expectSameOutput(sim, rec);
    expect(sim.events.filter((e) => e.type === 'shutdown').map((e) => (e.type === 'shutdown' ? e.phase : ''))).toEqual(['begin', 'joining', 'hang', 'daemons_killed', 'done']);
  });

  it('threads-threadsafe in dev mode: the slow callbacks are reported as CPython reports them', () => {
    const rec = recording('threads-threadsafe.dev.ctrl-c');
    expectSameOutput(runRecorded(rec), rec);
  });

  it('threads-coroutine: both coroutines run concurrently on the loop thread; result() blocks the main thread', () => {
    const rec = recording('threads-coroutine.ctrl-c');
    expectSameOutput(runRecorded(rec), rec);
  });

  it('threads-queue: q.get() blocks the main thread; Ctrl+C there, then Ctrl+C again in the shutdown hang', () => {
    const rec = recording('threads-queue.as-written.ctrl-c');
    expectSameOutput(runRecorded(rec), rec);
  });

  it('threads-queue in dev mode: currentThread() deprecation warnings at the lines that call it', () => {
    const rec = recording('threads-queue.as-written.dev.ctrl-c');
    expectSameOutput(runRecorded(rec), rec);
  });

  it('threads-daemon: Ctrl+C in time.sleep; stop() takes effect when the next timer wakes the loop; pending tasks destroyed', () => {
    const rec = recording('threads-daemon.as-written.ctrl-c');
    const sim = runRecorded(rec);
    expectSameOutput(sim, rec, ['stdout']);
    // Which tasks are left pending is CPython's; the order garbage collection reports them in is not
    // stable from run to run (nor is whether a timer due at the same instant had fired).
    const destroyed = (lines: string[]) => lines.filter((l) => l.startsWith('task: ')).map((l) => /name='(Task-\d+)'/.exec(l)?.[1]).sort();
    expect(destroyed(texts(sim, 'stderr'))).toEqual(destroyed(streamLines(rec, 'stderr')));
    expect(texts(sim, 'stderr').filter((l) => l === 'Task was destroyed but it is pending!').length).toBe(3);
  });

  it('threads-daemon corrected: call_soon_threadsafe(loop.stop) stops the loop at once; its pending tasks are destroyed', () => {
    const rec = recording('threads-daemon.ctrl-c');
    const sim = runRecorded(rec);
    expectSameOutput(sim, rec, ['stdout']);
    const destroyed = (lines: string[]) => lines.filter((l) => l.startsWith('task: ')).map(normalizeLine).sort();
    expect(destroyed(texts(sim, 'stderr'))).toEqual(destroyed(streamLines(rec, 'stderr')));
    const exit = sim.events.find((e) => e.type === 'exit');
    // At once: at the Ctrl+C instant, the clock only a few 1 µs ticks later.
    expect(exit!.t).toBeCloseTo(4.5, 4);
  });

  it('threads-daemon with t.daemon = True: the process exits at once and the daemon thread, still running its loop, is frozen', () => {
    const rec = recording('threads-daemon.daemon.ctrl-c');
    const sim = runRecorded(rec);
    expectSameOutput(sim, rec);
    expect(sim.events.some((e) => e.type === 'shutdown' && e.phase === 'daemons_killed')).toBe(true);
  });

  it('threads-pool: a worker thread and the main thread each run their own loop at the same time', () => {
    const rec = recording('threads-pool');
    const sim = runRecorded(rec);
    expectSameOutput(sim, rec);
    const ids = texts(sim, 'stdout').flatMap((l) => /on loop:(\d+)/.exec(l)?.[1] ?? []);
    expect(new Set(ids).size).toBe(2);
  });

  it('threads-pool in dev mode: an unclosed event loop is reported at exit', () => {
    const rec = recording('threads-pool.dev');
    expectSameOutput(runRecorded(rec), rec);
  });

  it('normalizes the recordings the way the comparison expects', () => {
    expect(normalizeLine('  File "/tmp/tmpx/threads-queue.py", line 32, in <module>')).toBe('  File "threads-queue.py", line 32, in <module>');
  });
});
