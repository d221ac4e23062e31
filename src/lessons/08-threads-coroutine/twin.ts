// threads-coroutine.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { Py } from '../../runtime/process/index.js';
import { str } from '../../runtime/repr.js';

export function* threadsCoroutineProgram(py: Py) {
  const { asyncio, threading } = py;
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
  const more_work = py.asyncDef('more_work', 9, function* (x: number) {
    py.line(10);
    py.print(`More work ${x}`);
    py.line(11);
    yield* asyncio.sleep(x);
    py.line(12);
    py.print(`Finished more work ${x}`);
    py.line(13);
    return `the task conducts about ${x}s`;
  });
  py.line(15);
  const new_loop = asyncio.newEventLoop();
  py.line(16);
  const t = threading.Thread({ target: start_loop, args: [new_loop] });
  py.line(17);
  t.start();
  py.line(18);
  py.print('The main thread is running...');
  py.line(19);
  const future1 = asyncio.runCoroutineThreadsafe(more_work(6), new_loop);
  py.line(20);
  const future2 = asyncio.runCoroutineThreadsafe(more_work(3), new_loop);
  py.line(22);
  py.line(22, 'future1.result()');
  const result1 = yield* future1.result();
  py.line(22, 'future2.result()');
  const result2 = yield* future2.result();
  py.line(22);
  py.print(str(result1), str(result2));
}
