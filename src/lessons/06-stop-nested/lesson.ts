// Lesson `stop nested`: the same Ctrl+C clean-up when the tasks are created inside main(): main() is
// the outermost task, and gather(*tasks).cancel() cancels them all at once.
// Python programs: stop-nested.py (the article's) and corrected/stop-nested.py.
import { allTasksAttributeErrorNote, allTasksChange, bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { stopNestedProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, newLoopChange } from '../../scenarios/implicit-loop-texts.js';


export default defineLesson({
  command: 'stop',
  part: 'nested',
  title: bi('嵌套协程的停止:main 是最外层的任务', 'Stopping nested coroutines: main is the outermost task'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'The same with the tasks created inside `main()`: `main()` is the outermost task and `gather(*tasks).cancel()` cancels them all.',
  explanation: steps(
    bi(
      'run_until_complete(main()) 把 main() 包装成 Task-1。main() 用 ensure_future 创建 Task-2、Task-3、Task-4,然后 await asyncio.wait(tasks)。',
      'run_until_complete(main()) wraps main() in Task-1. main() creates Task-2, Task-3 and Task-4 with ensure_future, then awaits asyncio.wait(tasks).',
    ),
    bi(
      '不按 Ctrl+C:3 秒后 wait() 返回 (done, pending),main() 遍历 done 打印三个结果。done 是集合,打印顺序并无保证。',
      'Without Ctrl+C: after 3 s wait() returns (done, pending) and main() prints the three results from done. done is a set: the order is not guaranteed.',
    ),
    bi(
      '按下 Ctrl+C:KeyboardInterrupt 从 select 里传出 run_until_complete。except 分支打印所有任务:main() 的 Task-1 也在其中。',
      'Ctrl+C: KeyboardInterrupt propagates from select out of run_until_complete. The except branch prints every task, main()\'s Task-1 included.',
    ),
    bi(
      'asyncio.gather(*tasks) 把它们聚合成一个 future,.cancel() 取消其中每一个任务并返回 True。',
      'asyncio.gather(*tasks) gathers them into one future; .cancel() cancels every task in it and returns True.',
    ),
    bi(
      'stop() 加 run_forever() 恰好运行一轮,CancelledError 被抛进每个协程(包括在 wait() 中等待的 main),然后 close()。',
      'stop() then run_forever() runs exactly one iteration, throwing CancelledError into each coroutine (main, waiting in wait(), included), then close().',
    ),
  ),
  /** Why each line the corrected program changes is changed (the lines and what they were come from the two files). */
  corrections: {
    23: newLoopChange(
      bi(
        '之后只有 except 分支用到循环:all_tasks(loop) 明确传入循环,gather() 从任务取得循环,都不需要“当前循环”,所以不必 set_event_loop。',
        'Afterwards only the except branch uses the loop: all_tasks(loop) is given it, and gather() takes it from the tasks; neither asks for "the current loop", so it need not be set as current.',
      ),
    ),
    29: allTasksChange,
    31: allTasksChange,
  },
  asWrittenOn: implicitLoopAsWritten({ file: 'stop-nested.py', line: 23, statement: 'loop = asyncio.get_event_loop()' }),
  errata: [
    bi(
      '文中的程序在 Python 3.9 以后按 Ctrl+C 会失败:asyncio.Task.all_tasks() 已被移除,except 分支抛出 AttributeError,退出时报告还在等待的子任务 "Task was destroyed but it is pending!",退出码为 1。main() 的 Task-1 不在报告之列:run_until_complete 为它创建的任务不记录这条消息。',
      'On Python 3.9+ the article\'s program fails on Ctrl+C: asyncio.Task.all_tasks() is gone, the except branch raises AttributeError, and exit reports the still-pending child tasks with "Task was destroyed but it is pending!" and status 1. main()\'s Task-1 is not reported: run_until_complete turns that message off for the task it creates.',
    ),
    bi(
      'done 是一个集合,"Task result" 三行的顺序没有保证(集合按哈希排序)。',
      'done is a set: the order of the three "Task result" lines is not guaranteed (sets order by hash).',
    ),
    getEventLoopErratum,
  ],
  interrupts: [
    {
      at: 0.5,
      what: bi(
        '所有任务都在等待:集合里是 Task-1(main)到 Task-4,打印 True;一轮迭代把它们全部取消。',
        'Everything is waiting: the set shows Task-1 (main) to Task-4, then True; one iteration cancels them all.',
      ),
    },
    {
      at: 1.5,
      what: bi(
        'Task-2 已在 1 秒时完成:集合里是 Task-1(main)、Task-3、Task-4,打印 True。按文中的原程序运行:AttributeError,以及 Task-3、Task-4 的 "Task was destroyed but it is pending!"。',
        'Task-2 finished at 1 s: the set shows Task-1 (main), Task-3 and Task-4, then True. The article\'s program as written: AttributeError, and "Task was destroyed but it is pending!" for Task-3 and Task-4.',
      ),
    },
  ],
  defaultUntil: 5,
  // Which panels give way last on a small screen: the tasks, and the loop stopped inside run_until_complete, are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: one cancel() for every task (source, line 31).
  keyToken: 'asyncio.gather(*asyncio.all_tasks(loop)).cancel()',
  panels: ['futures', 'source', 'loop', 'output', 'timeline'],
  notes: [
    ...implicitLoopNotes,
    {
      after: [{ type: 'future_created', name: 'Task-4' }],
      when: { type: 'handle_scheduled' },
      zh: 'main() 是 Task-1;它创建的三个任务是 Task-2、Task-3、Task-4。',
      en: 'main() is Task-1; the three tasks it creates are Task-2, Task-3 and Task-4.',
    },
    {
      when: { type: 'select_woke', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在 select 里抛出,从 run_until_complete 传出。main() 的 Task-1 也还在等待。',
      en: 'Ctrl+C: KeyboardInterrupt is raised in select and comes out of run_until_complete. main()\'s Task-1 is still waiting too.',
    },
    allTasksAttributeErrorNote,
    {
      after: [{ type: 'interrupt' }],
      when: { type: 'output', text: 'True' },
      zh: 'gather 把所有任务聚合成一个 future;cancel() 取消其中每一个任务,返回 True。',
      en: 'gather wrapped every task in one future; cancel() cancelled each of them and returned True.',
    },
    {
      after: [{ type: 'interrupt' }, { type: 'loop_stop_requested' }],
      when: { type: 'loop_state', state: 'stopped' },
      zh: '恰好一轮迭代:CancelledError 被抛进每个协程,包括在 wait() 里等待的 main()。',
      en: 'Exactly one iteration: CancelledError was thrown into each coroutine, main() waiting in wait() included.',
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
  twin: stopNestedProgram,
  // `for task in done`: done is a set, iterated in hash (address) order.
  unordered: (text) => text.startsWith('Task result: '),
});
