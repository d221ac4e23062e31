// The source pointer is CPython's: for every recording (lesson, variant, as written or corrected,
// each documented Ctrl+C), the simulated run's `line` events, thread by thread, are the sequence
// the recording script took with sys.settrace on real python3 (src/recorder/pointer.py).
import { describe, expect, it } from 'vitest';
import { comparablePointers } from './pointer.js';
import { loadHangRecordings, loadRecordings } from './recordings.js';
import { runRecorded } from './run-recorded.js';

describe.each([...loadRecordings(), ...loadHangRecordings()].map((r) => [r.name, r] as const))('%s', (_name, recording) => {
  it("moves each thread's pointer through the lines CPython's did", () => {
    const [simulated, recorded] = comparablePointers(runRecorded(recording).events, recording);
    expect(simulated).toEqual(recorded);
  });
});
