// The lessons' data: the programs are the article's, corrections are explained line by line, and
// everything a learner reads exists in both languages.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonFolders, lessonFolders, lessonsRoot } from '../../src/scenarios/folders.js';
import { findLesson, lessons } from '../../src/scenarios/index.js';
import { lessonTable, versionTable, withLessonTable, withSection } from '../../src/scenarios/table.js';
import type { Bilingual, Lesson } from '../../src/scenarios/types.js';
import { PYTHON_VERSIONS } from '../../src/runtime/python-version.js';
import { atVersion, versionedText } from '../../src/scenarios/by-version.js';
import { recordingsDir } from './recordings.js';

const read = (path: string) => readFileSync(path, 'utf8');

/** Each lesson's folder. */
const folderOf = new Map(lessonFolders().map(({ folder, id }) => [id, join(lessonsRoot(), folder)]));
/** The article's programs, where a checkout has the article beside it (../shared). */
const articleDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'article', 'programs');
/**
 * The SHA-256 of each of the article's programs (`sha256sum` format), taken from the article: the
 * byte-for-byte check holds in a checkout without the article beside it too.
 */
const articleFingerprints = new Map(
  read(join(import.meta.dirname, 'article-programs.sha256'))
    .trim()
    .split('\n')
    .map((line) => {
      const [hash, file] = line.split(/ +/);
      return [file!, hash!] as const;
    }),
);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');


function texts(lesson: Lesson): Bilingual[] {
  return [
    lesson.title,
    lesson.explanation,
    ...lesson.errata,
    ...lesson.interrupts.map((m) => m.what),
    ...(lesson.corrected?.changes.flatMap((c) => PYTHON_VERSIONS.map((v) => versionedText(c.why, v))) ?? []),
    ...(lesson.asWrittenOn ? PYTHON_VERSIONS.map((v) => atVersion(lesson.asWrittenOn!, v)) : []),
    ...lesson.variants.flatMap((v) => [v.title, v.explanation]),
  ];
}

