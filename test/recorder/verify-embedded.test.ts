// Every single-thread lesson's programs, recorded on the embedded CPython 3.14 (Pyodide), give the
// simulation's trace (set to 3.14) event by event: `asyncio-lab verify <lesson>` passes.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { needsThreads, verifyLesson } from '../../src/recorder/verify-lesson.js';
import { describeDifferences } from '../../src/recorder/compare-traces.js';

const singleThread = lessons.filter((lesson) => !needsThreads(lesson, '3.14'));

describe('verify on the embedded Python 3.14', () => {
  it('covers the single-thread lessons', () => {
    expect(singleThread.map((l) => l.id)).toEqual(['call-soon', 'call-later', 'call-at', 'future', 'stop-wait', 'stop-nested']);
  });

  for (const lesson of singleThread) {
    it(`${lesson.id}: every program's recording is the simulation's trace`, () => {
      for (const verdict of verifyLesson(lesson, { kind: 'embedded', version: '3.14' })) {
        expect({ program: verdict.program, error: verdict.error, differences: describeDifferences(verdict.differences) }).toEqual({ program: verdict.program, error: undefined, differences: '' });
      }
    }, 120_000);
  }
});
