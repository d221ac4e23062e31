// threads-threadsafe.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { Py } from '../../runtime/process/index.js';

export function* threadsThreadsafeProgram(py: Py) {
  const { asyncio, time, threading } = py;
  py.line(1);
  py.line(2);
  py.line(3);
  py.line(5);
  const start_loop = py.def('start_loop', 5, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
    py.line(7);
    yield* loop.blocking.runForever();
  });
  py.line(9);
  const more_work = py.def('more_work', 9, function* (x: number) {
    py.line(10);
    py.print(`More work ${x}`);
    py.line(11);
    yield* time.sleep(x);
    py.line(12);
    py.print(`Finished more work ${x}`);
  });
  py.line(14);
  const new_loop = asyncio.newEventLoop();
  py.line(15);
  const t = threading.Thread({ target: start_loop, args: [new_loop] });
  py.line(16);
  t.start();
  py.line(17);
  py.print('The main thread is running...');
  py.line(18);
  new_loop.callSoonThreadsafe(more_work, 6);
  py.line(19);
  new_loop.callSoonThreadsafe(more_work, 3);
}
