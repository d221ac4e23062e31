// programs/threads-threadsafe.py on the simulated process. `py.line(n)` marks line n of the shown source.
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
    py.note({
      zh: '线程 t 进入 run_forever():就绪队列为空,它阻塞在 select 里,不设超时。',
      en: 'Thread t enters run_forever(): the ready queue is empty, so it blocks in select with no timeout.',
    });
    yield* loop.blocking.runForever();
  });
  py.line(9);
  const more_work = py.def('more_work', 9, function* (x: number) {
    py.line(10);
    py.print(`More work ${x}`);
    py.line(11);
    py.note({
      zh: `time.sleep(${x}) 是同步阻塞:线程 t 和它的整个循环停住 ${x} 秒,队列里的下一个回调只能等着。`,
      en: `time.sleep(${x}) blocks: thread t and its whole loop stall for ${x} s, and the next callback in the queue waits.`,
    });
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
  py.note({
    zh: 'call_soon_threadsafe 把 Handle 追加到 new_loop 的就绪队列,并写自管道:阻塞在 select 里的线程 t 醒来。',
    en: 'call_soon_threadsafe appends a Handle to new_loop\'s ready queue and writes its self-pipe: thread t, blocked in select, wakes up.',
  });
  py.line(19);
  new_loop.callSoonThreadsafe(more_work, 3);
  py.note({
    zh: '主线程的代码到此结束,但解释器退出前要 join 非守护线程 t,而 t 永远不会结束:进程会挂起。',
    en: 'The main thread\'s code ends here, but before exiting the interpreter joins the non-daemon thread t, which never ends: the process will hang.',
  });
}
