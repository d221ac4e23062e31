// Lesson `future`: a Future is PENDING until set_result / set_exception / cancel; run_until_complete
// stops the loop from a done callback; the result stays readable after close(). Its variants show the
// article's run/stop rules. Python programs: future.py and variants/future.*.py.
import { bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { closeRunningProgram, futureProgram, stopBeforeRunProgram, stopInBatchProgram } from './twin.js';
import { defineLesson, type VariantDefinition } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, newLoopChange } from '../../scenarios/implicit-loop-texts.js';

const stopBeforeRun: VariantDefinition = {
  title: bi('run_forever() 之前调用 stop()', 'stop() before run_forever()'),
  explanation: steps(
    bi(
      'stop() 只是设置一个标志:让当前这一轮迭代成为最后一轮。循环还没运行时调用它也一样。',
      'stop() only sets a flag: make the current iteration the last. Calling it before the loop runs is no different.',
    ),
    bi(
      'run_forever() 于是只跑一轮:因为 stop 标志已设置,select 的超时为 0(只轮询一下,不等待),然后运行就绪队列里已有的回调。',
      'So run_forever() runs one iteration: with the stop flag set, select gets timeout 0 (it polls, it does not wait), then the callbacks already in the ready queue run.',
    ),
    bi(
      '[call_soon] 运行了,而 call_later(1) 的定时器还没到期,不会运行;回调在本批次里注册的新回调也要等下一次运行。',
      '[call_soon] runs; the call_later(1) timer is not due and does not run; the callback it schedules during this batch waits for a next run.',
    ),
    bi(
      'run_forever() 返回,is_running() 为 False。close() 丢弃仍在等待的回调和定时器。',
      'run_forever() returns and is_running() is False. close() drops the callbacks and timers still waiting.',
    ),
  ),
  notes: [
    {
      when: { type: 'loop_stop_requested' },
      zh: 'stop() 只设置一个标志:当前(这里是下一)轮迭代将是最后一轮。',
      en: 'stop() only sets a flag: the current (here: the next) iteration will be the last.',
    },
    {
      when: { type: 'loop_state', state: 'stopped' },
      zh: '只跑了一轮:select 超时为 0,运行已在队列里的 call_soon 回调;1 秒的定时器和本批次新注册的回调都没有运行。',
      en: 'One iteration only: select with timeout 0, then the call_soon callback already queued; neither the 1-second timer nor the callback scheduled by the batch ran.',
    },
  ],
  twin: stopBeforeRunProgram,
};

const stopInBatch: VariantDefinition = {
  title: bi('一批回调运行时调用 stop()', 'stop() during a batch'),
  explanation: steps(
    bi(
      'first 和 second 在同一批次里。first 调用 stop(),然后用 call_soon 注册 later。',
      'first and second are in the same batch. first calls stop(), then schedules later with call_soon.',
    ),
    bi(
      'stop() 不会打断这一批:second 照常运行。_run_once 只运行本轮开始时队列里已有的那些回调。',
      'stop() does not cut the batch short: second still runs. _run_once runs exactly the callbacks that were queued when the iteration began.',
    ),
    bi(
      '本批次注册的 later 不在这一批里:run_forever() 返回时它还留在就绪队列中。',
      'later, scheduled by the batch, is not part of it: it is still in the ready queue when run_forever() returns.',
    ),
    bi(
      '第二次 run_forever() 先运行 later,再运行 loop.stop,然后返回。',
      'The second run_forever() runs later, then loop.stop, then returns.',
    ),
  ),
  notes: [
    {
      when: { type: 'handle_scheduled', callback: 'later()' },
      zh: 'later 被追加到就绪队列,但不属于正在运行的这一批。',
      en: 'later is appended to the ready queue, but it is not part of the batch being run.',
    },
  ],
  twin: stopInBatchProgram,
};

