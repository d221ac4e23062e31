// The article's thread programs, written against the process API exactly as a lesson writes them,
// against CPython 3.11's recordings of the same programs (test/recordings, made by
// scripts/record-lessons.py with Ctrl+C at the recorded moments).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../src/runtime/base-events.js';
import { KeyboardInterrupt, excStr } from '../../src/runtime/exceptions.js';
import { pyMethod } from '../../src/runtime/repr.js';
import { runProcess, type MainProgram, type ProcessResult } from '../../src/runtime/process/index.js';
import { compareLines } from '../scenarios/compare.js';
import { normalizeLine } from '../scenarios/normalize.js';
import { loadRecordings, streamLines, type Recording } from '../scenarios/recordings.js';
import { printed, status, texts } from './simulated.js';

const programsDir = join(import.meta.dirname, '../../src/scenarios/programs');
const recordings = new Map(loadRecordings().map((r) => [r.name, r]));

function recording(name: string): Recording {
  const found = recordings.get(name);
  if (found === undefined) throw new Error(`no recording ${name}`);
  return found;
}

function simulate(program: MainProgram, rec: Recording, until = 30): ProcessResult {
  const source = readFileSync(join(programsDir, rec.file), 'utf8');
  return runProcess(program, { file: rec.file, source, debug: rec.dev, interrupts: rec.interrupts, until });
}

function expectSameOutput(sim: ProcessResult, rec: Recording, streams: ('stdout' | 'stderr')[] = ['stdout', 'stderr']): void {
  for (const stream of streams) {
    expect(compareLines(printed(sim, stream), streamLines(rec, stream)), `${stream} of ${rec.name}:\n${texts(sim, stream).join('\n')}`).toEqual({ ok: true });
  }
  expect(status(sim)).toBe(rec.end.kind === 'exit' ? rec.end.status : undefined);
}

const threadsafe: MainProgram = function* (py) {
  const { asyncio, time, threading } = py;
  const start_loop = py.def('start_loop', 5, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
    py.line(7);
    yield* loop.blocking.runForever();
  });
  const more_work = py.def('more_work', 9, function* (x: number) {
    py.line(10);
    py.print(`More work ${x}`);
    py.line(11);
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
  py.line(19);
  new_loop.callSoonThreadsafe(more_work, 3);
};

const coroutine: MainProgram = function* (py) {
  const { asyncio, threading } = py;
  const start_loop = py.def('start_loop', 5, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
    py.line(7);
    yield* loop.blocking.runForever();
  });
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
  py.line(20);
  const future2 = asyncio.runCoroutineThreadsafe(more_work(3), new_loop);
  py.line(22, 'future1.result()');
  const r1 = yield* future1.result();
  py.line(22, 'future2.result()');
  const r2 = yield* future2.result();
  py.print(r1, r2);
};

const queueProgram: MainProgram = function* (py) {
  const { asyncio, time, threading, queue } = py;
  const thread_loop = py.def('thread_loop', 8, function* (loop: BaseEventLoop) {
    py.line(9);
    py.print('线程开启 tid:', threading.currentThread().ident);
    py.line(10);
    asyncio.setEventLoop(loop);
    py.line(11);
    yield* loop.blocking.runForever();
  });
  const func = py.asyncDef('func', 13, function* (x: number, q: ReturnType<typeof queue.Queue>) {
    py.line(14);
    py.print('func :', x, ',time:', time.ctime(), ',tid:', threading.currentThread().ident);
    py.line(15);
    yield* asyncio.sleep(x);
    py.line(16);
    q.put(x);
  });
  py.line(18);
  const q = queue.Queue();
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
    py.line(32, 'q.get()');
    const x = yield* q.get();
    py.line(33);
    py.print('main :', x, ',time:', time.ctime());
  }
};

/** threads-daemon as written; `corrected` stops the loop with call_soon_threadsafe; `daemon` sets t.daemon = True. */
const daemonProgram = (variant: { corrected?: boolean; daemon?: boolean } = {}): MainProgram => function* (py) {
  const { asyncio, time, threading } = py;
  const start_loop = py.def('start_loop', 5, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
    py.line(7);
    yield* loop.blocking.runForever();
  });
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
  if (variant.daemon) {
    py.line(17);
    t.daemon = true;
  }
  py.line(18);
  t.start();
  py.line(19);
  py.print('The main thread is running...');
  try {
    for (;;) {
      py.line(22);
      asyncio.runCoroutineThreadsafe(task(1, 1), new_loop);
      py.line(23);
      yield* time.sleep(1);
      py.line(24);
      asyncio.runCoroutineThreadsafe(task(2, 2), new_loop);
    }
  } catch (e) {
    if (!(e instanceof KeyboardInterrupt)) throw e;
    py.line(26);
    py.print(`---------KeyboardInterrupt:${excStr(e)}`);
    py.line(27);
    if (variant.corrected) new_loop.callSoonThreadsafe(pyMethod(new_loop, 'stop', 'BaseEventLoop.stop'));
    else new_loop.stop();
    py.line(28);
    py.print('------xxoo-------');
  }
};