describe('the lessons', () => {
  it('are the article\'s eleven programs, in the article\'s order, under the documented commands', () => {
    expect(lessons.map((l) => [l.command, l.part].filter(Boolean).join(' '))).toEqual([
      'call-soon', 'call-later', 'call-at', 'future', 'stop wait', 'stop nested',
      'threads threadsafe', 'threads coroutine', 'threads pool', 'threads queue', 'threads daemon',
    ]);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(11);
    expect(findLesson('stop')?.id).toBe('stop-wait');
    expect(findLesson('threads', 'queue')?.id).toBe('threads-queue');
    expect(findLesson('threads', 'nope')).toBeUndefined();
  });

  it('come from their folders, one lesson per folder, each folder holding the lesson\'s files', () => {
    expect([...folderOf.keys()]).toEqual(lessons.map((l) => l.id));
    for (const lesson of lessons) {
      const dir = folderOf.get(lesson.id)!;
      for (const file of ['lesson.ts', 'twin.ts', `${lesson.id}.py`]) expect(existsSync(join(dir, file)), `${lesson.id}: ${file}`).toBe(true);
    }
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s shows the article\'s program byte for byte, its folder\'s only copy', (_id, lesson) => {
    expect(lesson.asWritten.file).toBe(`${lesson.id}.py`);
    expect(lesson.asWritten.text).toBe(read(join(folderOf.get(lesson.id)!, lesson.asWritten.file)));
    expect(sha256(lesson.asWritten.text), 'the article\'s fingerprint of this program').toBe(articleFingerprints.get(lesson.asWritten.file));
  });

  it('have a fingerprint for each of the article\'s programs and no other, the article\'s own where it sits beside the checkout', () => {
    expect([...articleFingerprints.keys()].sort()).toEqual(lessons.map((l) => l.asWritten.file).sort());
    if (!existsSync(articleDir)) return;
    expect(readdirSync(articleDir).filter((f) => f.endsWith('.py')).sort()).toEqual([...articleFingerprints.keys()].sort());
    for (const [file, hash] of articleFingerprints) expect(sha256(read(join(articleDir, file))), file).toBe(hash);
  });

  it.each(lessons.filter((l) => l.corrected).map((l) => [l.id, l] as const))(
    '%s explains every line its corrected program changes (the lines are found by comparing the two files)',
    (_id, lesson) => {
      const corrected = lesson.corrected!;
      expect(corrected.text).toBe(read(join(folderOf.get(lesson.id)!, 'corrected', corrected.file)));
      const before = lesson.asWritten.text.split('\n');
      const after = corrected.text.split('\n');
      // The corrections replace lines one for one, so line numbers agree.
      expect(after.length).toBe(before.length);
      const changed = after.flatMap((line, i) => (line !== before[i] ? [i + 1] : []));
      expect(changed.length).toBeGreaterThan(0);
      expect(corrected.changes.map((c) => c.line)).toEqual(changed);
      for (const change of corrected.changes) {
        expect(change.was).toBe(before[change.line - 1]);
        for (const v of PYTHON_VERSIONS) expect(versionedText(change.why, v).en, `why line ${change.line} changes on ${v}`).not.toBe('');
      }
    },
  );

  it.each(lessons.map((l) => [l.id, l] as const))('%s has every text in Chinese and English', (_id, lesson) => {
    for (const text of texts(lesson)) {
      expect(text.zh.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      // English may quote the program's Chinese output, but is written in English.
      expect(text.en.replace(/"[^"]*"/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('reads each variant\'s program from variants/<variant>/ in the lesson\'s folder', () => {
    for (const lesson of lessons) {
      const dir = join(folderOf.get(lesson.id)!, 'variants');
      expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(lesson.variants.map((v) => v.id).sort());
      for (const variant of lesson.variants) expect(variant.source.text).toBe(read(join(dir, variant.id, variant.source.file)));
    }
  });

  it('documents Ctrl+C moments in increasing order, within the default run', () => {
    for (const lesson of lessons) {
      const times = lesson.interrupts.map((m) => m.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of times) expect(t).toBeLessThan(lesson.defaultUntil);
    }
  });

  it('declare exactly the CPython runs recorded in test/recordings, as they were recorded', async () => {
    const declared = (await loadLessonFolders()).flatMap(({ id, definition }) =>
      definition.recordings.map((r) => ({ name: r.name === '' ? id : `${id}.${r.name}`, lesson: id, program: r.program, dev: r.dev ?? false, interrupts: r.interrupts ?? [] })),
    );
    const recorded = readdirSync(recordingsDir).filter((f) => f.endsWith('.json')).sort();
    expect(declared.map((r) => `${r.name}.json`).sort()).toEqual(recorded);
    for (const r of declared) {
      const { name, lesson, program, dev, interrupts } = JSON.parse(read(join(recordingsDir, `${r.name}.json`)));
      expect({ name, lesson, program, dev, interrupts }).toEqual(r);
    }
  });

  it('give the recording script its runs through the manifest script: each with the program file it runs', () => {
    const repo = join(import.meta.dirname, '..', '..');
    const tsx = join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const manifest = JSON.parse(execFileSync(process.execPath, [tsx, 'scripts/lessons-manifest.ts'], { cwd: repo, encoding: 'utf8' })) as {
      recordings: { name: string; lesson: string; program: string; path: string; file: string }[];
    };
    expect(manifest.recordings.map((r) => `${r.name}.json`).sort()).toEqual(readdirSync(recordingsDir).filter((f) => f.endsWith('.json')).sort());
    for (const r of manifest.recordings) {
      const lesson = lessons.find((l) => l.id === r.lesson)!;
      const variant = r.program.startsWith('variant:') ? lesson.variants.find((v) => `variant:${v.id}` === r.program)!.source : undefined;
      const source = variant ?? (r.program === 'corrected' ? lesson.corrected! : lesson.asWritten);
      expect(r.file).toBe(source.file);
      expect(read(join(repo, r.path)), r.name).toBe(source.text);
    }
  });

  it('are listed in README.md and docs/lessons.md as their folders say (npx tsx scripts/lesson-tables.ts rewrites both)', async () => {
    const folders = await loadLessonFolders();
    const table = lessonTable(folders.map((l) => l.definition));
    const versions = versionTable(folders);
    for (const doc of ['README.md', join('docs', 'lessons.md')]) {
      const text = read(join(import.meta.dirname, '..', '..', doc));
      expect(withLessonTable(text, table), doc).toBe(text);
      // What changes from version to version, lesson by lesson, from the lessons' own texts.
      expect(withSection(text, versions), doc).toBe(text);
    }
  });
});
