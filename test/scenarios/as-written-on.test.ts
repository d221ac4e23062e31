// What a lesson's intro says the article's program does on the chosen Python version is what that
// version's run prints: every quoted message is on stderr, "line N" is where the traceback stops,
// "exit status N" is how it exits, and "runs" means it ends as on 3.11. The runs themselves are
// each version's CPython (test/oracle and the recordings compare them), so the words are too.
// Thread lessons show their version differences under Ctrl+C and -X dev: a quoted message may come
// from any of the lesson's documented runs (its recordings' Ctrl+C moments and dev runs) on that
// version, and what the intro quotes for 3.11 is in python3's recordings of the lesson too.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_VERSIONS, type PythonVersion } from '../../src/runtime/python-version.js';
import { atVersion } from '../../src/scenarios/by-version.js';
import { loadLessonFolders } from '../../src/scenarios/folders.js';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson } from '../../src/scenarios/types.js';

const definitions = new Map((await loadLessonFolders()).map((f) => [f.id, f.definition]));
const RECORDINGS = join(import.meta.dirname, '..', 'recordings');

function stderrOf(lesson: Lesson, python: PythonVersion, start: { interrupts?: readonly number[]; dev?: boolean } = {}) {
  const result = lesson.run({ asWritten: true, debug: start.dev ?? false, interrupts: [...(start.interrupts ?? [])], until: lesson.defaultUntil, python });
  const stderr = result.events.flatMap((e) => (e.type === 'output' && e.stream === 'stderr' ? [e.text] : [])).join('');
  return { end: result.end, stderr };
}

/** stderr of the article's program in each documented run (Ctrl+C moments, -X dev) on `python`. */
function documentedStderr(lesson: Lesson, python: PythonVersion): string {
  const runs = (definitions.get(lesson.id)?.recordings ?? []).filter((r) => r.program === 'as-written' && ((r.interrupts ?? []).length > 0 || r.dev));
  return runs.map((r) => stderrOf(lesson, python, r).stderr).join('\n');
}

/** stderr of python3 3.11's recordings of the lesson (test/recordings/<id>*.json). */
function recordedStderr(id: string): string {
  return readdirSync(RECORDINGS)
    .filter((name) => name === `${id}.json` || name.startsWith(`${id}.`))
    .flatMap((name) => (JSON.parse(readFileSync(join(RECORDINGS, name), 'utf8')) as { lines: { stream: string; text: string }[] }).lines)
    .flatMap((l) => (l.stream === 'stderr' ? [l.text] : []))
    .join('\n');
}

describe("the intro's words on what the article's program does on each version", () => {
  for (const lesson of lessons.filter((l) => l.asWrittenOn)) {
    it(`${lesson.id}: are what each version's run prints and how it ends`, () => {
      const reference = stderrOf(lesson, '3.11');
      for (const python of PYTHON_VERSIONS) {
        const says = atVersion(lesson.asWrittenOn!, python).en;
        const run = stderrOf(lesson, python);
        const printed = `${run.stderr}\n${documentedStderr(lesson, python)}`;
        for (const [, quoted] of says.matchAll(/"([^"]+)"/g)) {
          expect(printed, `${python}: ${quoted}`).toContain(quoted);
          if (python === '3.11') expect(recordedStderr(lesson.id), `python3 3.11's recordings: ${quoted}`).toContain(quoted);
        }
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

  // Threads cannot run on Pyodide: a thread lesson's intro says, version by version, whether its
  // words were checked by running (python3 3.11) or read from the sources (3.12 on).
  for (const lesson of lessons.filter((l) => l.id.startsWith('threads-') && l.id !== 'threads-pool')) {
    it(`${lesson.id}: says which versions are run and which are read`, () => {
      expect(lesson.asWrittenOn, 'a per-version intro').toBeDefined();
      for (const python of PYTHON_VERSIONS) {
        const says = atVersion(lesson.asWrittenOn!, python);
        if (python === '3.11') expect([says.en, says.zh]).toEqual([expect.stringContaining('checked by running'), expect.stringContaining('实际运行检查过')]);
        else expect([says.en, says.zh]).toEqual([expect.stringContaining('read from'), expect.stringContaining('源码')]);
      }
    });
  }
});
