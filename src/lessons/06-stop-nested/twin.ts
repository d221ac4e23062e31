// stop-nested.py (as written) and corrected/stop-nested.py on the simulated
// process. The two differ only in lines 29 and 31 (asyncio.Task.all_tasks() → asyncio.all_tasks(loop)),
// so both share this code and its line numbers. `py.line(n)` marks line n of the shown source.
import { KeyboardInterrupt } from '../../runtime/exceptions.js';
import type { Future } from '../../runtime/futures.js';
import type { Py } from '../../runtime/process/index.js';
import type { Task } from '../../runtime/tasks.js';
import { allTasksRemoved } from '../../scenarios/twin-helpers.js';

export function stopNestedProgram(asWritten: boolean) {
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
    const main = py.asyncDef('main', 9, function* () {
      py.line(10);
      const coroutine1 = do_some_work(1);
      py.line(11);
      const coroutine2 = do_some_work(2);
      py.line(12);
      const coroutine3 = do_some_work(3);
      // The list's items are evaluated first, then it is bound to `tasks` at line 14.
      py.line(15);
      const t1 = asyncio.ensureFuture(coroutine1);
      py.line(16);
      const t2 = asyncio.ensureFuture(coroutine2);
      py.line(17);
      const t3 = asyncio.ensureFuture(coroutine3);
      py.line(14);
      py.line(19);
      const [done] = (yield* asyncio.wait([t1, t2, t3])) as [Set<Future<string>>, Set<Future<string>>];
      py.line(20);
      for (const task of done) {
        py.line(21);
        py.print('Task result: ', task.result());
        py.line(20);
      }
    });
    py.line(22);
    py.line(23);
    const loop = asWritten ? asyncio.getEventLoop() : asyncio.newEventLoop();
    py.line(24);
    try {
      py.line(26);
      try {
        yield* loop.blocking.runUntilComplete(main());
      } catch (e) {
        py.line(28);
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.line(29, asWritten ? 'asyncio.Task.all_tasks' : undefined);
        if (asWritten) {
          throw allTasksRemoved(e);
        }
        py.print(asyncio.allTasks(loop));
        py.line(31);
        const gathered = asyncio.gather(...(asyncio.allTasks(loop) as Set<Task>));
        py.print(gathered.cancel());
        py.line(32);
        loop.stop();
        py.line(33);
        yield* loop.blocking.runForever();
      }
    } finally {
      py.line(35);
      loop.close();
    }
  };
}
