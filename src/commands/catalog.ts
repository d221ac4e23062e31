// The lessons as the CLI presents them: grouped into commands (a command's first part is its
// default), with the invocation that runs each one. Pure data, shared by `list`, the root command
// and each lesson command's help.
import type { PythonVersion } from '../runtime/python-version.js';
import { articleRunsOn } from '../scenarios/python-versions.js';
import type { Bilingual, Lesson } from '../scenarios/types.js';

export interface CatalogVariant {
  id: string;
  title: Bilingual;
  usage: string;
}

export interface CatalogEntry {
  id: string;
  command: string;
  part: string | null;
  /** True for the part that runs when the command is given without one. */
  default: boolean;
  usage: string;
  title: Bilingual;
  /** True when the lab runs a corrected program by default and `--as-written` runs the article's. */
  corrected: boolean;
  defaultUntil: number;
  /** The Python versions on which the article's program runs as on 3.11 (simulated; src/scenarios/python-versions.ts). */
  articleRunsOn: PythonVersion[];
  variants: CatalogVariant[];
}

/** Lessons grouped by command, in registry order. */
export function groupByCommand(lessons: readonly Lesson[]): Map<string, Lesson[]> {
  const groups = new Map<string, Lesson[]>();
  for (const lesson of lessons) {
    const group = groups.get(lesson.command);
    if (group) group.push(lesson);
    else groups.set(lesson.command, [lesson]);
  }
  return groups;
}

export function usageOf(lesson: Lesson): string {
  return lesson.part === undefined ? `asyncio-lab ${lesson.command}` : `asyncio-lab ${lesson.command} ${lesson.part}`;
}

export function catalog(lessons: readonly Lesson[]): CatalogEntry[] {
  const groups = groupByCommand(lessons);
  return lessons.map((lesson) => ({
    id: lesson.id,
    command: lesson.command,
    part: lesson.part ?? null,
    default: groups.get(lesson.command)![0] === lesson,
    usage: usageOf(lesson),
    title: lesson.title,
    corrected: lesson.corrected !== undefined,
    defaultUntil: lesson.defaultUntil,
    articleRunsOn: articleRunsOn(lesson),
    variants: lesson.variants.map((v) => ({ id: v.id, title: v.title, usage: `${usageOf(lesson)} --variant ${v.id}` })),
  }));
}
