// threads-daemon.py (as written), corrected/threads-daemon.py and the variant
// variants/daemon/threads-daemon.py on the simulated process. They differ only in line 17
// (a comment, or t.daemon = True) and line 27 (loop.stop() or call_soon_threadsafe(loop.stop)).
// `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import { KeyboardInterrupt } from '../../runtime/exceptions.js';
import type { Py } from '../../runtime/process/index.js';
import { pyMethod, str } from '../../runtime/repr.js';

export interface DaemonProgramOptions {
  /** Line 17 is `t.daemon = True` (the variant) rather than a comment. */
  daemon: boolean;
  /** Line 27 is `new_loop.call_soon_threadsafe(new_loop.stop)` (corrected) rather than `new_loop.stop()`. */
  threadsafeStop: boolean;
}

export function threadsDaemonProgram({ daemon, threadsafeStop }: DaemonProgramOptions) {
  return function* (py: Py) {
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
    const task = py.asyncDef('task', 9, function* (index: number, x: number) {
      py.line(10);
      py.print(`The task_${index} will waite ${x}s`);
      py.line(11);
      yield* asyncio.sleep(x);
      py.line(12);
      py.print(`Done after ${x}s`);
    });
    py.line(14);
    const new_loop = asyncio.newEventLoop();
    py.line(15);
    const t = threading.Thread({ target: start_loop, args: [new_loop] });
    if (daemon) {
      py.line(17);
      t.daemon = true;
    }
    py.line(18);
    t.start();
    py.line(19);
    py.print('The main thread is running...');
    py.line(20);
    try {
      for (;;) {
        py.line(21);
        py.line(22);
        asyncio.runCoroutineThreadsafe(task(1, 1), new_loop);
        py.line(23);
        yield* time.sleep(1);
        py.line(24);
        asyncio.runCoroutineThreadsafe(task(2, 2), new_loop);
      }
    } catch (e) {
      if (!(e instanceof KeyboardInterrupt)) throw e;
      py.line(25);
      py.line(26);
      py.print(`---------KeyboardInterrupt:${str(e)}`);
      py.line(27);
      if (threadsafeStop) {
        new_loop.callSoonThreadsafe(pyMethod(new_loop, 'stop', 'BaseEventLoop.stop'));
      } else {
        new_loop.stop();
      }
      py.line(28);
      py.print('------xxoo-------');
    }
  };
}
