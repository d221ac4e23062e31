// programs/threads-pool.py on the simulated process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { Py } from '../../runtime/process/index.js';

export function* threadsPoolProgram(py: Py) {
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
    py.note({
      zh: '工作线程在自己的循环 thread_loop 上运行两个任务;主线程同时在另一个循环上运行 main_task。',
      en: 'The worker thread runs the two tasks on its own loop, thread_loop; meanwhile the main thread runs main_task on another loop.',
    });
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
  py.note({
    zh: 'submit 把 thread_loop_task 交给线程池的一个工作线程,立即返回:主线程不等待。两个线程从此同时运行,打印的顺序是竞争。',
    en: 'submit hands thread_loop_task to a pool worker and returns at once: the main thread does not wait. From here the two threads run at the same time, and the order of their prints is a race.',
  });
  py.line(32);
  py.print('The main thread is not blocked ....');
  py.line(34);
  const main_loop = asyncio.getEventLoop();
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
  py.note({
    zh: '两个循环都没有 close():调试模式下退出时会报告 ResourceWarning: unclosed event loop。',
    en: 'Neither loop is closed: in debug mode exit reports ResourceWarning: unclosed event loop.',
  });
}
