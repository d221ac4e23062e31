// Prints, as JSON, what scripts/record-lessons.py records: every recording the lesson folders declare
// (src/lessons/*/lesson.ts), with the program file it runs (repository-relative) and the file name
// CPython shows. The lessons are listed nowhere else.
//
//   npx tsx scripts/lessons-manifest.ts
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLessonFolders, lessonsRoot } from '../src/scenarios/folders.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = lessonsRoot();
const recordings = [];
for (const { id, folder, definition, files } of await loadLessonFolders(root)) {
  for (const r of definition.recordings) {
    const variant = r.program.startsWith('variant:') ? r.program.slice('variant:'.length) : undefined;
    const source = variant !== undefined ? files.variants[variant] : r.program === 'corrected' ? files.corrected : files.asWritten;
    if (source === undefined) throw new Error(`lesson ${id}: recording '${r.name}' runs ${r.program}, which the folder does not hold`);
    const path = variant !== undefined ? `variants/${variant}/${source.file}` : r.program === 'corrected' ? `corrected/${source.file}` : source.file;
    recordings.push({
      name: r.name === '' ? id : `${id}.${r.name}`,
      lesson: id,
      program: r.program,
      path: relative(repo, `${root}/${folder}/${path}`),
      file: source.file,
      dev: r.dev ?? false,
      interrupts: r.interrupts ?? [],
      killAfter: r.killAfter,
      ...(r.accept === undefined ? {} : { accept: r.accept }),
    });
  }
}
process.stdout.write(JSON.stringify({ recordings }, null, 1) + '\n');
