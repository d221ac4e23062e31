// The source pointer is CPython's: for every recording (lesson, variant, as written or corrected,
// each documented Ctrl+C), the simulated run's `line` events, thread by thread, are the sequence
// the recording script took with sys.settrace on real python3 (src/recorder/pointer.py).
import { describe, expect, it } from 'vitest';
import { comparablePointers, relaxedThreads } from './pointer.js';
import { loadHangRecordings, loadRecordings } from './recordings.js';
import { runRecorded } from './run-recorded.js';

/**
 * threads daemon's loop thread: each `asyncio.sleep(1)` of task 1 falls due in the same
 * microseconds as the main thread's `time.sleep(1)` ends and schedules the next coroutines, so the
 * recorded order of the loop thread's visits is one draw of a race.
 */
const RELAXED = [
  'threads-daemon.as-written.ctrl-c: Thread-1 (start_loop)',
  'threads-daemon.ctrl-c: Thread-1 (start_loop)',
  'threads-daemon.daemon.ctrl-c: Thread-1 (start_loop)',
  'threads-daemon: Thread-1 (start_loop)',
];

const recordings = [...loadRecordings(), ...loadHangRecordings()];

describe.each(recordings.map((r) => [r.name, r] as const))('%s', (_name, recording) => {
  it("moves each thread's pointer through the lines CPython's did (a racing thread: up to the order of its whole visits)", () => {
    const [simulated, recorded] = comparablePointers(runRecorded(recording).events, recording);
    expect(simulated).toEqual(recorded);
  });
});

describe('the relaxed comparison', () => {
  // Where real CPython's order is itself a microsecond race, a racing thread is compared up to the
  // order of its visits. This lists every such thread, so the relaxation cannot spread unnoticed.
  it('applies only to the threads whose recorded order is a race the simulation marks', () => {
    const relaxed = recordings.flatMap((recording) => relaxedThreads(runRecorded(recording).events, recording).map((thread) => `${recording.name}: ${thread}`));
    expect(relaxed).toEqual(RELAXED);
  });
});
