// Rewrites the generated tables of README.md and docs/lessons.md: the lessons (from the lesson
// folders, src/lessons) and, in the README, the steps each lesson takes at each level of detail.
//
//   npx tsx scripts/lesson-tables.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lessons } from '../src/scenarios/index.js';
import { loadLessonFolders } from '../src/scenarios/folders.js';
import { lessonTable, withLessonTable } from '../src/scenarios/table.js';
import { STEPS_BEGIN, STEPS_END, stepTable } from '../src/ui/learner/step-table.js';

const table = lessonTable((await loadLessonFolders()).map((l) => l.definition));
const steps = stepTable(lessons);
for (const doc of ['README.md', 'docs/lessons.md']) {
  const path = fileURLToPath(new URL(`../${doc}`, import.meta.url));
  let updated = withLessonTable(readFileSync(path, 'utf8'), table);
  if (updated === undefined) throw new Error(`${doc} has no lessons table markers`);
  if (doc === 'README.md') {
    updated = withLessonTable(updated, steps, { begin: STEPS_BEGIN, end: STEPS_END });
    if (updated === undefined) throw new Error(`${doc} has no steps table markers`);
  }
  writeFileSync(path, updated);
}
