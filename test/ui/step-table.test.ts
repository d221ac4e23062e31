// The README's table of steps per lesson at each level is the one the lessons make now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { withSection } from '../../src/scenarios/table.js';
import { STEPS_BEGIN, STEPS_END, stepTable } from '../../src/ui/learner/step-table.js';

describe('the steps table', () => {
  it('in README.md is current (npx tsx scripts/lesson-tables.ts rewrites it)', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const table = stepTable(lessons);
    expect(withSection(readme, table, STEPS_BEGIN, STEPS_END), 'README.md: run npx tsx scripts/lesson-tables.ts').toBe(readme);
  });

  it('has a row per program with fewer learner steps than exact ones', () => {
    const rows = stepTable(lessons).split('\n').filter((l) => l.startsWith('| `asyncio-lab'));
    expect(rows.length).toBeGreaterThanOrEqual(lessons.length);
    for (const row of rows) {
      const [, , events, exact, learner] = row.split('|').map((c) => c.trim());
      expect(Number(learner), row).toBeLessThan(Number(exact));
      expect(Number(exact), row).toBeLessThan(Number(events));
    }
  });
});
