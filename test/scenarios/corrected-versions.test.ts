// Each lesson's corrected program runs on every Python version the lab offers: it ends as on 3.11
// and prints no warning or error, where the article's program, as written, warns (3.12, 3.13) or
// stops (3.14, 3.15). That each version's simulation is that CPython's is test/oracle's and the
// recordings' business; this says the corrections do what their explanations claim.
import { describe, expect, it } from 'vitest';
import { PYTHON_VERSIONS } from '../../src/runtime/python-version.js';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson, RunResult } from '../../src/scenarios/types.js';

function run(lesson: Lesson, asWritten: boolean, python: (typeof PYTHON_VERSIONS)[number]): RunResult {
  return lesson.run({ asWritten, debug: false, interrupts: [], until: lesson.defaultUntil, python });
}

function stderr(result: RunResult): string[] {
  return result.events.flatMap((e) => (e.type === 'output' && e.stream === 'stderr' ? [e.text] : []));
}

describe('the corrected programs on every Python version', () => {
  for (const lesson of lessons.filter((l) => l.corrected)) {
    it(`${lesson.id}: ends as on 3.11, with nothing on stderr that 3.11 does not print`, () => {
      const reference = run(lesson, false, '3.11');
      for (const python of PYTHON_VERSIONS) {
        const result = run(lesson, false, python);
        expect(result.end, python).toEqual(reference.end);
        expect(stderr(result), python).toEqual(stderr(reference).map((line) => line.replaceAll('python3.11', `python${python}`)));
      }
    });
  }

  it('are there for every lesson whose program, as written, warns or fails on some version', () => {
    const affected = lessons.filter((l) => PYTHON_VERSIONS.some((v) => stderr(run(l, true, v)).length > stderr(run(l, true, '3.11')).length));
    expect(affected.map((l) => l.id)).toEqual(['call-soon', 'call-later', 'call-at', 'future', 'stop-wait', 'stop-nested', 'threads-pool']);
    for (const lesson of affected) expect(lesson.corrected, lesson.id).toBeDefined();
    for (const lesson of affected) expect(lesson.asWrittenOn, lesson.id).toBeDefined();
  });
});
