// Lesson `call-soon`: loop.call_soon appends a Handle to the ready queue; the next iteration runs the
// queue in FIFO order. Python program: call-soon.py (the article's, unchanged).
import { bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { callSoonProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, loopNeedNotBeSet, newLoopChange } from '../../scenarios/implicit-loop-texts.js';


export default defineLesson({
  command: 'call-soon',
  title: bi('call_soon:在下一轮循环里运行的回调', 'call_soon: a callback for the next loop iteration'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    '`call_soon` appends a Handle to the ready queue; the next iteration runs the queue first in, first out. Callbacks take positional arguments only; `functools.partial` carries keywords.',
  explanation: steps(
    bi(
      'run_until_complete(main()) 把 main() 包装成 Task-1,并用 call_soon 安排它的第一步。',
      'run_until_complete(main()) wraps main() in Task-1 and schedules its first step with call_soon.',
    ),
    bi(
      'main() 打印后调用两次 call_soon:每次只是把一个 Handle 追加到就绪队列的末尾,立即返回,回调此刻并不运行。',
      'main() prints, then calls call_soon twice: each call only appends a Handle to the end of the ready queue and returns at once; the callback does not run yet.',
    ),
    bi(
      '回调只接受位置参数。想传关键字参数,就用 functools.partial(call_back, kwargs="xxoo") 把它预先绑定。',
      'Callbacks take positional arguments only. To pass a keyword, bind it beforehand with functools.partial(call_back, kwargs="xxoo").',
    ),
    bi(
      'await asyncio.sleep(0.5) 让 main() 挂起:Task-1 等待一个 0.5 秒后到期的定时器。',
      'await asyncio.sleep(0.5) suspends main(): Task-1 waits on a timer due in 0.5 s.',
    ),
    bi(
      '下一轮迭代按先进先出的顺序运行就绪队列:先打印 "1, default",再打印 "2, xxoo"。',
      'The next iteration runs the ready queue first in, first out: "1, default", then "2, xxoo".',
    ),
    bi(
      '0.5 秒后定时器到期,main() 结束,Task-1 完成,循环停止,随后 close()。',
      'At 0.5 s the timer fires, main() returns, Task-1 is done, the loop stops, and close() closes it.',
    ),
    bi(
      'call_soon 还有一个 context= 参数:让回调在指定的 contextvars.Context 里运行;不给就复制当前上下文。',
      'call_soon also takes context=: the callback runs in that contextvars.Context; without it, in a copy of the current one.',
    ),
  ),
  corrections: { 16: newLoopChange(loopNeedNotBeSet) },
  asWrittenOn: implicitLoopAsWritten({ file: 'call-soon.py', line: 16, statement: 'loop = asyncio.get_event_loop()' }),
  errata: [getEventLoopErratum],
  interrupts: [],
  defaultUntil: 5,
  // Which panels give way last on a small screen: the ready queue's order is the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the keyword bound by functools.partial (source, line 10).
  keyToken: 'functools.partial(call_back, kwargs="xxoo")',
  panels: ['loop', 'source', 'output', 'futures', 'timeline'],
  notes: [
    ...implicitLoopNotes,
    {
      when: { type: 'handle_scheduled', callback: 'call_back(1)' },
      zh: 'call_soon 把 Handle 追加到就绪队列末尾就返回了:回调还没有运行。',
      en: 'call_soon appended a Handle to the end of the ready queue and returned: the callback has not run.',
    },
    {
      when: { type: 'task_wait', name: 'Task-1' },
      zh: 'main() 在 sleep(0.5) 处挂起;下一轮迭代按先进先出运行两个回调。',
      en: 'main() suspends in sleep(0.5); the next iteration runs the two callbacks first in, first out.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'as-written', killAfter: 10 },
    { name: 'corrected', program: 'corrected', killAfter: 10 },
    { name: 'ctrl-c-0.3', program: 'as-written', interrupts: [0.3], killAfter: 10 },
    { name: 'dev', program: 'as-written', dev: true, killAfter: 10 },
  ],
  twin: callSoonProgram,
});
