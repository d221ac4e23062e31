// The lessons, read from their folders: src/lessons/<NN>-<id>/ holds the article's program <id>.py
// (the only copy), corrected/<id>.py where there is one, variants/<variant>/<file>.py, the twin
// (twin.ts: the same program on the simulated process) and lesson.ts (what a person writes, see
// define.ts). NN orders the lessons as the article does; nothing else lists them.
//
// Python files are read as text at run time, from the lessons folder beside this module (src/ under
// tsx and vitest) or, from the bundle in dist/, from the package's src/ (which is published). The
// lesson modules are imported by a pattern esbuild resolves at build time, so the bundle holds them all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LessonDefinition } from './define.js';
import { lessonFrom } from './assemble.js';
import type { Lesson, PythonSource } from './types.js';

/** A lesson folder's name: its place in the article, then the lesson's id. */
const FOLDER = /^(\d+)-([a-z0-9-]+)$/;

/** The folder holding the lesson folders. */
export function lessonsRoot(): string {
  for (const candidate of ['../lessons/', '../src/lessons/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the lessons folder (src/lessons) is missing from this installation');
}

/** The lesson folders, in the article's order. */
export function lessonFolders(root = lessonsRoot()): { folder: string; id: string }[] {
  return readdirSync(root, { withFileTypes: true })
    .flatMap((entry) => {
      const m = entry.isDirectory() ? FOLDER.exec(entry.name) : null;
      return m ? [{ folder: entry.name, id: m[2]!, order: Number(m[1]) }] : [];
    })
    .sort((a, b) => a.order - b.order || a.folder.localeCompare(b.folder))
    .map(({ folder, id }) => ({ folder, id }));
}

/** The Python programs in one lesson folder. */
export interface LessonFiles {
  /** The article's program, `<id>.py`. */
  asWritten: PythonSource;
  /** `corrected/<id>.py`, when the lesson corrects the article's program. */
  corrected?: PythonSource;
  /** Each variant's program: the one `.py` file in `variants/<variant>/`, by variant id. */
  variants: Record<string, PythonSource>;
}

export function readLessonFiles(dir: string, id: string): LessonFiles {
  const read = (path: string, file: string): PythonSource => ({ file, text: readFileSync(`${dir}/${path}`, 'utf8') });
  const file = `${id}.py`;
  const files: LessonFiles = { asWritten: read(file, file), variants: {} };
  if (existsSync(`${dir}/corrected/${file}`)) files.corrected = read(`corrected/${file}`, file);
  if (existsSync(`${dir}/variants`)) {
    for (const variant of readdirSync(`${dir}/variants`).sort()) {
      const programs = readdirSync(`${dir}/variants/${variant}`).filter((f) => f.endsWith('.py'));
      if (programs.length !== 1) throw new Error(`lesson ${id}: variants/${variant}/ must hold exactly one .py file, found ${programs.length}`);
      files.variants[variant] = read(`variants/${variant}/${programs[0]}`, programs[0]!);
    }
  }
  return files;
}

/** What each lesson folder holds: its id, folder, what a person wrote and its programs. */
export async function loadLessonFolders(root = lessonsRoot()): Promise<{ id: string; folder: string; definition: LessonDefinition; files: LessonFiles }[]> {
  const found = [];
  for (const { folder, id } of lessonFolders(root)) {
    const module = (await import(`../lessons/${folder}/lesson.ts`)) as { default: LessonDefinition };
    found.push({ id, folder, definition: module.default, files: readLessonFiles(`${root}/${folder}`, id) });
  }
  return found;
}

/** Every lesson, from its folder. */
export async function loadLessons(root = lessonsRoot()): Promise<Lesson[]> {
  return (await loadLessonFolders(root)).map(({ id, definition, files }) => lessonFrom(id, definition, files));
}
