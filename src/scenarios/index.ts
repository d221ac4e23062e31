// The registry of lessons: one per folder of src/lessons, in the article's order (folders.ts).
import { loadLessons } from './folders.js';
import type { Lesson } from './types.js';

export const lessons: readonly Lesson[] = await loadLessons();

/** Finds a lesson by command and part; the first part of a command is its default. */
export function findLesson(command: string, part?: string): Lesson | undefined {
  const matches = lessons.filter((lesson) => lesson.command === command);
  if (part === undefined) return matches[0];
  return matches.find((lesson) => lesson.part === part);
}

/** Finds a lesson by its id ('stop-wait'). */
export function findLessonById(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}
