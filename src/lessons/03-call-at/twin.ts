// call-at.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { MainProgram, Py } from '../../runtime/process/index.js';
import { pyFloat, str } from '../../runtime/repr.js';

/** The article's program, or (asWritten false) the corrected one: line 16 makes a new loop instead of asking get_event_loop() for one. */
export function callAtProgram(asWritten: boolean): MainProgram {
  return (py) => callAt(py, asWritten);
}

function* callAt(py: Py, asWritten: boolean) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(3);
  const call_back = py.def('call_back', 3, (index: unknown) => {
    py.line(4);
    py.print(`[Call_back--${str(index)}]: The running time point is ${str(pyFloat(loop.time()))}`);
  });
  py.line(6);
  const main = py.asyncDef('main', 6, function* () {
    py.line(7);
    const now = loop.time();
    py.line(8);
    py.print(`当前的内部时间:${str(pyFloat(now))}`);
    py.line(9);
    py.print('注册callback');
    py.line(10);
    loop.callAt(now + 0.2, call_back, 'c_b-1');
    py.line(11);
    loop.callAt(now + 0.1, call_back, 'c_b-2');
    py.line(12);
    loop.callSoon(call_back, 'call_soon方法');
    py.line(13);
    yield* asyncio.sleep(0.5);
  });
  py.line(15);
  py.line(16);
  loop = asWritten ? asyncio.getEventLoop() : asyncio.newEventLoop();
  py.line(17);
  try {
    py.line(18);
    yield* loop.blocking.runUntilComplete(main());
  } catch (e) {
    // except: raise
    py.line(19);
    py.line(20);
    throw e;
  } finally {
    py.line(22);
    loop.close();
  }
}
