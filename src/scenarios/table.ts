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

/**
 * `text` with the table between its markers replaced by `table` (undefined when the markers are
 * missing). Other generated tables (the steps per lesson) give their own markers.
 */
export function withLessonTable(text: string, table: string, markers: { begin: string; end: string } = { begin: TABLE_BEGIN, end: TABLE_END }): string | undefined {
  const begin = text.indexOf(markers.begin);
  const end = text.indexOf(markers.end);
  if (begin < 0 || end < begin) return undefined;
  return text.slice(0, begin) + table + text.slice(end + markers.end.length);
}
