// What a task does with exceptions and with things it cannot wait on: the failure is stored (and
// reported if never retrieved), KeyboardInterrupt escapes the loop, bad yields are thrown back in
// with CPython's messages.
import { describe, expect, it } from 'vitest';
import { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { KeyboardInterrupt, ValueError, excLine, toPyException } from '../../../src/runtime/exceptions.js';
import { Future, unretrievedFutures } from '../../../src/runtime/futures.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { repr } from '../../../src/runtime/repr.js';
import { asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { ASYNCIO_DIR } from '../../../src/runtime/future-repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { wait } from '../../../src/runtime/wait.js';
import { allTasks, currentTask } from '../../../src/runtime/task-registry.js';
import { Task, collectTasks, createTask, ensureFuture } from '../../../src/runtime/tasks.js';
import { onFreshLoop, printer } from './helpers.js';
import { placer } from './placer.js';
import { maskAddresses, runPython } from './python.js';
import { nativeRealm } from '../native-python.js';

describe('Task errors', () => {
  it('throws bad yields back into the coroutine with CPython\'s messages', () => {
    const py = `import asyncio, types
from vloop import new_loop
@types.coroutine
def bad_value():
    yield 42
@types.coroutine
def plain_yield_of_future():
    yield asyncio.get_running_loop().create_future()
async def inner():
    pass
@types.coroutine
def yields_coroutine(c):
    yield c
async def itself():
    await asyncio.current_task()
async def other_loop(fut):
    await fut
async def main():
    c = inner()
    for coro in (bad_value(), plain_yield_of_future(), itself(), other_loop(other.create_future()), yields_coroutine(c)):
        try:
            await asyncio.create_task(coro)
        except RuntimeError as e:
            print(repr(e))
    c.close()
other = new_loop()
loop = new_loop()
loop.run_until_complete(main())
`;
    const out = onFreshLoop((loop) => {
      const { out, print } = printer();
      const { def, at } = placer(py);
      const other = new BaseEventLoop();
      const generator = (name: string, body: (...args: unknown[]) => Generator<unknown, unknown, unknown>) => placer(py.replace(`def ${name}(`, `async def ${name}(`)).def(name, body);
      const badValue = generator('bad_value', function* () {
        at('yield 42');
        yield 42;
      });
      const plainYieldOfFuture = generator('plain_yield_of_future', function* () {
        at('yield asyncio.get_running_loop().create_future()');
        yield new Future(loop);
      });
      const itself = def('itself', function* () {
        at('await asyncio.current_task()');
        yield* currentTask<Task<unknown>>(loop)!;
      });
      const otherLoop = def('other_loop', function* (fut: Future<unknown>) {
        at('await fut');
        yield* fut;
      });
      const inner = def('inner', function* () {});
      const yieldsCoroutine = generator('yields_coroutine', function* (c: unknown) {
        at('yield c');
        yield c;
      } as (...args: unknown[]) => Generator<unknown, unknown, unknown>);
      const main = def('main', function* () {
        const c = inner();
        for (const coro of [badValue(), plainYieldOfFuture(), itself(), otherLoop(new Future(other)), yieldsCoroutine(c)]) {
          try {
            yield* createTask(coro);
          } catch (error) {
            print(repr(error));
          }
        }
        c.close();
      });
      loop.runUntilComplete(main());
      return out;
    });
    expect(maskAddresses(out)).toEqual(runPython(py));
  });

  it('stores a failure in the task and reports it as "Task exception was never retrieved" when never looked at', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      const fail = placer('async def fail(').def('fail', function* () {
        yield* sleep(0);
        throw new ValueError('boom');
      });
      const task = loop.createTask(fail(), { name: 'lost' });
      const seen = loop.createTask(fail(), { name: 'seen' });
      loop.runUntilComplete(sleep(1));
      expect(task.done()).toBe(true);
      seen.exception();
      const unretrieved = unretrievedFutures(loop);
      expect(unretrieved.length).toBe(1);
      expect(unretrieved[0]).toBe(task);
      expect(task.reportIfUnretrieved()).toBe(true);
      expect(unretrievedFutures(loop).length).toBe(0);
    });
    const stderr = realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(stderr.slice(0, 2)).toEqual([
      'Task exception was never retrieved',
      "future: <Task finished name='lost' coro=<fail() done, defined at prog.py:1> exception=ValueError('boom')>",
    ]);
    expect(stderr[stderr.length - 1]).toBe('ValueError: boom');
  });

  it('lets KeyboardInterrupt raised in a task escape run_until_complete, after storing it in the task', () => {
    onFreshLoop((loop) => {
      const interrupted = placer('async def interrupted(').def('interrupted', function* () {
        yield* sleep(0);
        throw new KeyboardInterrupt();
      });
      const task = loop.createTask(interrupted());
      let caught: unknown;
      try {
        loop.runUntilComplete(sleep(5));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(KeyboardInterrupt);
      expect(task.done()).toBe(true);
      expect(excLine(toPyException(task.exception()))).toBe('KeyboardInterrupt');
      expect(loop.realm.clock.instant).toBe(0); // nothing waited: the interrupt came before sleep(5)'s timer
    });
  });

  it('reports a pending task that is finalized as "Task was destroyed but it is pending!"', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      const forever = placer('async def forever(').def('forever', function* () {
        yield* sleep(100);
      });
      const task = loop.createTask(forever());
      loop.runUntilComplete(sleep(1));
      task.finalize();
      task.finalize();
    });
    const stderr = realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(stderr).toEqual([
      'Task was destroyed but it is pending!',
      "task: <Task pending name='Task-1' coro=<forever() running at prog.py:1> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
    ]);
  });
});

