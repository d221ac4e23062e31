// What the thread lessons' programs do on each Python version. Their plain runs print the same on
// 3.11 to 3.15; what changes shows under Ctrl+C and -X dev. Only 3.11 is run (python3: the lessons'
// recordings, test/recordings); Pyodide, which runs the single-thread lessons on 3.12 to 3.15,
// cannot start threads, so 3.12 on is read from that version's threading.py, asyncio/events.py and
// release notes, and the simulation follows it (PythonBehaviour.threadingShutdown,
// threadsafeHandleClass). test/scenarios/as-written-on.test.ts checks the words against the runs.
import type { ByVersion } from './by-version.js';
import { bi } from './common.js';
import type { Bilingual } from './types.js';

export interface ThreadLessonFacts {
  /** When a Ctrl+C meets the interpreter's join of the threads at exit, in words ("at 10.5 s"). */
  readonly shutdownCtrlC: Bilingual;
  /** The program calls call_soon_threadsafe, whose Handle 3.14 names _ThreadSafeHandle (-X dev shows it). */
  readonly threadsafeHandle?: { readonly callback: string };
}

export function threadLessonOn(facts: ThreadLessonFacts): ByVersion<Bilingual> {
  const at = facts.shutdownCtrlC;
  const texts: ByVersion<Bilingual> = {
    '3.11': bi(
      `照文章所示运行(用 python3 3.11 实际运行检查过:test/recordings)。${at.zh}的 Ctrl+C 打断退出时对线程的 join,打印 "Exception ignored in: <module 'threading'",回溯停在 threading.py 的 "lock.acquire()"。`,
      `Runs as the article shows (checked by running it on python3 3.11: test/recordings). A Ctrl+C ${at.en} interrupts the join of the threads at exit and prints "Exception ignored in: <module 'threading'", its traceback ending at threading.py's "lock.acquire()".`,
    ),
    '3.12': bi(
      `与 3.11 相同地运行(读 3.12 的源码得出,没有实际运行:Pyodide 不能启动线程)。${at.zh}的 Ctrl+C 仍打印 "Exception ignored in: <module 'threading'",回溯指向 threading.py 第 1624 行。`,
      `Runs as on 3.11 (read from 3.12's sources, not run: Pyodide cannot start threads). A Ctrl+C ${at.en} still prints "Exception ignored in: <module 'threading'", its traceback at threading.py's line 1624.`,
    ),
    '3.13': bi(
      `与 3.11 相同地运行(读源码和发布说明得出,没有实际运行)。3.13 把退出时对线程的 join 移进了 C 代码:${at.zh}的 Ctrl+C 改为打印 "Exception ignored on threading shutdown:",回溯停在 "_thread_shutdown()"。`,
      `Runs as on 3.11 (read from the sources and release notes, not run). 3.13 moved the join of the threads at exit into C: a Ctrl+C ${at.en} prints "Exception ignored on threading shutdown:" instead, its traceback ending at "_thread_shutdown()".`,
    ),
  };
  if (facts.threadsafeHandle === undefined) return texts;
  const cb = facts.threadsafeHandle.callback;
  return {
    ...texts,
    '3.14': bi(
      `${texts['3.13']!.zh} 另外,从 3.14 起 call_soon_threadsafe 创建的是 _ThreadSafeHandle:-X dev 报告慢回调时写作 "Executing <_ThreadSafeHandle ${cb}"(读 asyncio/events.py 得出)。`,
      `${texts['3.13']!.en} And from 3.14 call_soon_threadsafe makes a _ThreadSafeHandle: -X dev reports the slow callback as "Executing <_ThreadSafeHandle ${cb}" (read from asyncio/events.py).`,
    ),
  };
}

/** A thread lesson whose runs (documented Ctrl+C moments included) meet none of the changes above. */
export function threadLessonSame(): ByVersion<Bilingual> {
  return {
    '3.11': bi(
      '照文章所示运行(用 python3 3.11 实际运行检查过:test/recordings)。',
      'Runs as the article shows (checked by running it on python3 3.11: test/recordings).',
    ),
    '3.12': bi(
      '与 3.11 相同地运行:打印的内容只在回溯和 repr 里标准库的路径和行号上不同,3.13 起回溯的下划线用 ~ 和 ^(读各版本的源码得出,没有实际运行:Pyodide 不能启动线程)。',
      "Runs as on 3.11: what it prints differs only in the standard library's paths and line numbers in tracebacks and reprs, and from 3.13 in the tracebacks' ~ and ^ underlines (read from each version's sources, not run: Pyodide cannot start threads).",
    ),
  };
}