const pool: MainProgram = function* (py) {
  const { asyncio, concurrent } = py;
  const thread_loop_task = py.def('thread_loop_task', 4, function* (loop: BaseEventLoop) {
    py.line(6);
    asyncio.setEventLoop(loop);
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
  const main_loop = asyncio.getEventLoop();
  const main_task = py.asyncDef('main_task', 36, function* () {
    for (let i = 0; i < 2; i++) {
      py.line(38);
      py.print(`The main thread conducts on loop:${py.id(main_loop)}`);
      py.line(39);
      yield* asyncio.sleep(1);
    }
  });
  py.line(41);
  yield* main_loop.blocking.runUntilComplete(main_task());
};

describe("the article's thread programs on the simulated process, against CPython's recordings", () => {
  it('threads-threadsafe: callbacks run one after the other on the loop thread, then exit hangs until Ctrl+C', () => {
    const rec = recording('threads-threadsafe.ctrl-c');
    const sim = simulate(threadsafe, rec);
    expectSameOutput(sim, rec);
    expect(sim.events.filter((e) => e.type === 'shutdown').map((e) => (e.type === 'shutdown' ? e.phase : ''))).toEqual(['begin', 'joining', 'hang', 'daemons_killed', 'done']);
  });

  it('threads-threadsafe in dev mode: the slow callbacks are reported as CPython reports them', () => {
    const rec = recording('threads-threadsafe.dev.ctrl-c');
    expectSameOutput(simulate(threadsafe, rec), rec);
  });

  it('threads-coroutine: both coroutines run concurrently on the loop thread; result() blocks the main thread', () => {
    const rec = recording('threads-coroutine.ctrl-c');
    expectSameOutput(simulate(coroutine, rec), rec);
  });

  it('threads-queue: q.get() blocks the main thread; Ctrl+C there, then Ctrl+C again in the shutdown hang', () => {
    const rec = recording('threads-queue.as-written.ctrl-c');
    expectSameOutput(simulate(queueProgram, rec), rec);
  });

  it('threads-queue in dev mode: currentThread() deprecation warnings at the lines that call it', () => {
    const rec = recording('threads-queue.as-written.dev.ctrl-c');
    expectSameOutput(simulate(queueProgram, rec), rec);
  });

  it('threads-daemon: Ctrl+C in time.sleep; stop() takes effect when the next timer wakes the loop; pending tasks destroyed', () => {
    const rec = recording('threads-daemon.as-written.ctrl-c');
    const sim = simulate(daemonProgram(), rec);
    expectSameOutput(sim, rec, ['stdout']);
    // Which tasks are left pending is CPython's; the order garbage collection reports them in is not
    // stable from run to run (nor is whether a timer due at the same instant had fired).
    const destroyed = (lines: string[]) => lines.filter((l) => l.startsWith('task: ')).map((l) => /name='(Task-\d+)'/.exec(l)?.[1]).sort();
    expect(destroyed(texts(sim, 'stderr'))).toEqual(destroyed(streamLines(rec, 'stderr')));
    expect(texts(sim, 'stderr').filter((l) => l === 'Task was destroyed but it is pending!').length).toBe(3);
  });

  it('threads-daemon corrected: call_soon_threadsafe(loop.stop) stops the loop at once; its pending tasks are destroyed', () => {
    const rec = recording('threads-daemon.ctrl-c');
    const sim = simulate(daemonProgram({ corrected: true }), rec);
    expectSameOutput(sim, rec, ['stdout']);
    const destroyed = (lines: string[]) => lines.filter((l) => l.startsWith('task: ')).map(normalizeLine).sort();
    expect(destroyed(texts(sim, 'stderr'))).toEqual(destroyed(streamLines(rec, 'stderr')));
    const exit = sim.events.find((e) => e.type === 'exit');
    // At once: at the Ctrl+C instant, the clock only a few 1 µs ticks later.
    expect(exit!.t).toBeCloseTo(4.5, 4);
  });

  it('threads-daemon with t.daemon = True: the process exits at once and the daemon thread, still running its loop, is frozen', () => {
    const rec = recording('threads-daemon.daemon.ctrl-c');
    const sim = simulate(daemonProgram({ daemon: true }), rec);
    expectSameOutput(sim, rec);
    expect(sim.events.some((e) => e.type === 'shutdown' && e.phase === 'daemons_killed')).toBe(true);
  });

  it('threads-pool: a worker thread and the main thread each run their own loop at the same time', () => {
    const rec = recording('threads-pool');
    const sim = simulate(pool, rec);
    expectSameOutput(sim, rec);
    const ids = texts(sim, 'stdout').flatMap((l) => /on loop:(\d+)/.exec(l)?.[1] ?? []);
    expect(new Set(ids).size).toBe(2);
  });

  it('threads-pool in dev mode: an unclosed event loop is reported at exit', () => {
    const rec = recording('threads-pool.dev');
    expectSameOutput(simulate(pool, rec), rec);
  });

  it('normalizes the recordings the way the comparison expects', () => {
    expect(normalizeLine('  File "/tmp/tmpx/threads-queue.py", line 32, in <module>')).toBe('  File "threads-queue.py", line 32, in <module>');
  });
});
