// The lesson table README.md and docs/lessons.md show, made from the lesson folders: a lesson added
// as a folder appears in both when `npx tsx scripts/lesson-tables.ts` rewrites them (a test checks).
import type { LessonDefinition } from './define.js';

export const TABLE_BEGIN = '<!-- lessons: generated from src/lessons by scripts/lesson-tables.ts -->';
export const TABLE_END = '<!-- end of lessons -->';

/** The Markdown table, one row per lesson in the article's order, between its markers. */
export function lessonTable(definitions: readonly LessonDefinition[]): string {
  const rows = definitions.map((d) => `| \`asyncio-lab ${[d.command, d.part].filter(Boolean).join(' ')}\` | ${d.summary} |`);
  return [TABLE_BEGIN, '| command | what it shows |', '|---|---|', ...rows, TABLE_END].join('\n');
}

/** `text` with the table between its markers replaced by `table` (undefined when the markers are missing). */
export function withLessonTable(text: string, table: string): string | undefined {
  const begin = text.indexOf(TABLE_BEGIN);
  const end = text.indexOf(TABLE_END);
  if (begin < 0 || end < begin) return undefined;
  return text.slice(0, begin) + table + text.slice(end + TABLE_END.length);
}
