// The kernel's rules, one behaviour at a time: who runs first, when Ctrl+C lands, what is a race,
// how a run ends. (Comparisons with real python3 are in oracle.test.ts and article.test.ts.)
import { describe, expect, it } from 'vitest';
import { KeyboardInterrupt, SystemExit } from '../../src/runtime/exceptions.js';
import { PROCESS_CLOCK_ORIGIN } from '../../src/runtime/clock.js';
import { runProcess, type MainProgram, type Py } from '../../src/runtime/process/index.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { printed, status, texts } from './simulated.js';

function outputs(events: TraceEvent[]): { thread: string; text: string; t: number; race: boolean }[] {
  return events.flatMap((e) => (e.type === 'output' ? [{ thread: e.thread, text: e.text, t: e.t, race: e.race === true }] : []));
}

/** time.monotonic() less the process clock's origin, to the millisecond (each read ticks 1 µs on). */
function sinceStart(py: Py): number {
  return Math.round((py.time.monotonic() - PROCESS_CLOCK_ORIGIN) * 1000) / 1000;
}

describe('the kernel', () => {
  it('replays identically: same program and interrupts give the same trace', () => {
    const program: MainProgram = function* (py) {
      const q = py.queue.Queue<number>();
      const worker = py.def('worker', 1, function* () {
        for (let i = 0; i < 3; i++) {
          yield* py.time.sleep(0.5);
          q.put(i);
        }
      });
      py.threading.Thread({ target: worker }).start();
      try {
        for (;;) py.print('got', yield* q.get());
      } catch (e) {
        if (!(e instanceof KeyboardInterrupt)) throw e;
      }
    };
    const a = runProcess(program, { interrupts: [1.2] });
    const b = runProcess(program, { interrupts: [1.2] });
    expect(a.events).toEqual(b.events);
    expect(texts(a, 'stdout')).toEqual(['got 0', 'got 1']);
  });

  it('runs a started thread first, up to its first blocking point, then the starter; both sides printing is a race', () => {
    const result = runProcess(function* (py) {
      const f = py.def('f', 1, function* () {
        py.print('thread first');
        yield* py.time.sleep(1);
        py.print('thread later');
      });
      py.threading.Thread({ target: f }).start();
      py.print('main after start');
      yield* py.time.sleep(2);
      py.print('main at 2');
    });
    expect(outputs(result.events)).toEqual([
      { thread: 'Thread-1 (f)', text: 'thread first', t: 0, race: true },
      { thread: 'MainThread', text: 'main after start', t: 0, race: true },
      { thread: 'Thread-1 (f)', text: 'thread later', t: 1, race: false },
      { thread: 'MainThread', text: 'main at 2', t: 2, race: false },
    ]);
  });

  it('marks no race when only one side of a wake-up prints', () => {
    const result = runProcess(function* (py) {
      const f = py.def('f', 1, function* () {
        yield* py.time.sleep(1);
      });
      py.threading.Thread({ target: f }).start();
      py.print('main alone');
    });
    expect(printed(result, 'stdout')).toEqual([{ text: 'main alone', race: undefined, instant: 0 }]);
  });

  it('marks a second call_soon_threadsafe after the one that woke a loop as racing with the handles that loop then schedules', () => {
    // The woken loop may take its ready queue before the second callback lands, and then run it
    // after what its first batch scheduled with call_soon (CPython does, now and then, on
    // threads-coroutine.py: a task's first step before the second run_coroutine_threadsafe).
    const run = (twice: boolean, schedules: boolean) =>
      runProcess(function* (py) {
        const loop = py.asyncio.newEventLoop();
        const serve = py.def('serve', 1, function* () {
          yield* loop.blocking.runForever();
        });
        py.threading.Thread({ target: serve, daemon: true }).start();
        loop.callSoonThreadsafe(() => {
          py.print('first');
          if (schedules) loop.callSoon(() => py.print('scheduled by first'));
        });
        if (twice) loop.callSoonThreadsafe(() => py.print('second'));
        yield* py.time.sleep(1);
      }).events.flatMap((e) => (e.type === 'output' ? [`${e.text} ${e.race === true}`] : []));
    expect(run(true, true)).toEqual(['first true', 'second true', 'scheduled by first true']);
    // Nothing scheduled in between: the second callback runs next, in this batch or the next one.
    expect(run(true, false)).toEqual(['first false', 'second false']);
    expect(run(false, true)).toEqual(['first false', 'scheduled by first false']);
  });

  it('wakes two loops whose timers are due a few clock ticks apart with one wait: one instant, a race', () => {
    const result = runProcess(function* (py) {
      const loops = [py.asyncio.newEventLoop(), py.asyncio.newEventLoop()];
      const run = py.def('run', 1, function* (i: number) {
        const loop = loops[i]!;
        // Each loop reads the clock for its own deadline: they differ by the ticks between the reads.
        loop.callLater(1.0, () => py.print(`loop ${i} at 1`));
        loop.callLater(1.5, () => loop.stop());
        yield* loop.blocking.runForever();
      });
      py.threading.Thread({ target: run, args: [0] }).start();
      py.threading.Thread({ target: run, args: [1] }).start();
    });
    const lines = outputs(result.events);
    expect(lines.map((o) => [o.text, o.race])).toEqual([
      ['loop 0 at 1', true],
      ['loop 1 at 1', true],
    ]);
    const instants = result.events.flatMap((e) => (e.type === 'output' ? [e.instant] : []));
    expect(instants[0]).toBe(instants[1]);
    expect(lines[1]!.t).toBeGreaterThan(lines[0]!.t);
  });

  it('marks prints of threads waking at the same instant as a race', () => {
    const result = runProcess(function* (py) {
      const f = py.def('f', 1, function* () {
        yield* py.time.sleep(1);
        py.print('thread at 1');
      });
      py.threading.Thread({ target: f }).start();
      yield* py.time.sleep(1);
      py.print('main at 1');
    });
    expect(outputs(result.events).map((o) => [o.text, o.race])).toEqual([
      ['thread at 1', true],
      ['main at 1', true],
    ]);
  });

  /** A daemon thread wakes at 1 s and prints; the main thread sleeps 5 s and prints when Ctrl+C lands. */
  const wokeAt1 = (interrupts: number[]) =>
    runProcess(
      function* (py) {
        const f = py.def('f', 1, function* () {
          yield* py.time.sleep(1);
          py.print('thread woke at 1');
          yield* py.time.sleep(10);
        });
        py.threading.Thread({ target: f, daemon: true }).start();
        try {
          yield* py.time.sleep(5);
        } catch (e) {
          if (!(e instanceof KeyboardInterrupt)) throw e;
          py.print('interrupted at', sinceStart(py));
        }
      },
      { interrupts },
    );

  it('delivers Ctrl+C only after every thread runnable at that instant has blocked', () => {
    const result = wokeAt1([1]);
    expect(texts(result, 'stdout')).toEqual(['thread woke at 1', 'interrupted at 1']);
    const kinds = result.events.filter((e) => e.type === 'interrupt' || e.type === 'output').map((e) => e.type);
    expect(kinds).toEqual(['output', 'interrupt', 'output']);
    // In CPython the signal and the thread's timer race for the GIL: either line may come first.
    expect(outputs(result.events).map((o) => o.race)).toEqual([true, true]);
  });

  it('marks no race between a Ctrl+C and a thread that woke at another instant', () => {
    expect(outputs(wokeAt1([1.5]).events).map((o) => [o.text, o.race])).toEqual([
      ['thread woke at 1', false],
      ['interrupted at 1.5', false],
    ]);
  });

  it('delivers several interrupts, each where the main thread then blocks', () => {
    const result = runProcess(
      function* (py) {
        for (let i = 0; i < 3; i++) {
          try {
            yield* py.time.sleep(10);
          } catch (e) {
            if (!(e instanceof KeyboardInterrupt)) throw e;
            py.print('caught', i, 'at', sinceStart(py));
          }
        }
      },
      { interrupts: [2, 0.5, 1] },
    );
    expect(texts(result, 'stdout')).toEqual(['caught 0 at 0.5', 'caught 1 at 1', 'caught 2 at 2']);
    expect(result.events.filter((e) => e.type === 'interrupt').map((e) => (e.type === 'interrupt' ? e.n : 0))).toEqual([1, 2, 3]);
    expect(status(result)).toBe(0);
  });

  it('labels what each thread blocks on', () => {
    const result = runProcess(function* (py) {
      const q = py.queue.Queue();
      const ex = py.concurrent.futures.ThreadPoolExecutor({ maxWorkers: 1 });
      const fut = ex.submit(function* () {
        yield* py.time.sleep(6);
        q.put(1);
        yield* py.time.sleep(1);
        return 2;
      });
      yield* q.get();
      yield* fut.result();
      const loop = py.asyncio.newEventLoop();
      loop.callLater(1, () => loop.stop());
      yield* loop.blocking.runForever();
      yield* ex.shutdown();
    });
    const blocked = result.events.flatMap((e) => (e.type === 'thread_blocked' ? [`${e.name}: ${e.on}`] : []));
    expect(blocked).toEqual([
      'ThreadPoolExecutor-0_0: time.sleep(6)',
      'MainThread: q.get()',
      'ThreadPoolExecutor-0_0: time.sleep(1)',
      'MainThread: future.result()',
      'ThreadPoolExecutor-0_0: q.get()',
      'MainThread: select',
      'MainThread: join',
    ]);
  });

  it('ends at `until` when the process is still running, and reports a hang only while shutdown waits on a thread nothing can wake', () => {
    const forever = runProcess(function* (py) {
      const f = py.def('f', 1, function* () {
        for (;;) yield* py.time.sleep(1);
      });
      py.threading.Thread({ target: f }).start();
    }, { until: 5.5 });
    expect(forever.end).toEqual({ kind: 'until', t: 5.5 });
    expect(forever.events.some((e) => e.type === 'shutdown' && e.phase === 'hang')).toBe(false);

    const stuck = runProcess(function* (py) {
      const ev = py.threading.Event();
      const f = py.def('f', 1, function* () {
        yield* ev.wait();
      });
      py.threading.Thread({ target: f }).start();
      yield* py.time.sleep(2);
    }, { until: 30 });
    expect(stuck.end).toEqual({ kind: 'until', t: 30 });
    const hang = stuck.events.find((e) => e.type === 'shutdown' && e.phase === 'hang');
    expect(hang).toMatchObject({ t: 2, thread: 'MainThread', waitingFor: 'Thread-1 (f)' });
  });

  it('exits with SystemExit’s code, and emits exit as the last event', () => {
    const result = runProcess(function* (py) {
      py.print('bye');
      throw new SystemExit(3);
    });
    expect(result.end).toEqual({ kind: 'exit', status: 3 });
    expect(result.events[result.events.length - 1]).toMatchObject({ type: 'exit', status: 3 });
  });

  it('gives threads CPython-like idents and names, stable across runs', () => {
    const program: MainProgram = function* (py) {
      const f = py.def('work', 1, () => undefined);
      const a = py.threading.Thread({ target: f });
      const b = py.threading.Thread({ name: 'named' });
      py.print(a.name, a.ident);
      a.start();
      b.start();
      py.print(a.ident, b.ident, py.threading.current_thread().ident === py.threading.main_thread().ident);
      py.print(py.threading.current_thread().__repr__());
    };
    const run = runProcess(program);
    expect(texts(run, 'stdout')).toEqual(['Thread-1 (work) None', '140329795294912 140329786902208 True', '<_MainThread(MainThread, started 140329831656320)>']);
    expect(texts(runProcess(program), 'stdout')).toEqual(texts(run, 'stdout'));
  });
  it('time.sleep straight inside a coroutine fails with a message saying it is not simulated and what to use instead', () => {
    const result = runProcess(function* (py) {
      const work = py.asyncDef('work', 1, function* () {
        yield* py.time.sleep(2);
      });
      const loop = py.asyncio.newEventLoop();
      try {
        yield* loop.blocking.runUntilComplete(work());
      } catch (e) {
        py.print(py.repr(e));
      }
    });
    expect(texts(result, 'stdout')).toEqual([
      `RuntimeError("time.sleep(2) inside a coroutine is not supported by the simulation (it would block the loop's thread): use yield* py.asyncio.sleep(2) (await asyncio.sleep), or block in a callback (loop.call_soon) or in another thread")`,
    ]);
  });
});
