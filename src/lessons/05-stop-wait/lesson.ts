// Lesson `stop wait`: Ctrl+C raises KeyboardInterrupt out of run_until_complete; the handler cancels
// every task, and stop() + run_forever() runs exactly one iteration in which the cancellations are
// delivered. Python programs: stop-wait.py (the article's) and corrected/stop-wait.py.
import { allTasksAttributeErrorNote, allTasksChange, bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { stopWaitProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes } from '../../scenarios/implicit-loop-texts.js';


export default defineLesson({
  command: 'stop',
  part: 'wait',
  title: bi('协程的停止:Ctrl+C、取消任务、再跑一轮', 'Stopping coroutines: Ctrl+C, cancel the tasks, one more iteration'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'Ctrl+C raises KeyboardInterrupt in `select`, out of `run_until_complete`; the handler cancels every task; `stop()` + `run_forever()` runs exactly one iteration in which the cancellations are delivered. Ctrl+C moments: 0.5 s and 1.5 s (Task-1 already done).',
  explanation: steps(
    bi(
      '模块顶层的 ensure_future 创建 Task-1、Task-2、Task-3(分别 sleep 1、2、3 秒);run_until_complete(asyncio.wait(tasks)) 再把 wait() 包装成 Task-4。',
      'At module level, ensure_future creates Task-1, Task-2 and Task-3 (sleeping 1, 2 and 3 s); run_until_complete(asyncio.wait(tasks)) wraps wait() in Task-4.',
    ),
    bi(
      '第一轮迭代,三个任务各自打印 Waiting,然后在各自的 sleep 定时器上挂起。主线程阻塞在 select 里,等最早的定时器。',
      'In the first iteration the three tasks print Waiting and suspend on their sleep timers. The main thread blocks in select until the earliest timer.',
    ),
    bi(
      '不按 Ctrl+C:3 秒后 wait() 返回,程序什么结果也不打印就退出了(它没有打印结果的代码)。',
      'Without Ctrl+C: after 3 s wait() returns and the program exits without printing any result (it has no code that prints them).',
    ),
    bi(
      '按下 Ctrl+C:KeyboardInterrupt 在主线程当时所在的位置抛出,也就是 select 里;它穿过 _run_once、run_forever、run_until_complete 传出来(run_forever 在 finally 里恢复循环的状态)。',
      'Ctrl+C: KeyboardInterrupt is raised where the main thread stands, in select; it propagates out through _run_once, run_forever and run_until_complete (run_forever restores the loop\'s state in its finally).',
    ),
    bi(
      'except 分支打印所有未完成的任务,并逐个 cancel():cancel() 返回 True,但只是提出请求,它取消任务正在等待的 future,把唤醒任务的回调排进就绪队列。',
      'The except branch prints every unfinished task and cancels each: cancel() returns True but only makes a request; it cancels the future the task waits on, which queues the task\'s wake-up.',
    ),
    bi(
      'loop.stop() 加 loop.run_forever():恰好运行一轮。这一轮里,CancelledError 被抛进每个协程,任务变为 CANCELLED。',
      'loop.stop() then loop.run_forever(): exactly one iteration. In it, CancelledError is thrown into each coroutine and the tasks become CANCELLED.',
    ),
    bi(
      'close() 关闭循环。所有任务都已结束,所以没有 "Task was destroyed but it is pending!"。',
      'close() closes the loop. Every task has finished, so there is no "Task was destroyed but it is pending!".',
    ),
  ),
  /** Why each line the corrected program changes is changed (the lines and what they were come from the two files). */
  corrections: {
    12: {
      '3.11': bi(
        '3.11:第 14 到 16 行的 ensure_future() 在任何循环存在之前运行,它向 asyncio 要当前循环,于是悄悄新建一个并设为当前循环。修正后的这一行先明确地新建并设置循环,程序的行为完全相同;第 19 行的 get_event_loop() 返回的就是它。',
        '3.11: ensure_future() on lines 14-16 runs before any loop exists and asks asyncio for the current loop, which silently makes one and sets it. The corrected line makes and sets the loop explicitly first, and the program behaves exactly the same; get_event_loop() on line 19 returns that loop.',
      ),
      '3.12': bi(
        '3.12 和 3.13:第 14 行的 ensure_future() 仍会新建循环,但先打印 "stop-wait.py:14: DeprecationWarning: There is no current event loop";先设置好循环就没有这个警告。第 19 行的 get_event_loop() 返回设置的循环,不会警告。',
        '3.12 and 3.13: ensure_future() on line 14 still makes a loop, but first prints "stop-wait.py:14: DeprecationWarning: There is no current event loop"; with the loop set beforehand there is no warning. get_event_loop() on line 19 returns the loop that was set, without a warning.',
      ),
      '3.14': bi(
        '3.14 起:没有当前循环时 ensure_future() 不再新建,第 14 行抛出 "RuntimeError: There is no current event loop in thread \'MainThread\'."。这一行先新建循环并设为当前循环,ensure_future() 和第 19 行的 get_event_loop() 都会得到它。',
        '3.14 on: with no current loop, ensure_future() no longer makes one, and line 14 raises "RuntimeError: There is no current event loop in thread \'MainThread\'.". This line makes a loop and sets it as current first, and both ensure_future() and get_event_loop() on line 19 get it.',
      ),
    },
    25: allTasksChange,
    26: allTasksChange,
  },
  asWrittenOn: implicitLoopAsWritten(
    { file: 'stop-wait.py', line: 14, statement: 'asyncio.ensure_future(coroutine1),  # 创建task' },
    {
      zh314: '退出时还会报告 "RuntimeWarning: coroutine \'do_some_work\' was never awaited"。',
      en314: 'At exit it also reports "RuntimeWarning: coroutine \'do_some_work\' was never awaited". ',
    },
  ),
  errata: [
    bi(
      '文中的程序在 Python 3.9 以后按 Ctrl+C 会失败:asyncio.Task.all_tasks() 已被移除,except 分支抛出 AttributeError,任务没有被取消,退出时打印 "Task was destroyed but it is pending!",退出码为 1。修正后的程序使用 asyncio.all_tasks(loop)。',
      'On Python 3.9+ the article\'s program fails on Ctrl+C: asyncio.Task.all_tasks() is gone, the except branch raises AttributeError, no task is cancelled, and exit prints "Task was destroyed but it is pending!" with status 1. The corrected program uses asyncio.all_tasks(loop).',
    ),
    bi(
      '文中说 stop 之后若不再次 run_forever 就 close,"还会抛出异常":"Task was destroyed but it is pending!" 不是抛出的异常,而是任务对象被回收时由 Task.__del__ 通过日志报告的消息,程序照常继续。',
      'The article says that closing without running the loop again "raises an exception": "Task was destroyed but it is pending!" is not a raised exception but a message logged by Task.__del__ when a pending task is garbage-collected; the program carries on.',
    ),
    bi(
      '任务集合里还有 Task-4:它是 run_until_complete 为 asyncio.wait(tasks) 这个协程创建的任务。集合的打印顺序按对象地址的哈希,每次运行可能不同。',
      'The set of tasks also holds Task-4: the task run_until_complete creates for the asyncio.wait(tasks) coroutine. A set prints in hash order (by address), which may differ from run to run.',
    ),
    getEventLoopErratum,
  ],
  interrupts: [
    {
      at: 0.5,
      what: bi(
        '三个任务都还在 sleep:打印 Task-1 到 Task-4 四个任务,四次 True;一轮迭代把它们全部取消,退出码 0。',
        'All three tasks are still sleeping: the set shows Task-1 to Task-4, True is printed four times; one iteration cancels them all; exit status 0.',
      ),
    },
    {
      at: 1.5,
      what: bi(
        'Task-1 已在 1 秒时完成,集合里只剩 Task-2、Task-3 和 Task-4,打印三次 True,它们在同一轮迭代里被取消。按文中的原程序运行:AttributeError,以及 Task-2、Task-3 的 "Task was destroyed but it is pending!"。',
        'Task-1 finished at 1 s; the set holds Task-2, Task-3 and Task-4, True is printed three times, and they are cancelled in one iteration. The article\'s program as written: AttributeError, and "Task was destroyed but it is pending!" for Task-2 and Task-3.',
      ),
    },
  ],
  defaultUntil: 5,
  // Which panels give way last on a small screen: the tasks still pending at Ctrl+C, cancelled, are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the corrected line 25: all_tasks(loop) where the article calls asyncio.Task.all_tasks().
  keyToken: '"查看事件循环里的所有任务:", asyncio.all_tasks(loop)',
  panels: ['futures', 'source', 'output', 'loop', 'timeline'],
  notes: [
    ...implicitLoopNotes,
    {
      after: [{ type: 'future_created', name: 'Task-3' }],
      when: { type: 'handle_scheduled' },
      zh: 'ensure_future 创建了 Task-1、Task-2、Task-3:它们的第一步已经排进就绪队列,但循环还没运行。',
      en: 'ensure_future created Task-1, Task-2 and Task-3: their first steps are queued, but the loop is not running yet.',
    },
    {
      when: { type: 'select_woke', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在 select 里抛出,穿过 run_forever 和 run_until_complete 传到 except。任务们还在等待各自的定时器。',
      en: 'Ctrl+C: KeyboardInterrupt is raised in select and comes out through run_forever and run_until_complete to the except clause. The tasks are still waiting on their timers.',
    },
    allTasksAttributeErrorNote,
    {
      after: [{ type: 'interrupt' }],
      // 3.11 and 3.12 still list the wake-up in the future's repr while scheduling it (shortened: "<Future cance...").
      when: { type: 'handle_scheduled', callback: /^Task\.task_wakeup\(<Future cance(lled>|\.\.\.)/ },
      zh: 'cancel() 只是提出请求:它取消任务正在等待的 future,把任务的唤醒排进就绪队列。',
      en: 'cancel() only makes a request: it cancels the future the task waits on, which queues the task\'s wake-up.',
    },
    {
      after: [{ type: 'interrupt' }, { type: 'loop_stop_requested' }],
      when: { type: 'loop_state', state: 'stopped' },
      zh: 'stop() 之后 run_forever() 恰好运行了一轮:CancelledError 被抛进每个协程,任务都变为 CANCELLED。',
      en: 'After stop(), run_forever() ran exactly one iteration: CancelledError was thrown into each coroutine, and every task is CANCELLED.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'corrected', killAfter: 10 },
    { name: 'ctrl-c-0.5', program: 'corrected', interrupts: [0.5], killAfter: 10 },
    { name: 'ctrl-c-1.5', program: 'corrected', interrupts: [1.5], killAfter: 10 },
    { name: 'dev.ctrl-c-1.5', program: 'corrected', dev: true, interrupts: [1.5], killAfter: 10 },
    { name: 'as-written', program: 'as-written', killAfter: 10 },
    { name: 'as-written.ctrl-c-1.5', program: 'as-written', interrupts: [1.5], killAfter: 10 },
  ],
  twin: stopWaitProgram,
});
