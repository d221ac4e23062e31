// The simulated process against real python3: each program runs on CPython (small real sleeps,
// SIGINT sent by the harness at chosen moments) and on the simulation (same program, same interrupt
// times); printed lines, stderr and exit status must match, lines marked as a race may interleave.
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../src/runtime/base-events.js';
import { AttributeError, KeyboardInterrupt, QueueEmpty, RuntimeError, TimeoutError, ValueError } from '../../src/runtime/exceptions.js';
import { pyFloat } from '../../src/runtime/repr.js';
import { runProcess, type MainProgram, type Op, type ProcessResult, type Py } from '../../src/runtime/process/index.js';
import { compareLines } from '../scenarios/compare.js';
import { NATIVE_PYTHON } from '../runtime/native-python.js';
import { runPython } from './python-oracle.js';
import { printed, status } from './simulated.js';

interface Case {
  name: string;
  python: string;
  program: MainProgram;
  interrupts?: number[];
  until?: number;
}

/**
 * python3 runs these programs in real time, with 50-100 ms between the moments they race; on a loaded
 * machine the OS can delay a thread past that margin. The simulation is deterministic, so a real run
 * that agrees with it settles the case, and only a disagreement in every one of ORACLE_TRIES runs fails.
 */
const ORACLE_TRIES = 3;

function check({ python, program, interrupts = [], until = 10 }: Case): { sim: ProcessResult } {
  const sim = runProcess(program, { file: 'prog.py', source: python, interrupts, until, python: NATIVE_PYTHON });
  const compare = (real: ReturnType<typeof runPython>) => ({
    stdout: compareLines(printed(sim, 'stdout'), real.stdout),
    stderr: compareLines(printed(sim, 'stderr'), real.stderr),
    status: status(sim),
  });
  let real = runPython(python, interrupts);
  let result = compare(real);
  for (let tries = 1; tries < ORACLE_TRIES && !(result.stdout.ok && result.stderr.ok && result.status === real.status); tries++) {
    real = runPython(python, interrupts);
    result = compare(real);
  }
  expect(result, `CPython printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}`).toEqual({
    stdout: { ok: true },
    stderr: { ok: true },
    status: real.status,
  });
  return { sim };
}

/** `def blocker(): print("blocking"); time.sleep(1); print("unblocked")` at line 2: a callback that blocks its thread. */
function defBlocker(py: Py) {
  return py.def('blocker', 2, function* () {
    py.line(3);
    py.print('blocking');
    py.line(4);
    yield* py.time.sleep(1);
    py.line(5);
    py.print('unblocked');
  });
}

