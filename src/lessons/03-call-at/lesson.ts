// Lesson `call-at`: loop.time() is the loop's monotonic clock and call_at takes an absolute deadline
// on it. Python program: call-at.py (the article's, unchanged).
import { bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { callAtProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, loopNeedNotBeSet, newLoopChange } from '../../scenarios/implicit-loop-texts.js';


export default defineLesson({
  command: 'call-at',
  title: bi('call_at:事件循环自己的时钟', 'call_at: deadlines on the loop\'s own clock'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    '`loop.time()` is the loop\'s monotonic clock, not wall time; `call_at` takes an absolute deadline on it.',
  explanation: steps(
    bi(
      'loop.time() 读的是事件循环的单调时钟(time.monotonic()),不是墙上时间:它从某个任意起点开始计数,只会增加,适合计算间隔和到期时间。',
      'loop.time() reads the loop\'s monotonic clock (time.monotonic()), not wall-clock time: it counts from an arbitrary origin and only goes forward, which is what deadlines need.',
    ),
    bi(
      'call_at(when, ...) 接受这个时钟上的绝对时间。main() 注册 now + 0.2 的 c_b-1 和 now + 0.1 的 c_b-2,再用 call_soon 注册一个立即运行的回调。',
      'call_at(when, ...) takes an absolute time on that clock. main() registers c_b-1 at now + 0.2 and c_b-2 at now + 0.1, then a callback with call_soon.',
    ),
    bi(
      'call_soon 的回调在下一轮迭代运行,打印的时间几乎等于 now。',
      'The call_soon callback runs on the next iteration; the time it prints is almost exactly now.',
    ),
    bi(
      '然后 c_b-2(now + 0.1)先于 c_b-1(now + 0.2)运行:堆按到期时间排序。call_later 内部正是调用 call_at。',
      'Then c_b-2 (now + 0.1) runs before c_b-1 (now + 0.2): the heap orders by deadline. call_later itself calls call_at.',
    ),
    bi(
      '打印的时间总比到期时间晚一点点:select 的超时被向上取整到毫秒(epoll),而且每读一次时钟它都会前进(这里每次 1 微秒)。真实运行中还要加上线程被唤醒的延迟。比较时这些数值被忽略。',
      'The printed times are a little after each deadline: select\'s timeout is rounded up to the millisecond (epoll), and the clock moves on every read (here 1 µs per read). A real run adds the time the thread takes to wake up. The comparison with CPython ignores these values.',
    ),
  ),
  corrections: { 16: newLoopChange(loopNeedNotBeSet) },
  asWrittenOn: implicitLoopAsWritten({ file: 'call-at.py', line: 16, statement: 'loop = asyncio.get_event_loop()' }),
  errata: [
    bi(
      '文中写的参数名 contex=None 是笔误,应为 context=None。',
      'The article spells the parameter contex=None; it is context=None.',
    ),
    getEventLoopErratum,
  ],
  interrupts: [],
  defaultUntil: 5,
  // Which panels give way last on a small screen: the heap's deadlines on the loop's clock are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: an absolute deadline on the loop's clock (source, line 11).
  keyToken: 'loop.call_at(now + 0.1, call_back, "c_b-2")',
  panels: ['loop', 'source', 'output', 'timeline', 'futures'],
  notes: [
    ...implicitLoopNotes,
    {
      when: { type: 'output', text: /^当前的内部时间/ },
      zh: 'loop.time() 读取事件循环的单调时钟:从任意起点计数,只增不减,与墙上时间无关。',
      en: 'loop.time() reads the loop\'s monotonic clock: counted from an arbitrary origin, only increasing, unrelated to wall time.',
    },
    {
      when: { type: 'handle_scheduled', callback: "call_back('c_b-2')" },
      zh: 'call_at 接受这个时钟上的绝对时间。c_b-2 的到期时间更早,所以它在堆顶。',
      en: 'call_at takes an absolute time on that clock. c_b-2 is due earlier, so it is at the top of the heap.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'as-written', killAfter: 10 },
    { name: 'corrected', program: 'corrected', killAfter: 10 },
    { name: 'ctrl-c-0.3', program: 'as-written', interrupts: [0.3], killAfter: 10 },
  ],
  twin: callAtProgram,
});