const closeRunning: VariantDefinition = {
  title: bi('close():不能关闭运行中的循环,且不可逆', 'close(): refused while running, and irreversible'),
  explanation: steps(
    bi(
      '回调里调用 loop.close():循环正在运行,抛出 RuntimeError: Cannot close a running event loop。',
      'A callback calls loop.close() while the loop runs: RuntimeError: Cannot close a running event loop.',
    ),
    bi(
      '停止后再 close():10 秒的定时器还没运行,就被丢弃了,永远不会运行。',
      'After the loop stops, close() succeeds: the 10-second timer that never ran is dropped for good.',
    ),
    bi(
      '关闭是不可逆的:之后再 call_soon 会抛出 RuntimeError: Event loop is closed。',
      'Closing is irreversible: a later call_soon raises RuntimeError: Event loop is closed.',
    ),
    bi(
      '但 future 的结果存在 future 对象里,与循环无关:close() 之后仍然可以读取。',
      'A future\'s result lives in the future, not in the loop: it can still be read after close().',
    ),
  ),
  notes: [
    {
      when: { type: 'loop_state', state: 'closed' },
      zh: 'close() 成功:10 秒的定时器从未运行,被直接丢弃。',
      en: 'close() succeeds: the 10-second timer never ran and is dropped.',
    },
  ],
  twin: closeRunningProgram,
};


