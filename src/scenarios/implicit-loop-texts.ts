// What the article's programs meet on each Python version where they ask asyncio for "the current
// loop" before any loop exists (get_event_loop(), or ensure_future()/Future() outside a loop), and
// why their corrected programs make the loop themselves. Shared by the lessons that do it; what
// each version prints was run on each version's CPython (test/oracle).
import type { ByVersion } from './by-version.js';
import { bi, bi as both } from './common.js';
import type { LessonNote } from './notes.js';
import type { Bilingual } from './types.js';

/** Where an article's program first asks for the current loop: the file, line and statement as shown. */
export interface ImplicitLoopSite {
  file: string;
  line: number;
  statement: string;
}

/** Why a corrected program that makes its loop with new_event_loop() need not set it as current. */
export const loopNeedNotBeSet = bi(
  '程序之后不再向 asyncio 要“当前循环”(它直接用这个 loop,协程里用运行中的循环),所以不必 set_event_loop。',
  'Nothing afterwards asks asyncio for "the current loop" (the program uses this loop itself, coroutines the running one), so it need not be set as current.',
);

/**
 * The corrected line that makes the loop with new_event_loop() in place of the article's
 * get_event_loop() (or before its first ensure_future()/Future()), explained on each version;
 * `why` says what else the line has to do in this program.
 */
export function newLoopChange(why: Bilingual): ByVersion<Bilingual> {
  const zhWhy = why.zh;
  const enWhy = why.en;
  return {
    '3.11': bi(
      `3.11:在没有运行中、也没有设置过循环时,get_event_loop() 会悄悄新建一个循环并设为当前循环;修正后的这一行明确地新建循环,程序的行为完全相同。${zhWhy}`,
      `3.11: with no loop running or set, get_event_loop() silently makes a new loop and sets it as the current one; the corrected line makes the loop explicitly, and the program behaves exactly the same. ${enWhy}`,
    ),
    '3.12': bi(
      `3.12 和 3.13:get_event_loop() 在这里仍会新建循环,但先在 stderr 打印 "DeprecationWarning: There is no current event loop";new_event_loop() 新建循环,不会有这个警告。${zhWhy}`,
      `3.12 and 3.13: get_event_loop() here still makes a loop, but first prints "DeprecationWarning: There is no current event loop" on stderr; new_event_loop() makes one without the warning. ${enWhy}`,
    ),
    '3.14': bi(
      `3.14 起:get_event_loop() 不再新建循环,文中的这一行抛出 "RuntimeError: There is no current event loop in thread 'MainThread'.",程序就停在这里;new_event_loop() 明确地新建循环,在每个版本上都能运行。${zhWhy}`,
      `3.14 on: get_event_loop() no longer makes a loop; the article's line raises "RuntimeError: There is no current event loop in thread 'MainThread'." and the program stops there. new_event_loop() makes the loop explicitly and runs on every version. ${enWhy}`,
    ),
  };
}

/** What the article's program does on each version when `site` is the first place it asks for the current loop. */
export function implicitLoopAsWritten(site: ImplicitLoopSite, extra: { zh314?: string; en314?: string; zhRuns?: string; enRuns?: string } = {}): ByVersion<Bilingual> {
  const where = `${site.file}:${site.line}`;
  const bi = (zh: string, en: string) => both(zh.trim(), en.trim());
  return {
    '3.11': bi(
      `照文章所示运行:第 ${site.line} 行在没有循环时悄悄新建一个循环。${extra.zhRuns ?? ''}`,
      `Runs as the article shows: line ${site.line} silently makes a loop where there is none. ${extra.enRuns ?? ''}`,
    ),
    '3.12': bi(
      `照样运行,但先在 stderr 打印 "${where}: DeprecationWarning: There is no current event loop" 和这一行 "${site.statement}"(3.12 和 3.13 相同)。${extra.zhRuns ?? ''}`,
      `Runs the same, but first prints "${where}: DeprecationWarning: There is no current event loop" and the line "${site.statement}" on stderr (3.12 and 3.13 alike). ${extra.enRuns ?? ''}`,
    ),
    '3.14': bi(
      `停在第 ${site.line} 行:"RuntimeError: There is no current event loop in thread 'MainThread'."(从 asyncio/events.py 的 get_event_loop 抛出),退出码 1。${extra.zh314 ?? ''}修正后的程序在每个版本上都能运行(用 t 切换)。`,
      `Stops at line ${site.line}: "RuntimeError: There is no current event loop in thread 'MainThread'." (raised in asyncio/events.py's get_event_loop), exit status 1. ${extra.en314 ?? ''}The corrected program runs on every version (t switches to it).`,
    ),
  };
}

/** The note where 3.12 or 3.13 warns about the article's get_event_loop() (or ensure_future()/Future()) with no loop set. */
export const noCurrentLoopWarningNote: LessonNote = {
  when: { type: 'output', stream: 'stderr', text: /DeprecationWarning: There is no current event loop$/ },
  zh: '3.12 和 3.13 在这里仍会新建循环,但警告这种用法已被弃用(3.14 起直接抛出 RuntimeError)。修正后的程序自己新建循环(按 t 切换)。',
  en: '3.12 and 3.13 still make a loop here, but warn that this use is deprecated (3.14 raises RuntimeError instead). The corrected program makes its own loop (t switches to it).',
};

/** The note where 3.14+ refuses to make a loop for the article's program. */
export const noCurrentLoopErrorNote: LessonNote = {
  when: { type: 'output', stream: 'stderr', text: /^RuntimeError: There is no current event loop in thread 'MainThread'\.$/ },
  zh: '3.14 起没有当前循环时不再自动新建:文章的程序停在它第一次向 asyncio 要循环的地方。修正后的程序用 new_event_loop() 自己新建循环(按 t 切换)。',
  en: 'From 3.14 no loop is made when none is set: the article\'s program stops where it first asks asyncio for one. The corrected program makes its own with new_event_loop() (t switches to it).',
};

/** Both notes, for a lesson whose article's program meets them. */
export const implicitLoopNotes: readonly LessonNote[] = [noCurrentLoopWarningNote, noCurrentLoopErrorNote];
