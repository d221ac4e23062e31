// How many steps each lesson takes at each level of detail, as the README shows it: made from the
// lessons' own runs (`npx tsx scripts/lesson-tables.ts` rewrites it; a test checks it is current).
import type { TraceEvent } from '../../runtime/trace.js';
import type { Lesson } from '../../scenarios/types.js';
import { Replay } from '../state/replay.js';

export const STEPS_BEGIN = '<!-- steps: generated from the lessons by scripts/lesson-tables.ts -->';
export const STEPS_END = '<!-- end of steps -->';

/** One row per program a lesson shows (corrected, as written, each variant): events, exact steps, learner steps. */
export function stepTable(lessons: readonly Lesson[]): string {
  const rows: string[] = [];
  for (const lesson of lessons) {
    const command = `asyncio-lab ${[lesson.command, lesson.part].filter(Boolean).join(' ')}`;
    const options = { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil };
    rows.push(row(`\`${command}\``, lesson.run(options).events));
    if (lesson.corrected) rows.push(row(`\`${command} --as-written\``, lesson.run({ ...options, asWritten: true }).events));
    for (const variant of lesson.variants) rows.push(row(`\`${command} --variant ${variant.id}\``, variant.run(options).events));
  }
  return [STEPS_BEGIN, '| program | trace events | exact steps (`v`) | learner steps |', '|---|--:|--:|--:|', ...rows, STEPS_END].join('\n');
}

function row(name: string, events: readonly TraceEvent[]): string {
  const exact = new Replay(events).length;
  const learner = new Replay(events, undefined, 'learner').length;
  return `| ${name} | ${events.length} | ${exact} | ${learner} |`;
}