export default defineLesson({
  command: 'future',
  title: bi('Future:从 pending 到 finished', 'Future: from pending to finished'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'A Future is PENDING until `set_result`; `run_until_complete` stops the loop from a done callback (`_run_until_complete_cb`); the result stays readable after `close()`. Variants: `stop-before-run` (`stop()` before `run_forever()` runs one iteration and polls with timeout 0), `stop-in-batch` (the current batch finishes; what it schedules waits for the next run), `close-running` (`close()` refuses a running loop, drops pending callbacks, and is irreversible).',
  explanation: steps(
    bi(
      'asyncio.Future() 创建时是 PENDING 状态:还没有结果。',
      'asyncio.Future() starts PENDING: no result yet.',
    ),
    bi(
      'call_soon 安排 call_back(future, ...) 在下一轮迭代运行。',
      'call_soon schedules call_back(future, ...) for the next iteration.',
    ),
    bi(
      'run_until_complete(future) 给 future 加上一个完成回调 _run_until_complete_cb(它会停止循环),然后 run_forever()。所以第一次打印的 future 显示 cb=[_run_until_complete_cb() ...]。',
      'run_until_complete(future) adds a done callback to the future, _run_until_complete_cb (it stops the loop), then calls run_forever(). That is why the first print shows cb=[_run_until_complete_cb() ...].',
    ),
    bi(
      'call_back 调用 set_result:future 立刻变为 FINISHED,它的完成回调被 call_soon 安排到下一轮,而不是当场运行。',
      'call_back calls set_result: the future is FINISHED at once, and its done callback is scheduled with call_soon for the next iteration, not run on the spot.',
    ),
    bi(
      '下一轮 _run_until_complete_cb 调用 loop.stop(),run_forever() 返回,run_until_complete 返回 future 的结果。',
      'Next iteration, _run_until_complete_cb calls loop.stop(); run_forever() returns, and run_until_complete returns the future\'s result.',
    ),
    bi(
      'close() 之后结果依然可读:结果保存在 future 对象里。',
      'After close() the result is still readable: it is kept in the future object.',
    ),
  ),
  corrections: {
    10: newLoopChange(
      bi(
        '第 12 行的 asyncio.Future() 不在运行中的循环里,它会向 asyncio 要当前循环:所以这一行还用 set_event_loop(loop) 把新循环设为当前循环(3.14 起若没有设置,Future() 同样抛出 RuntimeError)。',
        "Line 12's asyncio.Future() runs outside a running loop and asks asyncio for the current loop, so this line also makes the new loop the current one with set_event_loop(loop) (from 3.14, Future() with no loop set raises the same RuntimeError).",
      ),
    ),
  },
  asWrittenOn: implicitLoopAsWritten({ file: 'future.py', line: 10, statement: 'loop = asyncio.get_event_loop()' }),
  errata: [
    bi(
      '文中说 future 有 pending、running、done、cancelled 四种状态,并说事件循环执行时 task 处于 running 状态。asyncio 的 Future(和 Task)只有三种状态:PENDING、CANCELLED、FINISHED;"running" 是 concurrent.futures.Future 的状态。正在执行的 Task 仍是 PENDING。',
      'The article lists four future states, pending, running, done and cancelled, and says a task is "running" while the loop executes it. An asyncio Future (and Task) has three: PENDING, CANCELLED, FINISHED; "running" belongs to concurrent.futures.Future. A Task being executed is still PENDING.',
    ),
    bi(
      '文中的输出显示 base_events.py:158(Python 3.7);3.11 中 _run_until_complete_cb 定义在 base_events.py 第 180 行。',
      'The article\'s output shows base_events.py:158 (Python 3.7); in 3.11 _run_until_complete_cb is defined at base_events.py line 180.',
    ),
    bi(
      '文中说"可以通过 asyncio.Task 获取事件循环的 task":asyncio.Task.all_tasks() 已在 Python 3.9 移除,应使用 asyncio.all_tasks(loop)。',
      'The article says the loop\'s tasks can be obtained through asyncio.Task: asyncio.Task.all_tasks() was removed in Python 3.9; use asyncio.all_tasks(loop).',
    ),
    getEventLoopErratum,
  ],
  interrupts: [],
  defaultUntil: 5,
  // Which panels give way last on a small screen: the future's states and its done callback are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the done callback that stops the loop (futures panel).
  keyToken: '_run_until_complete_cb',
  panels: ['futures', 'source', 'output', 'loop', 'timeline'],
  notes: [
    ...implicitLoopNotes,
    {
      when: { type: 'output', text: /^此时future的状态/ },
      zh: 'PENDING:还没有结果。cb=[_run_until_complete_cb()] 是 run_until_complete 加上的完成回调,它会停止循环。',
      en: 'PENDING: no result yet. cb=[_run_until_complete_cb()] is the done callback run_until_complete added; it will stop the loop.',
    },
    {
      when: { type: 'handle_scheduled', callback: /^_run_until_complete_cb/ },
      zh: 'set_result:future 立即变为 FINISHED;它的完成回调被 call_soon 排到下一轮,不在此刻运行。',
      en: 'set_result: the future is FINISHED at once; its done callback is scheduled with call_soon for the next iteration, not run now.',
    },
    {
      when: { type: 'loop_state', state: 'stopped' },
      zh: '_run_until_complete_cb 调用了 loop.stop():run_forever() 返回,run_until_complete 返回结果。',
      en: '_run_until_complete_cb called loop.stop(): run_forever() returns, and run_until_complete returns the result.',
    },
    {
      when: { type: 'output', text: /^获取future的结果/ },
      zh: '循环已经关闭,结果仍然可读:它保存在 future 对象里。',
      en: 'The loop is closed and the result is still readable: it is kept in the future object.',
    },
  ],
  variants: { 'stop-before-run': stopBeforeRun, 'stop-in-batch': stopInBatch, 'close-running': closeRunning },
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: 'dev', program: 'as-written', dev: true, killAfter: 10 },
    { name: '', program: 'as-written', killAfter: 10 },
    { name: 'corrected', program: 'corrected', killAfter: 10 },
    { name: 'stop-before-run', program: 'variant:stop-before-run', killAfter: 10 },
    { name: 'stop-in-batch', program: 'variant:stop-in-batch', killAfter: 10 },
    { name: 'close-running', program: 'variant:close-running', killAfter: 10 },
  ],
  twin: futureProgram,
});
