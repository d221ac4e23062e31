// Rewrites the lesson tables of README.md and docs/lessons.md from the lesson folders (src/lessons).
//
//   npx tsx scripts/lesson-tables.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLessonFolders } from '../src/scenarios/folders.js';
import { lessonTable, versionTable, withLessonTable, withSection } from '../src/scenarios/table.js';

const folders = await loadLessonFolders();
const table = lessonTable(folders.map((l) => l.definition));
const versions = versionTable(folders);
for (const doc of ['README.md', 'docs/lessons.md']) {
  const path = fileURLToPath(new URL(`../${doc}`, import.meta.url));
  const updated = withLessonTable(readFileSync(path, 'utf8'), table);
  if (updated === undefined) throw new Error(`${doc} has no lessons table markers`);
  const withVersions = withSection(updated, versions);
  if (withVersions === undefined) throw new Error(`${doc} has no lesson versions markers`);
  writeFileSync(path, withVersions);
}
