// The lesson table README.md and docs/lessons.md show, made from the lesson folders: a lesson added
// as a folder appears in both when `npx tsx scripts/lesson-tables.ts` rewrites them (a test checks).
import { versionSpans } from './by-version.js';
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

export const VERSIONS_BEGIN = '<!-- lesson versions: generated from src/lessons by scripts/lesson-tables.ts -->';
export const VERSIONS_END = '<!-- end of lesson versions -->';

/** What the article's program does on each Python version, lesson by lesson (each lesson's `asWrittenOn`, in English). */
export function versionTable(lessons: readonly { id: string; definition: LessonDefinition }[]): string {
  const rows = lessons.map(({ id, definition }) => {
    const on = definition.asWrittenOn;
    const what = on === undefined ? 'The same on 3.11 to 3.15.' : versionSpans(on).map((s) => `**${s.first === s.last ? s.first : `${s.first}–${s.last}`}**: ${s.value.en}`).join(' ');
    return `| ${id} | ${what.replaceAll('|', '\\|')} |`;
  });
  return [VERSIONS_BEGIN, '| lesson | the article\'s program, by Python version |', '|---|---|', ...rows, VERSIONS_END].join('\n');
}

/** `text` with the section between `begin` and `end` replaced by `section` (undefined when the markers are missing). */
export function withSection(text: string, section: string, begin = VERSIONS_BEGIN, end = VERSIONS_END): string | undefined {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return text.slice(0, from) + section + text.slice(to + end.length);
}
