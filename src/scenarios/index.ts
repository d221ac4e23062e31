// The registry of lessons, in the order the article presents them.
import type { Lesson } from './types.js';

export const lessons: readonly Lesson[] = [];

/** Finds a lesson by command and part; the first part of a command is its default. */
export function findLesson(command: string, part?: string): Lesson | undefined {
  const matches = lessons.filter((lesson) => lesson.command === command);
  if (part === undefined) return matches[0];
  return matches.find((lesson) => lesson.part === part);
}
