// docs/lessons.md's table of where the article's programs still run is the simulation's own answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { articleRunsOn, versionSpan } from '../../src/scenarios/python-versions.js';

describe('docs/lessons.md, on each Python version', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/lessons.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| ([a-z-]+) \| (3\.1\d[–,0-9. ]*) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));

  it('has a row for every lesson', () => {
    expect([...rows.keys()].sort()).toEqual(lessons.map((l) => l.id).sort());
  });

  for (const lesson of lessons) {
    it(`says on which versions ${lesson.id} runs as written, as the simulation finds`, () => {
      expect(rows.get(lesson.id)).toBe(versionSpan(articleRunsOn(lesson)));
    });
  }
});
