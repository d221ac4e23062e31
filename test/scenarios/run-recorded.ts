// Runs a recording's program on the simulated process with the options the recording was made with.
import { findLessonById } from '../../src/scenarios/index.js';
import type { RunOptions, RunResult } from '../../src/scenarios/types.js';
import { recordedPython, type Recording } from './recordings.js';

export function runRecorded(recording: Recording): RunResult {
  const lesson = findLessonById(recording.lesson);
  if (lesson === undefined) throw new Error(`no lesson ${recording.lesson}`);
  const options: RunOptions = {
    asWritten: recording.program === 'as-written',
    debug: recording.dev,
    interrupts: recording.interrupts,
    // A killed recording hung: the simulation must still be running when CPython was killed. Otherwise
    // well past the recorded end: a simulated run that went on longer would show it.
    until: recording.end.kind === 'killed' ? recording.end.t : recording.end.t + 30,
    python: recordedPython(recording),
  };
  if (recording.program.startsWith('variant:')) {
    const id = recording.program.slice('variant:'.length);
    const variant = lesson.variants.find((v) => v.id === id);
    if (variant === undefined) throw new Error(`no variant ${id} of ${lesson.id}`);
    return variant.run(options);
  }
  return lesson.run(options);
}
