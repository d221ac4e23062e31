// Lesson `call-later`: call_later(delay) is call_at(loop.time() + delay), a TimerHandle on a heap
// ordered by deadline. Python program: call-later.py (the article's, unchanged).
import { bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { callLaterProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, loopNeedNotBeSet, newLoopChange } from '../../scenarios/implicit-loop-texts.js';


export default defineLesson({
  command: 'call-later',
  title: bi('call_later:定时器堆按到期时间出队', 'call_later: the timer heap releases by deadline'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    '`call_later(d)` is `call_at(loop.time() + d)`: a TimerHandle on a heap ordered by deadline. Each iteration moves the due timers to the end of the ready queue, so the `call_soon` callback runs first and the timers come out by deadline (0.1, 0.2, 0.3), not in the order they were registered.',
  explanation: steps(
    bi(
      'call_later(delay, ...) 就是 call_at(loop.time() + delay, ...):它创建一个 TimerHandle,压入按到期时间排序的堆(heapq),而不是就绪队列。',
      'call_later(delay, ...) is call_at(loop.time() + delay, ...): it creates a TimerHandle and pushes it on a heap ordered by deadline (heapq), not on the ready queue.',
    ),
    bi(
      'main() 依次注册 0.1、0.3、0.2 秒的定时器,最后用 call_soon 注册一个普通 Handle,它直接进入就绪队列。',
      'main() registers timers at 0.1, 0.3 and 0.2 s, then one plain Handle with call_soon, which goes straight to the ready queue.',
    ),
    bi(
      'main() 在 sleep(0.5) 处挂起。下一轮迭代只运行就绪队列里的东西:call_soon 的回调先打印 9 + 9 = 18。它排在最前,与注册位置无关,因为此刻没有任何定时器到期。',
      'main() suspends in sleep(0.5). The next iteration runs only what is in the ready queue: the call_soon callback prints 9 + 9 = 18 first. Its place in the code does not matter: no timer is due yet.',
    ),
    bi(
      '之后循环在 select 里等待,超时时间就是堆顶(最早的)到期时间。每次醒来,把已到期的定时器移到就绪队列的末尾,再运行这一批。',
      'Then the loop waits in select, with the earliest deadline (the top of the heap) as its timeout. Each time it wakes, it moves the due timers to the end of the ready queue and runs that batch.',
    ),
    bi(
      '所以定时器按到期时间出来:0.1 秒的 [1],0.2 秒的 [3],0.3 秒的 [2],与注册顺序无关。',
      'So timers come out by deadline: [1] at 0.1 s, [3] at 0.2 s, [2] at 0.3 s, whatever the order they were registered in.',
    ),
    bi(
      '0.5 秒时 sleep 的定时器到期,main() 结束,循环停止并关闭。',
      'At 0.5 s the sleep\'s own timer is due, main() returns, and the loop stops and is closed.',
    ),
  ),
  corrections: { 15: newLoopChange(loopNeedNotBeSet) },
  asWrittenOn: implicitLoopAsWritten({ file: 'call-later.py', line: 15, statement: 'loop = asyncio.get_event_loop()' }),
  errata: [getEventLoopErratum],
  interrupts: [],
  defaultUntil: 5,
  /** The heap and the ready queue are the point: the LOOP panel gives way last (down to 60×18). */
  // The token the lesson is about, which the screen never cuts at any size: the timer due at 0.2 in the heap, which leaves before the one due at 0.3 registered earlier.
  keyToken: 'call_back(3, 5, 7)',
  panels: ['loop', 'source', 'output', 'timeline', 'futures'],
  notes: [
    ...implicitLoopNotes,
    {
      when: { type: 'handle_scheduled', callback: 'call_back(1, 1, 2)' },
      zh: 'call_later(0.1) 即 call_at(loop.time() + 0.1):一个 TimerHandle 压入按到期时间排序的堆,不进就绪队列。',
      en: 'call_later(0.1) is call_at(loop.time() + 0.1): a TimerHandle pushed on the heap ordered by deadline, not on the ready queue.',
    },
    {
      when: { type: 'handle_scheduled', kind: 'Handle', callback: /^call_back\('call_soon/ },
      zh: 'call_soon 的 Handle 直接进入就绪队列:下一轮迭代就运行,而定时器都还没到期。',
      en: 'The call_soon Handle goes straight to the ready queue: it runs on the next iteration, while no timer is due yet.',
    },
    {
      when: { type: 'handle_run', callback: 'call_back(2, 3, 4)' },
      zh: '定时器按到期时间出队:0.1 秒的 [1]、0.2 秒的 [3]、0.3 秒的 [2],与注册顺序无关。',
      en: 'The timers come out by deadline: [1] at 0.1 s, [3] at 0.2 s, [2] at 0.3 s, whatever their registration order.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'as-written', killAfter: 10 },
    { name: 'corrected', program: 'corrected', killAfter: 10 },
    { name: 'ctrl-c-0.15', program: 'as-written', interrupts: [0.15], killAfter: 10 },
    { name: 'dev', program: 'as-written', dev: true, killAfter: 10 },
  ],
  twin: callLaterProgram,
});
