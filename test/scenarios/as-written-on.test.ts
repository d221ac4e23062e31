// What a lesson's intro says the article's program does on the chosen Python version is what that
// version's run prints: every quoted message is on stderr, "line N" is where the traceback stops,
// "exit status N" is how it exits, and "runs" means it ends as on 3.11. The runs themselves are
// each version's CPython (test/oracle and the recordings compare them), so the words are too.
import { describe, expect, it } from 'vitest';
import { PYTHON_VERSIONS } from '../../src/runtime/python-version.js';
import { atVersion } from '../../src/scenarios/by-version.js';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson } from '../../src/scenarios/types.js';

function asWritten(lesson: Lesson, python: (typeof PYTHON_VERSIONS)[number]) {
  const result = lesson.run({ asWritten: true, debug: false, interrupts: [], until: lesson.defaultUntil, python });
  const stderr = result.events.flatMap((e) => (e.type === 'output' && e.stream === 'stderr' ? [e.text] : [])).join('');
  return { end: result.end, stderr };
}

describe("the intro's words on what the article's program does on each version", () => {
  for (const lesson of lessons.filter((l) => l.asWrittenOn)) {
    it(`${lesson.id}: are what each version's run prints and how it ends`, () => {
      const reference = asWritten(lesson, '3.11');
      for (const python of PYTHON_VERSIONS) {
        const says = atVersion(lesson.asWrittenOn!, python).en;
        const run = asWritten(lesson, python);
        for (const [, quoted] of says.matchAll(/"([^"]+)"/g)) expect(run.stderr, `${python}: ${quoted}`).toContain(quoted);
        const stops = /Stops at line (\d+)/.exec(says);
        if (stops) {
          const programFrames = run.stderr.split('\n').filter((l) => l.includes(`${lesson.asWritten.file}", line`));
          expect(programFrames.at(-1), `${python}: the traceback's last frame in the program`).toContain(`line ${stops[1]},`);
        }
        const status = /exit status (\d+)/.exec(says);
        if (status) expect(run.end, python).toEqual({ kind: 'exit', status: Number(status[1]) });
        if (/^Runs /.test(says)) expect(run.end, `${python}: ends as on 3.11`).toEqual(reference.end);
        expect(stops !== null || /^Runs /.test(says), `${python}: says whether it runs or where it stops`).toBe(true);
      }
    });
  }
});