const cases: Case[] = [
  {
    name: 'a started thread runs alongside the main thread; join waits for it',
    python: `import threading, time
def worker(n):
    for i in range(3):
        print(f"worker {n} step {i}")
        time.sleep(0.1)
t = threading.Thread(target=worker, args=(1,))
t.start()
time.sleep(0.05)
print("main waiting")
t.join()
print("main done")
`,
    *program(py) {
      const worker = py.def('worker', 2, function* (n: number) {
        for (let i = 0; i < 3; i++) {
          py.print(`worker ${n} step ${i}`);
          yield* py.time.sleep(0.1);
        }
      });
      const t = py.threading.Thread({ target: worker, args: [1] });
      t.start();
      yield* py.time.sleep(0.05);
      py.print('main waiting');
      yield* t.join();
      py.print('main done');
    },
  },
  {
    name: 'Ctrl+C in time.sleep ends the program with a traceback and status -2',
    python: `import time
print("sleeping")
time.sleep(1)
print("never")
`,
    interrupts: [0.3],
    *program(py) {
      py.line(2);
      py.print('sleeping');
      py.line(3);
      yield* py.time.sleep(1);
      py.line(4);
      py.print('never');
    },
  },
  {
    name: 'Ctrl+C in q.get() is caught by except KeyboardInterrupt',
    python: `import queue, threading, time
q = queue.Queue()
def producer():
    for i in range(2):
        time.sleep(0.1)
        q.put(i)
t = threading.Thread(target=producer)
t.start()
try:
    while True:
        x = q.get()
        print("got", x)
except KeyboardInterrupt:
    print("interrupted")
`,
    interrupts: [0.4],
    *program(py) {
      const q = py.queue.Queue<number>();
      const producer = py.def('producer', 3, function* () {
        for (let i = 0; i < 2; i++) {
          yield* py.time.sleep(0.1);
          q.put(i);
        }
      });
      py.threading.Thread({ target: producer }).start();
      try {
        for (;;) {
          const x = yield* q.get();
          py.print('got', x);
        }
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.print('interrupted');
      }
    },
  },
  {
    name: 'uncaught Ctrl+C in q.get() shows the queue.py and threading.py frames',
    python: `import queue
q = queue.Queue()
q.get()
`,
    interrupts: [0.3],
    *program(py) {
      py.line(2);
      const q = py.queue.Queue();
      py.line(3);
      yield* q.get();
    },
  },
  {
    name: 'a non-daemon thread that never ends makes exit hang until Ctrl+C, which CPython ignores',
    python: `import threading, time
def forever():
    while True:
        time.sleep(0.1)
threading.Thread(target=forever).start()
print("main done")
`,
    interrupts: [0.35],
    *program(py) {
      const forever = py.def('forever', 2, function* () {
        for (;;) yield* py.time.sleep(0.1);
      });
      py.threading.Thread({ target: forever }).start();
      py.print('main done');
    },
  },
  {
    name: 'an uncaught Ctrl+C, then a second one during the shutdown hang: both texts, status -2',
    python: `import threading, time
def forever():
    while True:
        time.sleep(0.1)
threading.Thread(target=forever).start()
time.sleep(5)
`,
    interrupts: [0.25, 0.55],
    *program(py) {
      const forever = py.def('forever', 2, function* () {
        for (;;) yield* py.time.sleep(0.1);
      });
      py.threading.Thread({ target: forever }).start();
      py.line(6);
      yield* py.time.sleep(5);
    },
  },
  {
    name: 'daemon threads are killed when the main thread ends',
    python: `import threading, time
def ticker():
    i = 0
    while True:
        print("tick", i)
        i += 1
        time.sleep(0.1)
threading.Thread(target=ticker, daemon=True).start()
time.sleep(0.25)
print("main ends")
`,
    *program(py) {
      const ticker = py.def('ticker', 2, function* () {
        for (let i = 0; ; i++) {
          py.print('tick', i);
          yield* py.time.sleep(0.1);
        }
      });
      py.threading.Thread({ target: ticker, daemon: true }).start();
      yield* py.time.sleep(0.25);
      py.print('main ends');
    },
  },
  {
    name: 'an exception in a thread is printed by threading.excepthook and the process goes on',
    python: `import threading
def f():
    raise ValueError("boom")
t = threading.Thread(target=f)
t.start()
t.join()
print("after", t.is_alive())
`,
    *program(py) {
      const f = py.def('f', 2, () => {
        py.line(3);
        throw new ValueError('boom');
      });
      const t = py.threading.Thread({ target: f });
      t.start();
      yield* t.join();
      py.print('after', t.is_alive());
    },
  },
  {
    name: 'an uncaught exception in the main thread: traceback and status 1',
    python: `print("before")
raise RuntimeError("bad")
`,
    program(py) {
      py.print('before');
      py.line(2);
      throw new RuntimeError('bad');
    },
  },
  {
    name: 'carets under a call that follows Chinese text count two columns for each wide character',
    python: `print("查看所有任务:", "é", RuntimeError("x").bad())
`,
    program(py) {
      py.line(1, 'RuntimeError("x").bad');
      throw new AttributeError("'RuntimeError' object has no attribute 'bad'");
    },
  },
  {
    name: 'get_event_loop() in a thread without set_event_loop raises RuntimeError',
    python: `import asyncio, threading
def f():
    try:
        asyncio.get_event_loop()
    except RuntimeError as e:
        print(e)
t = threading.Thread(target=f)
t.start()
t.join()
`,
    *program(py) {
      const f = py.def('f', 2, () => {
        try {
          py.asyncio.getEventLoop();
        } catch (e) {
          if (!(e instanceof RuntimeError)) throw e;
          py.print(e.message);
        }
      });
      const t = py.threading.Thread({ target: f });
      t.start();
      yield* t.join();
    },
  },
  {
    name: 'stop() from another thread does not wake the loop; call_soon_threadsafe does',
    python: `import asyncio, threading, time
loop = asyncio.new_event_loop()
def run():
    asyncio.set_event_loop(loop)
    loop.run_forever()
    print("loop stopped after", round(time.monotonic() - t0, 1))
t0 = time.monotonic()
t = threading.Thread(target=run)
t.start()
time.sleep(0.1)
loop.stop()
time.sleep(0.2)
print("calling call_soon_threadsafe")
loop.call_soon_threadsafe(lambda: None)
t.join()
print("joined")
`,
    *program(py) {
      const loop = py.asyncio.newEventLoop();
      const t0 = py.time.monotonic();
      const run = py.def('run', 3, function* () {
        py.asyncio.setEventLoop(loop);
        yield* loop.blocking.runForever();
        py.print('loop stopped after', Math.round((py.time.monotonic() - t0) * 10) / 10);
      });
      const t = py.threading.Thread({ target: run });
      t.start();
      yield* py.time.sleep(0.1);
      loop.stop();
      yield* py.time.sleep(0.2);
      py.print('calling call_soon_threadsafe');
      loop.callSoonThreadsafe(() => undefined);
      yield* t.join();
      py.print('joined');
    },
  },
  {
    name: 'run_coroutine_threadsafe returns a concurrent future chained to the task',
    python: `import asyncio, threading
loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()
async def work(x):
    await asyncio.sleep(x)
    return x * 2
f1 = asyncio.run_coroutine_threadsafe(work(0.2), loop)
f2 = asyncio.run_coroutine_threadsafe(work(0.1), loop)
print(f2.result())
print(f1.result())
print(f1.done(), f2.done())
`,
    *program(py) {
      const loop = py.asyncio.newEventLoop();
      py.threading.Thread({ target: () => loop.blocking.runForever(), daemon: true }).start();
      const work = py.asyncDef('work', 4, function* (x: number) {
        yield* py.asyncio.sleep(x);
        return x * 2;
      });
      const f1 = py.asyncio.runCoroutineThreadsafe(work(0.2), loop);
      const f2 = py.asyncio.runCoroutineThreadsafe(work(0.1), loop);
      py.print(yield* f2.result());
      py.print(yield* f1.result());
      py.print(f1.done(), f2.done());
    },
  },
  {
    name: 'a task left pending on a stopped loop is destroyed at exit',
    python: `import asyncio, threading, time
loop = asyncio.new_event_loop()
def run():
    loop.run_forever()
t = threading.Thread(target=run)
t.start()
async def forever():
    await asyncio.sleep(10)
asyncio.run_coroutine_threadsafe(forever(), loop)
time.sleep(0.1)
loop.call_soon_threadsafe(loop.stop)
t.join()
print("done")
`,
    *program(py) {
      const loop: BaseEventLoop = py.asyncio.newEventLoop();
      const run = py.def('run', 3, function* () {
        yield* loop.blocking.runForever();
      });
      const t = py.threading.Thread({ target: run });
      t.start();
      const forever = py.asyncDef('forever', 7, function* () {
        py.line(8);
        yield* py.asyncio.sleep(10);
      });
      py.asyncio.runCoroutineThreadsafe(forever(), loop);
      yield* py.time.sleep(0.1);
      loop.callSoonThreadsafe(() => loop.stop());
      yield* t.join();
      py.print('done');
    },
  },
  {
    name: 'uncaught Ctrl+C in join(), event.wait() and future.result() show CPython frames and carets',
    python: `import threading, time
from concurrent.futures import Future
def slow():
    time.sleep(5)
t = threading.Thread(target=slow, daemon=True)
t.start()
try:
    t.join()
except KeyboardInterrupt as e:
    import traceback; traceback.print_exc()
e = threading.Event()
try:
    e.wait()
except KeyboardInterrupt:
    import traceback; traceback.print_exc()
f = Future()
f.result()
`,
    interrupts: [0.2, 0.4, 0.6],
    *program(py) {
      const slow = py.def('slow', 3, function* () {
        yield* py.time.sleep(5);
      });
      const t = py.threading.Thread({ target: slow, daemon: true });
      t.start();
      try {
        py.line(8);
        yield* t.join();
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.traceback.print_exc(e);
      }
      const ev = py.threading.Event();
      try {
        py.line(13);
        yield* ev.wait();
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.traceback.print_exc(e);
      }
      const f = py.concurrent.futures.Future();
      py.line(17);
      yield* f.result();
    },
  },
  {
    name: 'uncaught Ctrl+C in run_until_complete shows the loop frames down to the selector',
    python: `import asyncio
async def main():
    await asyncio.sleep(5)
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
`,
    interrupts: [0.3],
    *program(py) {
      const main = py.asyncDef('main', 2, function* () {
        py.line(3);
        yield* py.asyncio.sleep(5);
      });
      py.line(4);
      const loop = py.asyncio.newEventLoop();
      py.line(5);
      yield* loop.blocking.runUntilComplete(main());
    },
  },
  {
    name: 'print, reprs of threads, events and concurrent futures, queue timeouts and executor workers read as in CPython',
    python: `import threading, queue, time
from concurrent.futures import Future, ThreadPoolExecutor
print(1, 'a', None, True, 2.5, [1, 'x'], sep='|', end='!\\n')
print('part', end='')
print('-rest')
f = Future()
print(f)
f.set_result(3)
print(f, f.result(), f.done(), f.running(), f.cancelled())
g = Future()
g.set_exception(ValueError('v'))
print(g)
h = Future()
print(h.cancel(), h)
t = threading.Thread(target=print, name='worker')
print(t)
t.start()
t.join()
print(t, t.is_alive())
print(threading.current_thread())
q = queue.Queue()
try:
    q.get(block=False)
except queue.Empty as e:
    print('Empty', repr(e))
t0 = time.monotonic()
try:
    q.get(timeout=0.2)
except queue.Empty:
    print('timed out after', round(time.monotonic() - t0, 1))
ev = threading.Event()
print(ev.wait(0.1), ev.is_set())
ev.set()
print(ev.wait(), ev)
def job(s):
    time.sleep(s)
    return threading.current_thread().name
ex = ThreadPoolExecutor(max_workers=2)
futs = [ex.submit(job, 0.1), ex.submit(job, 0.2), ex.submit(job, 0.05)]
print([f.result() for f in futs])
ex.shutdown()
print('done')
`,
    *program(py) {
      const { threading, queue, time, concurrent } = py;
      py.print(1, 'a', null, true, pyFloat(2.5), [1, 'x'], { sep: '|', end: '!\n' });
      py.print('part', { end: '' });
      py.print('-rest');
      const f = concurrent.futures.Future<number>();
      py.print(f);
      f.set_result(3);
      py.print(f, yield* f.result(), f.done(), f.running(), f.cancelled());
      const g = concurrent.futures.Future();
      g.set_exception(new ValueError('v'));
      py.print(g);
      const h = concurrent.futures.Future();
      py.print(h.cancel(), h);
      const t = threading.Thread({ target: () => py.print(), name: 'worker' });
      py.print(t);
      t.start();
      yield* t.join();
      py.print(t, t.is_alive());
      py.print(threading.current_thread());
      const q = queue.Queue();
      try {
        yield* q.get({ block: false });
      } catch (e) {
        if (!(e instanceof QueueEmpty)) throw e;
        py.print('Empty', py.repr(e));
      }
      const t0 = time.monotonic();
      try {
        yield* q.get({ timeout: 0.2 });
      } catch (e) {
        if (!(e instanceof QueueEmpty)) throw e;
        py.print('timed out after', pyFloat(Math.round((time.monotonic() - t0) * 10) / 10));
      }
      const ev = threading.Event();
      py.print(yield* ev.wait(0.1), ev.is_set());
      ev.set();
      py.print(yield* ev.wait(), ev);
      const job = py.def('job', 36, function* (s: number) {
        yield* time.sleep(s);
        return threading.current_thread().name;
      });
      const ex = concurrent.futures.ThreadPoolExecutor({ maxWorkers: 2 });
      const futs = [ex.submit(job, 0.1), ex.submit(job, 0.2), ex.submit(job, 0.05)];
      const names: unknown[] = [];
      for (const fut of futs) names.push(yield* fut.result());
      py.print(names);
      yield* ex.shutdown();
      py.print('done');
    },
  },
  {
    name: 'at exit, a failed task nobody awaited reports its exception was never retrieved',
    python: `import asyncio
async def boom():
    raise ValueError('x')
loop = asyncio.new_event_loop()
t = loop.create_task(boom())
loop.run_until_complete(asyncio.sleep(0.01))
print('end')
`,
    *program(py) {
      const boom = py.asyncDef('boom', 2, function* () {
        py.line(3);
        throw new ValueError('x');
      });
      py.line(4);
      const loop = py.asyncio.newEventLoop();
      py.line(5);
      loop.createTask(boom());
      py.line(6);
      yield* loop.blocking.runUntilComplete(py.asyncio.sleep(0.01));
      py.line(7);
      py.print('end');
    },
  },
  {
    name: 'Ctrl+C in run_until_complete, then cancelling every task and one more run_forever (the stop lesson)',
    python: `import asyncio
async def do_some_work(x):
    print('Waiting: ', x)
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)
tasks = [asyncio.ensure_future(do_some_work(x)) for x in (0.1, 0.2, 0.3)]
loop = asyncio.get_event_loop()
try:
    loop.run_until_complete(asyncio.wait(tasks))
except KeyboardInterrupt:
    pending = sorted(asyncio.all_tasks(loop), key=lambda t: t.get_name())
    print([t.get_name() for t in pending], loop.is_running())
    for task in pending:
        print('cancel', task.get_name(), task.cancel())
    loop.stop()
    loop.run_forever()
    print([t.cancelled() for t in pending])
finally:
    loop.close()
print(tasks[0].result(), loop.is_closed())
`,
    interrupts: [0.15],
    *program(py) {
      const { asyncio } = py;
      const do_some_work = py.asyncDef('do_some_work', 2, function* (x: number) {
        py.print('Waiting: ', x);
        yield* asyncio.sleep(x);
        return `Done after ${x}s`;
      });
      const tasks = [0.1, 0.2, 0.3].map((x) => asyncio.ensureFuture(do_some_work(x)));
      const loop = asyncio.getEventLoop();
      try {
        yield* loop.blocking.runUntilComplete(asyncio.wait(tasks));
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        const pending = [...asyncio.allTasks(loop)].sort((a, b) => (a.getName() < b.getName() ? -1 : 1));
        py.print(pending.map((t) => t.getName()), loop.isRunning());
        for (const task of pending) py.print('cancel', task.getName(), task.cancel());
        loop.stop();
        yield* loop.blocking.runForever();
        py.print(pending.map((t) => t.cancelled()));
      } finally {
        loop.close();
      }
      py.print(tasks[0]!.result(), loop.isClosed());
    },
  },
  {
    name: 'Ctrl+C in calls with a timeout: Condition.wait blocks on waiter.acquire(True, timeout), join(timeout) on line 1123',
    python: `import queue, threading, time, traceback
from concurrent.futures import Future
q = queue.Queue()
def f():
    time.sleep(3)
t = threading.Thread(target=f, daemon=True)
t.start()
try:
    q.get(timeout=5)
except KeyboardInterrupt:
    traceback.print_exc()
try:
    t.join(5)
except KeyboardInterrupt:
    traceback.print_exc()
try:
    Future().exception(5)
except KeyboardInterrupt:
    traceback.print_exc()
try:
    threading.Event().wait(5)
except KeyboardInterrupt:
    traceback.print_exc()
Future().result(5)
`,
    interrupts: [0.2, 0.4, 0.6, 0.8, 1.0],
    *program(py) {
      const f = py.def('f', 4, function* () {
        yield* py.time.sleep(3);
      });
      const q = py.queue.Queue();
      const t = py.threading.Thread({ target: f, daemon: true });
      t.start();
      const attempts: [number, () => Op<unknown>][] = [
        [9, () => q.get({ timeout: 5 })],
        [13, () => t.join(5)],
        [17, () => py.concurrent.futures.Future().exception(5)],
        [21, () => py.threading.Event().wait(5)],
      ];
      for (const [line, call] of attempts) {
        try {
          py.line(line);
          yield* call();
        } catch (e) {
          if (!(e instanceof KeyboardInterrupt)) throw e;
          py.traceback.print_exc(e);
        }
      }
      py.line(24);
      yield* py.concurrent.futures.Future().result(5);
    },
  },
  {
    name: 'Ctrl+C in q.join() and in ThreadPoolExecutor.shutdown() shows the queue.py and concurrent/futures/thread.py frames',
    python: `import queue, time, traceback
from concurrent.futures import ThreadPoolExecutor
q = queue.Queue()
q.put(1)
try:
    q.join()
except KeyboardInterrupt:
    traceback.print_exc()
ex = ThreadPoolExecutor()
ex.submit(time.sleep, 0.6)
try:
    ex.shutdown()
except KeyboardInterrupt:
    traceback.print_exc()
print("end")
ex2 = ThreadPoolExecutor()
ex2.submit(time.sleep, 1)
ex2.shutdown()
`,
    interrupts: [0.2, 0.4, 0.7],
    *program(py) {
      const q = py.queue.Queue();
      q.put(1);
      try {
        py.line(6);
        yield* q.join();
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.traceback.print_exc(e);
      }
      const sleep = py.time.sleep;
      const ex = py.concurrent.futures.ThreadPoolExecutor();
      ex.submit(sleep, 0.6);
      try {
        py.line(12);
        yield* ex.shutdown();
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.traceback.print_exc(e);
      }
      py.print('end');
      const ex2 = py.concurrent.futures.ThreadPoolExecutor();
      ex2.submit(sleep, 1);
      py.line(18);
      yield* ex2.shutdown();
    },
  },
  {
    name: 'Ctrl+C while a callback blocks the loop in time.sleep: caught (the loop is no longer running, and runs again), then uncaught',
    python: `import asyncio, time
def blocker():
    print("blocking")
    time.sleep(1)
    print("unblocked")
async def main():
    loop.call_soon(blocker)
    await asyncio.sleep(2)
loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main())
except KeyboardInterrupt:
    print("caught", loop.is_running())
print(loop.run_until_complete(asyncio.sleep(0.1, 'again')))
loop.run_until_complete(main())
`,
    interrupts: [0.3, 0.8],
    *program(py) {
      const { asyncio } = py;
      const blocker = defBlocker(py);
      const main = py.asyncDef('main', 6, function* () {
        py.line(7);
        loop.callSoon(blocker);
        py.line(8);
        yield* asyncio.sleep(2);
      });
      py.line(9);
      const loop = asyncio.newEventLoop();
      try {
        py.line(11);
        yield* loop.blocking.runUntilComplete(main());
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.line(13);
        py.print('caught', loop.isRunning());
      }
      py.line(14);
      py.print(yield* loop.blocking.runUntilComplete(asyncio.sleep(0.1, 'again')));
      py.line(15);
      yield* loop.blocking.runUntilComplete(main());
    },
  },
  {
    name: 'threading.Lock across threads, join(timeout) returning while the thread lives, result(timeout) raising TimeoutError, done callbacks',
    python: `import threading, time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FuturesTimeout
lock = threading.Lock()
def holder():
    lock.acquire()
    print("holder has the lock", lock.locked())
    time.sleep(0.3)
    lock.release()
    time.sleep(0.3)
    print("holder ends")
t = threading.Thread(target=holder)
t.start()
print(lock.acquire(blocking=False), lock.acquire(timeout=0.1))
lock.acquire()
print("main got the lock", lock.locked())
lock.release()
t.join(0.1)
print("alive after join(0.1):", t.is_alive())
t.join()
print("alive after join():", t.is_alive())
ex = ThreadPoolExecutor(max_workers=1)
fut = ex.submit(time.sleep, 0.3)
fut.add_done_callback(lambda f: print("callback in", threading.current_thread().name, f.done()))
try:
    fut.result(timeout=0.1)
except FuturesTimeout as e:
    print("timed out:", repr(e), type(e).__name__, fut.done())
time.sleep(0.4)
print(fut.result())
fut.add_done_callback(lambda f: print("late callback in", threading.current_thread().name))
ex.shutdown()
try:
    lock.release()
except RuntimeError as e:
    print(repr(e))
`,
    *program(py) {
      const { threading, time, concurrent } = py;
      const lock = threading.Lock();
      const holder = py.def('holder', 4, function* () {
        yield* lock.acquire();
        py.print('holder has the lock', lock.locked());
        yield* time.sleep(0.3);
        lock.release();
        yield* time.sleep(0.3);
        py.print('holder ends');
      });
      const t = threading.Thread({ target: holder });
      t.start();
      py.print(yield* lock.acquire(false), yield* lock.acquire(true, 0.1));
      yield* lock.acquire();
      py.print('main got the lock', lock.locked());
      lock.release();
      yield* t.join(0.1);
      py.print('alive after join(0.1):', t.is_alive());
      yield* t.join();
      py.print('alive after join():', t.is_alive());
      const ex = concurrent.futures.ThreadPoolExecutor({ maxWorkers: 1 });
      const fut = ex.submit(time.sleep, 0.3);
      fut.add_done_callback((f) => py.print('callback in', threading.current_thread().name, f.done()));
      try {
        yield* fut.result(0.1);
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        py.print('timed out:', py.repr(e), e.pyName, fut.done());
      }
      yield* time.sleep(0.4);
      py.print(yield* fut.result());
      fut.add_done_callback(() => py.print('late callback in', threading.current_thread().name));
      yield* ex.shutdown();
      try {
        lock.release();
      } catch (e) {
        if (!(e instanceof RuntimeError)) throw e;
        py.print(py.repr(e));
      }
    },
  },
  {
    name: 'at exit, coroutines that never started warn they were never awaited: from sys:1 when a global held them, from close() when an unclosed loop frees their task',
    python: `import asyncio
async def f():
    pass
async def g():
    pass
async def h():
    pass
c1 = g()
c2 = f()
c3 = f()
loop = asyncio.new_event_loop()
loop.create_task(f())
loop.create_task(g())
loop.create_task(f())
c4 = h()
print("end")
`,
    *program(py) {
      const f = py.asyncDef('f', 2, function* () {});
      const g = py.asyncDef('g', 4, function* () {});
      const h = py.asyncDef('h', 6, function* () {});
      g();
      f();
      f();
      const loop = py.asyncio.newEventLoop();
      loop.createTask(f());
      loop.createTask(g());
      loop.createTask(f());
      h();
      py.print('end');
    },
  },
  {
    name: "Ctrl+C before main()'s task first runs: its coroutine was never awaited, reported when the loop is collected",
    python: `import asyncio, time
def blocker():
    print("blocking")
    time.sleep(1)
    print("unblocked")
async def main():
    await asyncio.sleep(2)
loop = asyncio.new_event_loop()
loop.call_soon(blocker)
try:
    loop.run_until_complete(main())
except KeyboardInterrupt:
    print("caught", loop.is_running())
print(loop.run_until_complete(asyncio.sleep(0.1, 'again')))
loop.call_soon(blocker)
loop.run_until_complete(main())
`,
    interrupts: [0.3, 0.8],
    *program(py) {
      const { asyncio } = py;
      const blocker = defBlocker(py);
      const main = py.asyncDef('main', 6, function* () {
        py.line(7);
        yield* asyncio.sleep(2);
      });
      py.line(8);
      const loop = asyncio.newEventLoop();
      py.line(9);
      loop.callSoon(blocker);
      try {
        py.line(11);
        yield* loop.blocking.runUntilComplete(main());
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
        py.line(13);
        py.print('caught', loop.isRunning());
      }
      py.line(14);
      py.print(yield* loop.blocking.runUntilComplete(asyncio.sleep(0.1, 'again')));
      py.line(15);
      loop.callSoon(blocker);
      py.line(16);
      yield* loop.blocking.runUntilComplete(main());
    },
  },
  {
    name: 'at exit, a coroutine waiting in a run_coroutine_threadsafe callback of a loop that never ran warns from close()',
    python: `import asyncio
async def work():
    pass
loop = asyncio.new_event_loop()
fut = asyncio.run_coroutine_threadsafe(work(), loop)
print("end", fut.done())
`,
    program(py) {
      const work = py.asyncDef('work', 2, function* () {});
      const loop = py.asyncio.newEventLoop();
      const fut = py.asyncio.runCoroutineThreadsafe(work(), loop);
      py.print('end', fut.done());
    },
  },
  {
    name: 'seven call_later(0.1) from successive statements run first in, first out: the clock moves between the statements',
    python: `import asyncio
def cb(name):
    print(name)
loop = asyncio.new_event_loop()
for i in range(1, 8):
    loop.call_later(0.1, cb, f't{i}')
loop.call_later(0.2, loop.stop)
loop.run_forever()
loop.close()
`,
    *program(py) {
      const cb = py.def('cb', 2, (name: string) => py.print(name));
      const loop = py.asyncio.newEventLoop();
      for (let i = 1; i <= 7; i++) loop.callLater(0.1, cb, `t${i}`);
      loop.callLater(0.2, () => loop.stop());
      yield* loop.blocking.runForever();
      loop.close();
    },
  },
  {
    name: 'five call_at on one shared deadline leave the heap in heapq order, between timers from call_later',
    python: `import asyncio
def cb(name):
    print(name)
loop = asyncio.new_event_loop()
loop.call_later(0.1, cb, 'b1')
loop.call_later(0.05, cb, 'b2')
when = loop.time() + 0.1
for i in range(1, 6):
    loop.call_at(when, cb, f'a{i}')
loop.call_later(0.1, cb, 'b3')
loop.call_later(0.2, loop.stop)
loop.run_forever()
loop.close()
`,
    *program(py) {
      const cb = py.def('cb', 2, (name: string) => py.print(name));
      const loop = py.asyncio.newEventLoop();
      loop.callLater(0.1, cb, 'b1');
      loop.callLater(0.05, cb, 'b2');
      const when = loop.time() + 0.1;
      for (let i = 1; i <= 5; i++) loop.callAt(when, cb, `a${i}`);
      loop.callLater(0.1, cb, 'b3');
      loop.callLater(0.2, () => loop.stop());
      yield* loop.blocking.runForever();
      loop.close();
    },
  },
];

describe('the simulated process against python3', () => {
  for (const c of cases) {
    it(c.name, () => {
      check(c);
    });
  }
});
