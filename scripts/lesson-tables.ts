// Rewrites the lesson tables of README.md and docs/lessons.md from the lesson folders (src/lessons).
//
//   npx tsx scripts/lesson-tables.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLessonFolders } from '../src/scenarios/folders.js';
import { lessonTable, withLessonTable } from '../src/scenarios/table.js';

const table = lessonTable((await loadLessonFolders()).map((l) => l.definition));
for (const doc of ['README.md', 'docs/lessons.md']) {
  const path = fileURLToPath(new URL(`../${doc}`, import.meta.url));
  const updated = withLessonTable(readFileSync(path, 'utf8'), table);
  if (updated === undefined) throw new Error(`${doc} has no lessons table markers`);
  writeFileSync(path, updated);
}
