// The lessons' data: the programs are the article's, corrections are explained line by line, and
// everything a learner reads exists in both languages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLesson, lessons } from '../../src/scenarios/index.js';
import type { Bilingual, Lesson } from '../../src/scenarios/types.js';

const programsDir = join(import.meta.dirname, '..', '..', 'src', 'scenarios', 'programs');
/** The article's programs, beside the clone in CI (../shared) and on the machines it was written on. */
const articleDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'article', 'programs');

const read = (path: string) => readFileSync(path, 'utf8');

function texts(lesson: Lesson): Bilingual[] {
  return [
    lesson.title,
    lesson.explanation,
    ...lesson.errata,
    ...lesson.interrupts.map((m) => m.what),
    ...(lesson.corrected?.changes.map((c) => c.why) ?? []),
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

  it.each(lessons.map((l) => [l.id, l] as const))('%s shows the article\'s program byte for byte', (_id, lesson) => {
    expect(lesson.asWritten.text).toBe(read(join(programsDir, lesson.asWritten.file)));
    const article = join(articleDir, lesson.asWritten.file);
    if (existsSync(article)) expect(lesson.asWritten.text).toBe(read(article));
  });

  it('keeps the packaged copies identical to the article\'s programs when the article is present', () => {
    if (!existsSync(articleDir)) return;
    for (const lesson of lessons) expect(read(join(programsDir, lesson.asWritten.file))).toBe(read(join(articleDir, lesson.asWritten.file)));
  });

  it.each(lessons.filter((l) => l.corrected).map((l) => [l.id, l] as const))(
    '%s explains every line its corrected program changes',
    (_id, lesson) => {
      const corrected = lesson.corrected!;
      expect(corrected.text).toBe(read(join(programsDir, 'corrected', corrected.file)));
      const before = lesson.asWritten.text.split('\n');
      const after = corrected.text.split('\n');
      // The corrections replace lines one for one, so line numbers agree.
      expect(after.length).toBe(before.length);
      const changed = after.flatMap((line, i) => (line !== before[i] ? [i + 1] : []));
      expect(changed.length).toBeGreaterThan(0);
      expect(corrected.changes.map((c) => c.line).sort((a, b) => a - b)).toEqual(changed);
      for (const change of corrected.changes) expect(change.was).toBe(before[change.line - 1]);
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

  it('embeds each variant\'s program as it is kept in programs/variants', () => {
    for (const lesson of lessons) {
      for (const variant of lesson.variants) {
        expect(variant.source.text).toBe(read(join(programsDir, 'variants', `${lesson.id}.${variant.id}.py`)));
      }
    }
  });

  it('documents Ctrl+C moments in increasing order, within the default run', () => {
    for (const lesson of lessons) {
      const times = lesson.interrupts.map((m) => m.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of times) expect(t).toBeLessThan(lesson.defaultUntil);
    }
  });
});
