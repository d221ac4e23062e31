// Lesson `threads coroutine`: run_coroutine_threadsafe schedules a Task on another thread's loop and
// returns a concurrent.futures.Future chained to it; result() blocks the calling thread.
// Python program: threads-coroutine.py (the article's, unchanged).
import { bi, shutdownHangErratum, steps } from '../../scenarios/common.js';
import { threadsCoroutineProgram } from './twin.js';
import { threadLessonOn } from '../../scenarios/thread-version-texts.js';
import { defineLesson } from '../../scenarios/define.js';

export default defineLesson({
  command: 'threads',
  part: 'coroutine',
  title: bi('run_coroutine_threadsafe:把协程交给另一个线程的循环', 'run_coroutine_threadsafe: handing a coroutine to another thread\'s loop'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    '`run_coroutine_threadsafe` creates a Task on the other loop and returns a `concurrent.futures.Future` chained to it; `result()` blocks the main thread; the two coroutines run concurrently (6 s, not 9). Hangs at exit (Ctrl+C at 7 s). Ctrl+C at 3.5 s raises KeyboardInterrupt inside `future1.result()`, and the process still hangs until a second Ctrl+C.',
  explanation: steps(
    bi(
      '线程 t 运行 new_loop.run_forever(),阻塞在 select 里。',
      'Thread t runs new_loop.run_forever() and blocks in select.',
    ),
    bi(
      'run_coroutine_threadsafe(more_work(6), new_loop) 用 call_soon_threadsafe 让那个循环创建一个 Task(并唤醒它),立即返回一个 concurrent.futures.Future,两者被链接起来:Task 完成时 future 也完成。',
      'run_coroutine_threadsafe(more_work(6), new_loop) asks that loop, through call_soon_threadsafe (which wakes it), to create a Task, and returns at once a concurrent.futures.Future chained to it: when the Task finishes, so does the future.',
    ),
    bi(
      '两个协程在同一个循环里并发运行:它们 await asyncio.sleep,不阻塞线程。所以 3 秒的先完成,6 秒的后完成,总共 6 秒,而不是 9 秒。',
      'The two coroutines run concurrently on that loop: they await asyncio.sleep, which does not block the thread. The 3-second one finishes first, the 6-second one next: 6 s in all, not 9.',
    ),
    bi(
      'future1.result() 阻塞主线程,直到 6 秒的任务完成;此时 future2 早已完成,result() 立即返回。',
      'future1.result() blocks the main thread until the 6-second task is done; future2 finished earlier, so its result() returns at once.',
    ),
    bi(
      '打印两个结果后主线程的代码结束,但进程挂在退出阶段:非守护线程 t 还在 run_forever()。按 Ctrl+C 结束。',
      'After printing both results the main thread\'s code is done, but the process hangs at exit: the non-daemon thread t is still in run_forever(). Ctrl+C ends it.',
    ),
  ),
  asWrittenOn: threadLessonOn({ shutdownCtrlC: bi('在 7 秒(或 3.5 秒之后的第二次)', 'at 7 s (or the second one, after 3.5 s)') }),
  errata: [shutdownHangErratum],
  interrupts: [
    {
      at: 3.5,
      what: bi(
        '主线程阻塞在 future1.result() 里:KeyboardInterrupt 在那里抛出(回溯经过 concurrent/futures/_base.py 和 threading.py),主线程结束;但线程 t 不是守护线程,进程挂在退出阶段,要再按一次 Ctrl+C。',
        'The main thread is blocked in future1.result(): KeyboardInterrupt is raised there (the traceback goes through concurrent/futures/_base.py and threading.py) and the main thread ends; but t is not a daemon, so the process hangs at exit until a second Ctrl+C.',
      ),
    },
    {
      at: 7,
      what: bi(
        '输出结束后进程在 threading._shutdown 里等待线程 t。Ctrl+C 在那里抛出 KeyboardInterrupt,打印线程退出报告(3.12 及以前是 "Exception ignored in: <module \'threading\' ...>",3.13 起是 "Exception ignored on threading shutdown:"),进程退出。',
        'After the output the process waits for thread t in threading._shutdown. Ctrl+C raises KeyboardInterrupt there, prints the threading shutdown report ("Exception ignored in: <module \'threading\' ...>" up to 3.12, "Exception ignored on threading shutdown:" from 3.13), and the process exits.',
      ),
    },
  ],
  defaultUntil: 8,
  // Which panels give way last on a small screen: the tasks chained to their concurrent futures, and the threads, are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the concurrent future handed to the main thread (source, line 19).
  keyToken: 'asyncio.run_coroutine_threadsafe(more_work(6), new_loop)',
  panels: ['futures', 'timeline', 'source', 'output', 'loop'],
  notes: [
    {
      when: { type: 'handle_scheduled', callback: /^run_coroutine_threadsafe/ },
      zh: 'run_coroutine_threadsafe 让 new_loop 创建一个 Task 并唤醒它,立即返回一个与之链接的 concurrent.futures.Future。',
      en: 'run_coroutine_threadsafe has new_loop create a Task (and wakes it), and returns at once a concurrent.futures.Future chained to it.',
    },
    {
      when: { type: 'thread_blocked', name: 'MainThread', on: 'future.result()' },
      zh: 'future1.result() 阻塞主线程,直到 6 秒的任务完成。两个协程在 new_loop 上并发运行:总共 6 秒,不是 9 秒。',
      en: 'future1.result() blocks the main thread until the 6-second task is done. Both coroutines run concurrently on new_loop: 6 s in all, not 9.',
    },
    {
      when: { type: 'thread_woke', name: 'MainThread', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在 result() 的等待里抛出,主线程结束;线程 t 和它的循环照常运行,进程挂在退出阶段。',
      en: 'Ctrl+C: KeyboardInterrupt is raised in result()\'s wait and the main thread ends; thread t and its loop carry on, and the process hangs at exit.',
    },
    {
      when: { type: 'shutdown', phase: 'joining' },
      zh: '主线程的代码结束了;解释器退出前 join 线程 t,而它永远在 run_forever() 里:进程挂起。',
      en: 'The main thread\'s code is done; at exit the interpreter joins thread t, which stays in run_forever() forever: the process hangs.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: 'ctrl-c-3.5', program: 'as-written', interrupts: [3.5, 7], killAfter: 12 },
    { name: '', program: 'as-written', killAfter: 7.5 },
    { name: 'ctrl-c', program: 'as-written', interrupts: [7], killAfter: 12 },
    { name: 'dev.ctrl-c', program: 'as-written', dev: true, interrupts: [7], killAfter: 12 },
  ],
  twin: threadsCoroutineProgram,
});
