// programs/threads-coroutine.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import { KeyboardInterrupt } from '../../runtime/exceptions.js';
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
  py.note({
    zh: 'run_coroutine_threadsafe 让 new_loop 创建一个 Task 并唤醒它,立即返回一个与之链接的 concurrent.futures.Future。',
    en: 'run_coroutine_threadsafe has new_loop create a Task (and wakes it), and returns at once a concurrent.futures.Future chained to it.',
  });
  py.line(20);
  const future2 = asyncio.runCoroutineThreadsafe(more_work(3), new_loop);
  py.line(22);
  py.note({
    zh: 'future1.result() 阻塞主线程,直到 6 秒的任务完成。两个协程在 new_loop 上并发运行:总共 6 秒,不是 9 秒。',
    en: 'future1.result() blocks the main thread until the 6-second task is done. Both coroutines run concurrently on new_loop: 6 s in all, not 9.',
  });
  let result1: string;
  let result2: string;
  try {
    py.line(22, 'future1.result()');
    result1 = yield* future1.result();
    py.line(22, 'future2.result()');
    result2 = yield* future2.result();
  } catch (e) {
    if (e instanceof KeyboardInterrupt) {
      py.note({
        zh: 'Ctrl+C:KeyboardInterrupt 在 result() 的等待里抛出,主线程结束;线程 t 和它的循环照常运行,进程挂在退出阶段。',
        en: 'Ctrl+C: KeyboardInterrupt is raised in result()\'s wait and the main thread ends; thread t and its loop carry on, and the process hangs at exit.',
      });
    }
    throw e;
  }
  py.line(22);
  py.print(str(result1), str(result2));
  py.note({
    zh: '主线程的代码结束了;解释器退出前 join 线程 t,而它永远在 run_forever() 里:进程挂起。',
    en: 'The main thread\'s code is done; at exit the interpreter joins thread t, which stays in run_forever() forever: the process hangs.',
  });
}
