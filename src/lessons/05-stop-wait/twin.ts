// stop-wait.py (as written) and corrected/stop-wait.py on the simulated process.
// The two differ only in lines 25-26 (asyncio.Task.all_tasks() → asyncio.all_tasks(loop)), so both
// share this code and its line numbers. `py.line(n)` marks line n of the shown source.
import { KeyboardInterrupt } from '../../runtime/exceptions.js';
import type { Py } from '../../runtime/process/index.js';
import type { Task } from '../../runtime/tasks.js';
import { allTasksRemoved } from '../../scenarios/twin-helpers.js';

export function stopWaitProgram(asWritten: boolean) {
  return function* (py: Py) {
    const { asyncio } = py;
    py.line(1);
    py.line(3);
    const do_some_work = py.asyncDef('do_some_work', 3, function* (x: number) {
      py.line(4);
      py.print('Waiting: ', x);
      py.line(6);
      yield* asyncio.sleep(x);
      py.line(7);
      return `Done after ${x}s`;
    });
    py.line(9);
    const coroutine1 = do_some_work(1);
    py.line(10);
    const coroutine2 = do_some_work(2);
    py.line(11);
    const coroutine3 = do_some_work(3);
    if (!asWritten) {
      // corrected: a loop is made and set before ensure_future asks for the current one
      py.line(12);
      asyncio.setEventLoop(asyncio.newEventLoop());
    }
    // The list's items are evaluated first, then it is bound to `tasks` at line 13.
    // (3.14+ raise here, 'There is no current event loop': the traceback underlines the call)
    py.line(14, 'asyncio.ensure_future(coroutine1)');
    const t1 = asyncio.ensureFuture(coroutine1);
    py.line(15);
    const t2 = asyncio.ensureFuture(coroutine2);
    py.line(16);
    const t3 = asyncio.ensureFuture(coroutine3);
    py.line(13);
    const tasks = [t1, t2, t3];
    py.line(19);
    const loop = asyncio.getEventLoop();
    py.line(20);
    try {
      py.line(22);
      try {
        yield* loop.blocking.runUntilComplete(asyncio.wait(tasks));
      } catch (e) {
        py.line(24);
        if (!(e instanceof KeyboardInterrupt)) throw e;
        // (the attribute lookup that fails on 3.9+ is what a traceback underlines)
        py.line(25, asWritten ? 'asyncio.Task.all_tasks' : undefined);
        if (asWritten) {
          throw allTasksRemoved(e);
        }
        py.print('查看事件循环里的所有任务:', asyncio.allTasks(loop));
        py.line(26);
        for (const task of asyncio.allTasks(loop) as Set<Task>) {
          py.line(27);
          py.print('任务是否cancelled??', task.cancel());
          py.line(26);
        }
        py.line(28);
        loop.stop();
        py.line(29);
        yield* loop.blocking.runForever();
      }
    } finally {
      py.line(31);
      loop.close();
    }
  };
}
