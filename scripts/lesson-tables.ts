// Rewrites the generated tables of README.md and docs/lessons.md: the lessons (from the lesson
// folders, src/lessons) and, in the README, the steps each lesson takes at each level of detail.
//
//   npx tsx scripts/lesson-tables.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lessons } from '../src/scenarios/index.js';
import { loadLessonFolders } from '../src/scenarios/folders.js';
import { lessonTable, versionTable, withLessonTable, withSection } from '../src/scenarios/table.js';
import { STEPS_BEGIN, STEPS_END, stepTable } from '../src/ui/learner/step-table.js';

const folders = await loadLessonFolders();
const table = lessonTable(folders.map((l) => l.definition));
const versions = versionTable(folders);
const steps = stepTable(lessons);
for (const doc of ['README.md', 'docs/lessons.md']) {
  const path = fileURLToPath(new URL(`../${doc}`, import.meta.url));
  let updated = withLessonTable(readFileSync(path, 'utf8'), table);
  if (updated === undefined) throw new Error(`${doc} has no lessons table markers`);
  if (doc === 'README.md') {
    updated = withSection(updated, steps, STEPS_BEGIN, STEPS_END);
    if (updated === undefined) throw new Error(`${doc} has no steps table markers`);
  }
  const withVersions = withSection(updated, versions);
  if (withVersions === undefined) throw new Error(`${doc} has no lesson versions markers`);
  writeFileSync(path, withVersions);
}
