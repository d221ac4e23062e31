// call-soon.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { MainProgram, Py } from '../../runtime/process/index.js';
import { partial, str } from '../../runtime/repr.js';

/** The article's program, or (asWritten false) the corrected one: line 16 makes a new loop instead of asking get_event_loop() for one. */
export function callSoonProgram(asWritten: boolean): MainProgram {
  return (py) => callSoon(py, asWritten);
}

function* callSoon(py: Py, asWritten: boolean) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(2);
  py.line(4);
  const call_back = py.def('call_back', 4, (args: unknown, kwargs: unknown = 'default') => {
    // functools.partial passes its keywords as one trailing object
    const kw = typeof kwargs === 'object' && kwargs !== null ? (kwargs as { kwargs: unknown }).kwargs : kwargs;
    py.line(5);
    py.print(`普通函数作为回调函数,获取参数:${str(args)}, ${str(kw)}`);
  });
  py.line(7);
  const main = py.asyncDef('main', 7, function* () {
    py.line(8);
    py.print('注册callback函数');
    py.line(9);
    loop.callSoon(call_back, 1);
    py.line(10);
    const wrapped = partial(call_back, [], { kwargs: 'xxoo' });
    py.line(11);
    loop.callSoon(wrapped, 2);
    py.line(12);
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
