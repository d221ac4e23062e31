// programs/threads-daemon.py (as written), programs/corrected/threads-daemon.py and the variant
// programs/variants/threads-daemon.daemon.py on the simulated process. They differ only in line 17
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
      py.note({
        zh: '循环线程看到了 stop 标志:run_forever() 返回,线程 t 结束。',
        en: 'The loop thread saw the stop flag: run_forever() returned and thread t ends.',
      });
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
      py.note({
        zh: 't(不是主线程)成为守护线程:解释器退出时不等待它。',
        en: 't (not the main thread) is now a daemon: the interpreter will not wait for it at exit.',
      });
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
      py.note({
        zh: 'Ctrl+C:KeyboardInterrupt 在主线程所在的 time.sleep(1) 里抛出。',
        en: 'Ctrl+C: KeyboardInterrupt is raised where the main thread stands, in time.sleep(1).',
      });
      py.line(26);
      py.print(`---------KeyboardInterrupt:${str(e)}`);
      py.line(27);
      if (threadsafeStop) {
        new_loop.callSoonThreadsafe(pyMethod(new_loop, 'stop', 'BaseEventLoop.stop'));
        py.note({
          zh: 'stop 被排进循环自己的线程,并通过自管道唤醒它:循环线程立即停止。',
          en: 'stop is queued on the loop\'s own thread, which the self-pipe wakes: the loop thread stops at once.',
        });
      } else {
        new_loop.stop();
        py.note({
          zh: '从另一个线程调用 stop() 只设置标志,不唤醒循环:循环线程要等下一个定时器到期才会看到它。',
          en: 'stop() from another thread only sets the flag and wakes nobody: the loop thread sees it when its next timer is due.',
        });
      }
      py.line(28);
      py.print('------xxoo-------');
    }
  };
}
