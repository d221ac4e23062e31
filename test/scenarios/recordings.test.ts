// Each lesson, run on the simulated process with the options a CPython recording was made with,
// prints what CPython printed: the same lines on stdout and on stderr, in the same order (up to the
// normalizations in normalize.ts and the races the simulation marks), and the same exit status.
import { describe, expect, it } from 'vitest';
import { findLessonById } from '../../src/scenarios/index.js';
import type { RunOptions, RunResult } from '../../src/scenarios/types.js';
import { compareLines, type PrintedLine } from './compare.js';
import { distinctHidden } from './normalize.js';
import { loadHangRecordings, loadRecordings, streamLines, type Recording } from './recordings.js';

function runRecorded(recording: Recording): RunResult {
  const lesson = findLessonById(recording.lesson);
  if (lesson === undefined) throw new Error(`no lesson ${recording.lesson}`);
  const options: RunOptions = {
    asWritten: recording.program === 'as-written',
    debug: recording.dev,
    interrupts: recording.interrupts,
    // A killed recording hung: the simulation must still be running when CPython was killed. Otherwise
    // well past the recorded end: a simulated run that went on longer would show it.
    until: recording.end.kind === 'killed' ? recording.end.t : recording.end.t + 30,
  };
  if (recording.program.startsWith('variant:')) {
    const id = recording.program.slice('variant:'.length);
    const variant = lesson.variants.find((v) => v.id === id);
    if (variant === undefined) throw new Error(`no variant ${id} of ${lesson.id}`);
    return variant.run(options);
  }
  return lesson.run(options);
}

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
