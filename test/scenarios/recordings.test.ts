// Each lesson, run on the simulated process with the options a CPython recording was made with,
// prints what CPython printed: the same lines on stdout and on stderr, in the same order (up to the
// normalizations in normalize.ts and the races the simulation marks), and the same exit status.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/scenarios/types.js';
import { compareLines, type PrintedLine } from './compare.js';
import { distinctHidden } from './normalize.js';
import { loadHangRecordings, loadRecordings, streamLines } from './recordings.js';
import { runRecorded } from './run-recorded.js';

function printed(result: RunResult, stream: 'stdout' | 'stderr'): PrintedLine[] {
  return result.events.flatMap((e) => (e.type === 'output' && e.stream === stream ? [{ text: e.text, race: e.race, instant: e.instant }] : []));
}

/** CPython re-raises an uncaught KeyboardInterrupt as death by SIGINT: -2 to Python's subprocess, 130 to a shell. */
function sameStatus(recorded: number, simulated: number): boolean {
  return recorded === simulated || (recorded === -2 && simulated === 130);
}

describe.each([...loadRecordings(), ...loadHangRecordings()].map((r) => [r.name, r] as const))('%s', (_name, recording) => {
  const result = runRecorded(recording);

  it.each(['stdout', 'stderr'] as const)('prints on %s what CPython printed', (stream) => {
    const comparison = compareLines(printed(result, stream), streamLines(recording, stream));
    expect(comparison).toEqual({ ok: true });
  });

  it('prints as many distinct ids, idents and dates as CPython did', () => {
    const simulated = result.events.flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : []));
    expect(distinctHidden(simulated)).toEqual(distinctHidden(streamLines(recording, 'stdout')));
  });

  it(recording.end.kind === 'exit' ? 'exits with the status CPython exited with' : 'is still running where CPython hung', () => {
    if (recording.end.kind === 'killed') {
      expect(result.end).toEqual({ kind: 'until', t: recording.end.t });
      return;
    }
    expect(result.end.kind).toBe('exit');
    if (result.end.kind === 'exit') expect(sameStatus(recording.end.status, result.end.status)).toBe(true);
  });
});
