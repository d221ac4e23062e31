// threads-queue.py (as written) and corrected/threads-queue.py on the simulated
// process. They differ only in lines 9 and 14 (currentThread() → current_thread()).
// `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import type { Py } from '../../runtime/process/index.js';

export function threadsQueueProgram(asWritten: boolean) {
  return function* (py: Py) {
    const { asyncio, time, threading } = py;
    const currentThread = () => (asWritten ? threading.currentThread() : threading.current_thread());
    py.line(1);
    py.line(2);
    py.line(8);
    const thread_loop = py.def('thread_loop', 8, function* (loop: BaseEventLoop) {
      py.line(9);
      py.print('线程开启 tid:', currentThread().ident);
      py.line(10);
      asyncio.setEventLoop(loop);
      py.line(11);
      yield* loop.blocking.runForever();
    });
    py.line(13);
    const func = py.asyncDef('func', 13, function* (x: number, q: ReturnType<typeof py.queue.Queue<number>>) {
      py.line(14);
      py.print('func :', x, ',time:', time.ctime(), ',tid:', currentThread().ident);
      py.line(15);
      yield* asyncio.sleep(x);
      py.line(16);
      q.put(x);
    });
    py.line(18);
    const q = py.queue.Queue<number>();
    py.line(20);
    const lp = asyncio.newEventLoop();
    py.line(21);
    const t = threading.Thread({ target: thread_loop, args: [lp] });
    py.line(22);
    t.start();
    py.line(24);
    const co1 = func(2, q);
    py.line(25);
    const co2 = func(3, q);
    py.line(27);
    asyncio.runCoroutineThreadsafe(co1, lp);
    py.line(28);
    asyncio.runCoroutineThreadsafe(co2, lp);
    py.line(30);
    py.print('开始事件:', time.ctime());
    for (;;) {
      py.line(31);
      py.line(32, 'q.get()');
      const x = yield* q.get();
      py.line(33);
      py.print('main :', x, ',time:', time.ctime());
    }
  };
}
