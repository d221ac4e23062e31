// Lesson `threads queue`: a queue.Queue hands results from the loop thread to the main thread, which
// blocks in q.get(). Python programs: threads-queue.py and corrected/threads-queue.py.
import { bi, shutdownHangErratum, steps } from '../../scenarios/common.js';
import { threadsQueueProgram } from './twin.js';
import { threadLessonOn } from '../../scenarios/thread-version-texts.js';
import { defineLesson } from '../../scenarios/define.js';

const currentThreadChange = bi(
  'threading.currentThread() 是旧的驼峰式别名,Python 3.10 起弃用(调试模式下打印 DeprecationWarning);改用 threading.current_thread()。',
  'threading.currentThread() is the old camelCase alias, deprecated since Python 3.10 (debug mode prints a DeprecationWarning); threading.current_thread() replaces it.',
);

export default defineLesson({
  command: 'threads',
  part: 'queue',
  title: bi('用 queue 在线程之间传递结果', 'Passing results between threads with a queue'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'A `queue.Queue` hands results from the loop thread to the main thread, which blocks in `q.get()`. Ctrl+C at 4 s raises KeyboardInterrupt inside `q.get()`; the process still hangs joining the loop thread; a second Ctrl+C at 5 s ends it.',
  explanation: steps(
    bi(
      '线程 t 运行新循环 lp 的 run_forever();主线程用 run_coroutine_threadsafe 把两个 func 协程交给它。',
      'Thread t runs run_forever() on the new loop lp; the main thread hands it two func coroutines with run_coroutine_threadsafe.',
    ),
    bi(
      '"线程开启" 和 "开始事件" 两行由两个线程在同一时刻打印,谁先谁后是竞争。',
      'The "线程开启" and "开始事件" lines are printed by two threads at the same instant: which comes first is a race.',
    ),
    bi(
      '两个 func 在循环线程里并发运行,sleep 2 秒和 3 秒后把 x 放进 queue.Queue。',
      'The two funcs run concurrently on the loop thread and put x into a queue.Queue after sleeping 2 s and 3 s.',
    ),
    bi(
      '主线程阻塞在 q.get() 里(一个线程锁上的等待),每放进一个值就醒来打印一次:2 秒时 "main : 2",3 秒时 "main : 3"。',
      'The main thread blocks in q.get() (a wait on a thread lock) and wakes for each value: "main : 2" at 2 s, "main : 3" at 3 s.',
    ),
    bi(
      '之后主线程永远阻塞在 q.get() 里。第一次 Ctrl+C 在 q.get() 中抛出 KeyboardInterrupt(回溯经过 queue.py 和 threading.py),主线程结束。',
      'Then the main thread blocks in q.get() forever. A first Ctrl+C raises KeyboardInterrupt inside q.get() (the traceback goes through queue.py and threading.py) and the main thread ends.',
    ),
    bi(
      '但进程仍然不退出:它在退出阶段 join 非守护线程 t。需要第二次 Ctrl+C。',
      'The process still does not exit: at exit it joins the non-daemon thread t. A second Ctrl+C is needed.',
    ),
  ),
  /** Why each line the corrected program changes is changed (the lines and what they were come from the two files). */
  corrections: {
    9: currentThreadChange,
    14: currentThreadChange,
  },
  asWrittenOn: threadLessonOn({ shutdownCtrlC: bi('在 5 秒(4 秒那次之后的第二次)', 'at 5 s (the second, after the one at 4 s)') }),
  errata: [
    bi(
      '文中输出里 "线程开启" 在 "开始事件" 之前,但这两行来自两个线程,顺序是竞争,真实运行时两种顺序都会出现。',
      'The article shows "线程开启" before "开始事件", but the two lines come from two threads: the order is a race, and real runs show both.',
    ),
    bi(
      'threading.currentThread() 自 Python 3.10 起弃用,应使用 threading.current_thread()。',
      'threading.currentThread() is deprecated since Python 3.10; use threading.current_thread().',
    ),
    shutdownHangErratum,
  ],
  interrupts: [
    {
      at: 4,
      what: bi(
        '主线程阻塞在 q.get() 里:KeyboardInterrupt 在那里抛出,打印回溯,主线程结束;进程随即挂在退出阶段,等待线程 t。',
        'The main thread is blocked in q.get(): KeyboardInterrupt is raised there and its traceback printed; the main thread ends, and the process hangs at exit waiting for thread t.',
      ),
    },
    {
      at: 5,
      what: bi(
        '第二次 Ctrl+C 打断退出阶段的 join:打印线程退出报告(3.12 及以前是 "Exception ignored in: <module \'threading\' ...>",3.13 起是 "Exception ignored on threading shutdown:"),进程退出。',
        'A second Ctrl+C interrupts the join at exit: the threading shutdown report ("Exception ignored in: <module \'threading\' ...>" up to 3.12, "Exception ignored on threading shutdown:" from 3.13) is printed and the process exits.',
      ),
    },
  ],
  defaultUntil: 6,
  // Which panels give way last on a small screen: the queue hand-off between threads is the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the coroutine sent to the loop thread (source, line 27).
  keyToken: 'asyncio.run_coroutine_threadsafe(co1,lp)',
  panels: ['timeline', 'source', 'output', 'futures', 'loop'],
  notes: [
    {
      when: { type: 'output', text: /^开始事件/ },
      zh: '"线程开启" 和 "开始事件" 由两个线程在同一时刻打印:顺序是竞争。',
      en: 'The "线程开启" and "开始事件" lines are printed by two threads at the same instant: their order is a race.',
    },
    {
      when: { type: 'thread_woke', name: 'MainThread', reason: 'notified' },
      zh: 'func(2) 把 2 放进队列:阻塞在 q.get() 里的主线程被唤醒。',
      en: 'func(2) puts 2 in the queue: the main thread, blocked in q.get(), wakes up.',
    },
    {
      nth: 2,
      when: { type: 'thread_woke', name: 'MainThread', reason: 'notified' },
      zh: 'func(3) 把 3 放进队列:阻塞在 q.get() 里的主线程被唤醒。',
      en: 'func(3) puts 3 in the queue: the main thread, blocked in q.get(), wakes up.',
    },
    {
      when: { type: 'thread_woke', name: 'MainThread', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在 q.get() 里抛出,没有被捕获,主线程结束。但非守护线程 t 还在运行,进程挂在退出阶段。',
      en: 'Ctrl+C: KeyboardInterrupt is raised inside q.get(), nothing catches it, and the main thread ends. But the non-daemon thread t still runs, so the process hangs at exit.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'corrected', killAfter: 4.5 },
    { name: 'ctrl-c', program: 'corrected', interrupts: [4, 5], killAfter: 10 },
    { name: 'ctrl-c-1', program: 'corrected', interrupts: [1, 2.5], killAfter: 10 },
    { name: 'as-written.ctrl-c', program: 'as-written', interrupts: [4, 5], killAfter: 10 },
    { name: 'as-written.dev.ctrl-c', program: 'as-written', dev: true, interrupts: [4, 5], killAfter: 10 },
  ],
  twin: threadsQueueProgram,
});
