// Lesson `threads threadsafe`: a second thread runs a loop blocked in select; call_soon_threadsafe
// appends to its ready queue and writes its self-pipe to wake it; a callback that calls time.sleep
// blocks that whole thread. Python program: threads-threadsafe.py (the article's, unchanged).
import { bi, shutdownHangErratum, steps } from '../../scenarios/common.js';
import { threadsThreadsafeProgram } from './twin.js';
import { threadLessonOn } from '../../scenarios/thread-version-texts.js';
import { defineLesson } from '../../scenarios/define.js';

export default defineLesson({
  command: 'threads',
  part: 'threadsafe',
  title: bi('call_soon_threadsafe:从另一个线程唤醒循环', 'call_soon_threadsafe: waking a loop from another thread'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'A loop running in another thread sleeps in `select`; `call_soon_threadsafe` queues a callback and writes the loop\'s self-pipe to wake it; `time.sleep` in a callback blocks that whole thread (6 s, then 3 s). Debug mode reports the slow callbacks. The process then hangs at exit (Ctrl+C at 10.5 s ends it; Ctrl+C at 3 s, during the join at exit, makes the interpreter give up on the thread mid-sleep).',
  explanation: steps(
    bi(
      '主线程用 new_event_loop() 创建一个循环,交给新线程 t;t 调用 run_forever(),就绪队列是空的,于是阻塞在 select 里,不设超时。',
      'The main thread creates a loop with new_event_loop() and hands it to a new thread t; t calls run_forever(), finds the ready queue empty and blocks in select with no timeout.',
    ),
    bi(
      '主线程不受影响,继续打印 "The main thread is running..."。',
      'The main thread is not blocked and prints "The main thread is running...".',
    ),
    bi(
      'call_soon_threadsafe 把 Handle 追加到那个循环的就绪队列,并向循环的自管道(self-pipe)写一个字节:select 因此醒来。普通的 call_soon 不写自管道,循环会一直睡下去。',
      'call_soon_threadsafe appends a Handle to that loop\'s ready queue and writes one byte to the loop\'s self-pipe, which wakes select. A plain call_soon writes nothing, and the loop would sleep on.',
    ),
    bi(
      'more_work(6) 调用 time.sleep(6):这是同步阻塞,整个线程和它的循环都停住 6 秒;more_work(3) 只能等它结束后再运行,一共约 9 秒。',
      'more_work(6) calls time.sleep(6): a blocking call that stalls the whole thread and its loop for 6 s; more_work(3) waits until it is done, about 9 s in all.',
    ),
    bi(
      '在调试模式(python -X dev)下,循环会报告每个慢回调:“Executing <Handle more_work(6) ...> took 6.000 seconds”。',
      'In debug mode (python -X dev) the loop reports each slow callback: Executing <Handle more_work(6) ...> took 6.000 seconds.',
    ),
    bi(
      '主线程的代码早已结束,但进程不退出:解释器在退出前 join 非守护线程 t,而 t 永远在 run_forever() 里。按 Ctrl+C 才结束。',
      'The main thread\'s code finished long ago, but the process does not exit: before exiting, the interpreter joins the non-daemon thread t, which stays in run_forever() forever. Ctrl+C ends it.',
    ),
  ),
  asWrittenOn: threadLessonOn({ shutdownCtrlC: bi('在 3 秒或 10.5 秒', 'at 3 s or 10.5 s'), threadsafeHandle: { callback: 'more_work(6)' } }),
  errata: [shutdownHangErratum],
  interrupts: [
    {
      at: 3,
      what: bi(
        '主线程的代码早已结束,正在退出阶段 join 线程 t,而 t 正在 more_work(6) 的 time.sleep 里。Ctrl+C 打断这次 join(打印线程退出报告(3.12 及以前是 "Exception ignored in: <module \'threading\' ...>",3.13 起是 "Exception ignored on threading shutdown:")),解释器不再等待,进程退出:"Finished more work 6" 永远不会打印。',
        'The main thread\'s code is long done; at exit it is joining thread t, which sits in more_work(6)\'s time.sleep. Ctrl+C interrupts that join (the threading shutdown report ("Exception ignored in: <module \'threading\' ...>" up to 3.12, "Exception ignored on threading shutdown:" from 3.13)), the interpreter stops waiting and the process exits: "Finished more work 6" is never printed.',
      ),
    },
    {
      at: 10.5,
      what: bi(
        '输出结束后进程挂在退出阶段(threading._shutdown 在 join 线程 t)。Ctrl+C 在那里抛出 KeyboardInterrupt,打印线程退出报告(3.12 及以前是 "Exception ignored in: <module \'threading\' ...>",3.13 起是 "Exception ignored on threading shutdown:"),进程退出。',
        'After the output, the process hangs at exit (threading._shutdown joining thread t). Ctrl+C raises KeyboardInterrupt there, prints the threading shutdown report ("Exception ignored in: <module \'threading\' ...>" up to 3.12, "Exception ignored on threading shutdown:" from 3.13), and the process exits.',
      ),
    },
  ],
  defaultUntil: 12,
  // Which panels give way last on a small screen: one lane per thread and the self-pipe waking the loop's thread are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the call that wakes the other thread's loop (source, line 18).
  keyToken: 'new_loop.call_soon_threadsafe(more_work, 6)',
  panels: ['timeline', 'source', 'loop', 'output', 'futures'],
  notes: [
    {
      when: { type: 'select_wait', timeout: null },
      zh: '线程 t 进入 run_forever():就绪队列为空,它阻塞在 select 里,不设超时。',
      en: 'Thread t enters run_forever(): the ready queue is empty, so it blocks in select with no timeout.',
    },
    {
      when: { type: 'handle_scheduled', callback: 'more_work(6)' },
      zh: 'call_soon_threadsafe 把 Handle 追加到 new_loop 的就绪队列,并写自管道:阻塞在 select 里的线程 t 醒来。',
      en: 'call_soon_threadsafe appends a Handle to new_loop\'s ready queue and writes its self-pipe: thread t, blocked in select, wakes up.',
    },
    {
      when: { type: 'shutdown', phase: 'joining' },
      zh: '主线程的代码到此结束,但解释器退出前要 join 非守护线程 t,而 t 永远不会结束:进程会挂起。',
      en: 'The main thread\'s code ends here, but before exiting the interpreter joins the non-daemon thread t, which never ends: the process will hang.',
    },
    {
      when: { type: 'thread_blocked', on: 'time.sleep(6)' },
      zh: 'time.sleep(6) 是同步阻塞:线程 t 和它的整个循环停住 6 秒,队列里的下一个回调只能等着。',
      en: 'time.sleep(6) blocks: thread t and its whole loop stall for 6 s, and the next callback in the queue waits.',
    },
    {
      when: { type: 'thread_blocked', on: 'time.sleep(3)' },
      zh: 'time.sleep(3) 是同步阻塞:线程 t 和它的整个循环停住 3 秒。',
      en: 'time.sleep(3) blocks: thread t and its whole loop stall for 3 s.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'as-written', killAfter: 10.5 },
    { name: 'ctrl-c', program: 'as-written', interrupts: [10.5], killAfter: 15 },
    { name: 'dev.ctrl-c', program: 'as-written', dev: true, interrupts: [10.5], killAfter: 15 },
    { name: 'ctrl-c-3', program: 'as-written', interrupts: [3], killAfter: 12 },
  ],
  twin: threadsThreadsafeProgram,
});
