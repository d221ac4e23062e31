// threads-pool.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { MainProgram, Py } from '../../runtime/process/index.js';

/** The article's program, or (asWritten false) the corrected one: line 34 makes the main thread's loop instead of asking get_event_loop() for one. */
export function threadsPoolProgram(asWritten: boolean): MainProgram {
  return (py) => threadsPool(py, asWritten);
}

function* threadsPool(py: Py, asWritten: boolean) {
  const { asyncio, concurrent } = py;
  py.line(1);
  py.line(2);
  py.line(4);
  const thread_loop_task = py.def('thread_loop_task', 4, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
    py.line(8);
    const task_1 = py.asyncDef(
      'task_1',
      8,
      function* (_index: number, delay: number) {
        py.line(9);
        py.print('The task_1 is ready...');
        py.line(10);
        py.print(`The task_1 conducts on loop:${py.id(loop)}`);
        py.line(11);
        yield* asyncio.sleep(delay);
        py.line(12);
        py.print('The task_1 is finished!');
      },
      { qualname: 'thread_loop_task.<locals>.task_1' },
    );
    py.line(14);
    const task_2 = py.asyncDef(
      'task_2',
      14,
      function* (_index: number, delay: number) {
        py.line(15);
        py.print('The task_2 is ready...');
        py.line(16);
        py.print(`The task_2 conducts on loop:${py.id(loop)}`);
        py.line(17);
        yield* asyncio.sleep(delay);
        py.line(18);
        py.print('The task_2 is finished!');
      },
      { qualname: 'thread_loop_task.<locals>.task_2' },
    );
    py.line(20);
    const futures = asyncio.gather(task_1(1, 1), task_2(2, 2));
    py.line(21);
    yield* loop.blocking.runUntilComplete(futures);
  });
  py.line(23);
  py.line(25);
  py.print('Create a new loop for child thread!');
  py.line(26);
  const thread_loop = asyncio.newEventLoop();
  py.line(29);
  const executor = concurrent.futures.ThreadPoolExecutor();
  py.line(30);
  executor.submit(thread_loop_task, thread_loop);
  py.line(32);
  py.print('The main thread is not blocked ....');
  py.line(34);
  const main_loop = asWritten ? asyncio.getEventLoop() : asyncio.newEventLoop();
  py.line(36);
  const main_task = py.asyncDef('main_task', 36, function* () {
    for (let i = 0; i < 2; i++) {
      py.line(37);
      py.line(38);
      py.print(`The main thread conducts on loop:${py.id(main_loop)}`);
      py.line(39);
      yield* asyncio.sleep(1);
    }
    py.line(37);
  });
  py.line(41);
  yield* main_loop.blocking.runUntilComplete(main_task());
}
