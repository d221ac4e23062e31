// programs/call-later.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { Py } from '../../runtime/process/index.js';
import { str } from '../../runtime/repr.js';

export function* callLaterProgram(py: Py) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(3);
  const call_back = py.def('call_back', 3, (index: unknown, x: number, y: number) => {
    py.line(4);
    py.print(`[Call_back--${str(index)}]:${x} + ${y} = ${x + y}`);
  });
  py.line(6);
  const main = py.asyncDef('main', 6, function* () {
    py.line(7);
    py.print('注册callback函数');
    py.line(8);
    loop.callLater(0.1, call_back, 1, 1, 2);
    py.note({
      zh: 'call_later(0.1) 即 call_at(loop.time() + 0.1):一个 TimerHandle 压入按到期时间排序的堆,不进就绪队列。',
      en: 'call_later(0.1) is call_at(loop.time() + 0.1): a TimerHandle pushed on the heap ordered by deadline, not on the ready queue.',
    });
    py.line(9);
    loop.callLater(0.3, call_back, 2, 3, 4);
    py.line(10);
    loop.callLater(0.2, call_back, 3, 5, 7);
    py.line(11);
    loop.callSoon(call_back, 'call_soon 方法', 9, 9);
    py.note({
      zh: 'call_soon 的 Handle 直接进入就绪队列:下一轮迭代就运行,而定时器都还没到期。',
      en: 'The call_soon Handle goes straight to the ready queue: it runs on the next iteration, while no timer is due yet.',
    });
    py.line(12);
    yield* asyncio.sleep(0.5);
    py.note({
      zh: '定时器按到期时间出队:0.1 秒的 [1]、0.2 秒的 [3]、0.3 秒的 [2],与注册顺序无关。',
      en: 'The timers came out by deadline: [1] at 0.1 s, [3] at 0.2 s, [2] at 0.3 s, whatever their registration order.',
    });
  });
  py.line(14);
  py.line(15);
  loop = asyncio.getEventLoop();
  py.line(16);
  try {
    py.line(17);
    yield* loop.blocking.runUntilComplete(main());
  } catch (e) {
    // except: raise
    py.line(18);
    py.line(19);
    throw e;
  } finally {
    py.line(21);
    loop.close();
  }
}
