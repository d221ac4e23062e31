// The registry of lessons, in the order the article presents them.
import { callAtLesson } from './call-at.js';
import { callLaterLesson } from './call-later.js';
import { callSoonLesson } from './call-soon.js';
import { futureLesson } from './future.js';
import { stopNestedLesson } from './stop-nested.js';
import { stopWaitLesson } from './stop-wait.js';
import { threadsCoroutineLesson } from './threads-coroutine.js';
import { threadsDaemonLesson } from './threads-daemon.js';
import { threadsPoolLesson } from './threads-pool.js';
import { threadsQueueLesson } from './threads-queue.js';
import { threadsThreadsafeLesson } from './threads-threadsafe.js';
import type { Lesson } from './types.js';

export const lessons: readonly Lesson[] = [
  callSoonLesson,
  callLaterLesson,
  callAtLesson,
  futureLesson,
  stopWaitLesson,
  stopNestedLesson,
  threadsThreadsafeLesson,
  threadsCoroutineLesson,
  threadsPoolLesson,
  threadsQueueLesson,
  threadsDaemonLesson,
];

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
