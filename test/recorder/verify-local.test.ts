// Every single-thread lesson's programs, recorded on the local python3 (3.11), give the simulation's
// trace (set to 3.11) event by event, in virtual time: `asyncio-lab verify <lesson> --interpreter
// python3` passes.
// (The thread lessons, in real time: verify-threads.test.ts.)
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { needsThreads, verifyLesson } from '../../src/recorder/verify-lesson.js';
import { describeDifferences } from '../../src/recorder/compare-traces.js';
import { localEngine } from './local-engine.js';

const engine = localEngine();

describe('verify on the local python3', () => {
  for (const lesson of lessons.filter((l) => !needsThreads(l, '3.11'))) {
    it(`${lesson.id}: every program's recording is the simulation's trace`, () => {
      for (const verdict of verifyLesson(lesson, engine)) {
        expect({ program: verdict.program, error: verdict.error, differences: describeDifferences(verdict.differences) }).toEqual({ program: verdict.program, error: undefined, differences: '' });
      }
    }, 120_000);
  }
});
