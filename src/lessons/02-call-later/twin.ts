// call-later.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { MainProgram, Py } from '../../runtime/process/index.js';
import { str } from '../../runtime/repr.js';

/** The article's program, or (asWritten false) the corrected one: line 15 makes a new loop instead of asking get_event_loop() for one. */
export function callLaterProgram(asWritten: boolean): MainProgram {
  return (py) => callLater(py, asWritten);
}

function* callLater(py: Py, asWritten: boolean) {
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
    py.line(9);
    loop.callLater(0.3, call_back, 2, 3, 4);
    py.line(10);
    loop.callLater(0.2, call_back, 3, 5, 7);
    py.line(11);
    loop.callSoon(call_back, 'call_soon 方法', 9, 9);
    py.line(12);
    yield* asyncio.sleep(0.5);
  });
  py.line(14);
  py.line(15);
  loop = asWritten ? asyncio.getEventLoop() : asyncio.newEventLoop();
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