describe('Task collected at exit', () => {
  it('prints the pending task as CPython 3.11 does at exit, coroutine finalized first (stop-wait at 1.5 s)', () => {
    const realm = nativeRealm();
    let finallyRan = false;
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      const doSomeWork = asyncDef(
        'do_some_work',
        function* (x: number) {
          setLine(6);
          try {
            yield* sleep(x);
          } finally {
            if (x === 2) finallyRan = true;
          }
          return `Done after ${x}s`;
        },
        { file: 'stop-wait.py', line: 3 },
      );
      const tasks = [1, 2, 3].map((x) => loop.createTask(doSomeWork(x)));
      const waiting = loop.createTask(wait(tasks));
      loop.runUntilComplete(sleep(1.5));
      expect(waiting.done()).toBe(false);
      tasks[1]!.collect();
    });
    const stderr = realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text.replace(ASYNCIO_DIR, '.../asyncio'));
    // Recorded from CPython 3.11.7 (LESSONS.md, stop-wait with Ctrl+C at 1.5 s).
    expect(stderr).toEqual([
      'Task was destroyed but it is pending!',
      "task: <Task pending name='Task-2' coro=<do_some_work() done, defined at stop-wait.py:3> wait_for=<Future pending cb=[Task.task_wakeup()]> cb=[_wait.<locals>._on_completion() at .../asyncio/tasks.py:519]>",
    ]);
    expect(finallyRan).toBe(true);
  });
});

describe('collectTasks at exit', () => {
  it('closes every coroutine before the tasks report, as the stop-nested recording shows', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      const doSomeWork = asyncDef(
        'do_some_work',
        function* (x: number) {
          setLine(6);
          yield* sleep(x);
          return `Done after ${x}s`;
        },
        { file: 'stop-nested.py', line: 3 },
      );
      const main = asyncDef(
        'main',
        function* () {
          const tasks = [1, 2, 3].map((x) => ensureFuture(doSomeWork(x)));
          setLine(19);
          yield* wait(tasks);
        },
        { file: 'stop-nested.py', line: 9 },
      );
      const mainTask = loop.createTask(main());
      mainTask._logDestroyPending = false; // run_until_complete's task
      loop.callLater(1.5, () => loop.stop()); // where Ctrl+C interrupts the run
      loop.runForever();
      collectTasks(allTasks(loop) as Set<Task<unknown>>);
    });
    const stderr = realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text);
    // Recorded from CPython 3.11.7 (stop-nested as written, Ctrl+C at 1.5 s); CPython reports the
    // two in address order, here they come in creation order.
    expect(stderr).toEqual([
      'Task was destroyed but it is pending!',
      "task: <Task pending name='Task-3' coro=<do_some_work() done, defined at stop-nested.py:3> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
      'Task was destroyed but it is pending!',
      "task: <Task pending name='Task-4' coro=<do_some_work() done, defined at stop-nested.py:3> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
    ]);
  });
});
