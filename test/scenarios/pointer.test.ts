// The source pointer is CPython's: for every recording (lesson, variant, as written or corrected,
// each documented Ctrl+C), the simulated run's `line` events, thread by thread, are the sequence
// the recording script took with sys.settrace on real python3 (src/recorder/pointer.py).
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { loadHangRecordings, loadRecordings } from './recordings.js';
import { runRecorded } from './run-recorded.js';

/** Each thread's pointer moves, from a run's `line` events. */
function pointerByThread(events: readonly TraceEvent[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const event of events) if (event.type === 'line') (out[event.thread] ??= []).push(event.line);
  return out;
}

/** Each move of a sequence (from, to), counted: what a reordering of whole visits keeps. */
function moves(lines: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i < lines.length; i++) out[`${lines[i - 1]}→${lines[i]}`] = (out[`${lines[i - 1]}→${lines[i]}`] ?? 0) + 1;
  return out;
}

describe.each([...loadRecordings(), ...loadHangRecordings()].map((r) => [r.name, r] as const))('%s', (_name, recording) => {
  const result = runRecorded(recording);
  const simulated = pointerByThread(result.events);
  // A thread that prints in a race the simulation marks (events at one virtual instant that real
  // time spreads over microseconds, in either order) may take its visits in another order there.
  const racing = new Set(result.events.filter((e) => e.race === true).map((e) => e.thread));

  it.each(Object.keys(recording.pointer).map((thread) => [thread] as const))("moves %s's pointer through the lines CPython's did", (thread) => {
    if (!racing.has(thread)) {
      expect(simulated[thread]).toEqual(recording.pointer[thread]);
      return;
    }
    const [ours, theirs] = [simulated[thread] ?? [], recording.pointer[thread]!];
    expect({ first: ours[0], last: ours.at(-1), moves: moves(ours) }).toEqual({ first: theirs[0], last: theirs.at(-1), moves: moves(theirs) });
  });

  it('has a pointer only in the threads CPython had one in', () => {
    expect(Object.keys(simulated).sort()).toEqual(Object.keys(recording.pointer).sort());
  });
});
