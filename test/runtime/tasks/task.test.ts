// Task: stepping, reprs in every state, cancellation, exceptions; compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { type Coroutine, asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { CancelledError, PyBaseException, ValueError } from '../../../src/runtime/exceptions.js';
import { pyFloat, repr, str } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { currentTask } from '../../../src/runtime/task-registry.js';
import { Task, createTask } from '../../../src/runtime/tasks.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { FakeLoop } from './fake-loop.js';
import { printer } from './helpers.js';
import { PY_FILE, lineOf, runPython } from './python.js';

/** asyncDef placed where `async def NAME` is in the Python program, with `at(text)` moving to a line of it. */
function placer(py: string) {
  return {
    def: <A extends unknown[], T>(name: string, body: (...args: A) => Generator<unknown, T, unknown>) =>
      asyncDef(name, body, { file: PY_FILE, line: lineOf(py, `async def ${name}(`) }),
    at: (text: string) => setLine(lineOf(py, text)),
  };
}

describe('Task', () => {
  it('shows pending, waiting, finished, failed, cancelling and cancelled tasks as CPython does', () => {
    const py = `import asyncio
from vloop import new_loop
async def work(x):
    await asyncio.sleep(x)
    return x * 10
async def fail():
    raise ValueError('boom')
async def main():
    t1 = asyncio.create_task(work(1))
    t2 = asyncio.create_task(fail(), name='failing')
    t3 = asyncio.create_task(work(5))
    print(repr(t1))
    await asyncio.sleep(0)
    print(repr(t1))
    print(repr(t2))
    t3.cancel()
    print(repr(t3))
    await asyncio.sleep(0)
    print(repr(t3))
    await asyncio.sleep(0)
    print(repr(t3))
    print(t3.cancelled(), t3.cancelling())
    await t1
    print(repr(t1))
    print(repr(t2.exception()))
    print(repr(asyncio.current_task()))
    print(t1.get_name(), t1.get_coro().__qualname__)
    return 'main done'
loop = new_loop()
m = loop.create_task(main())
print(repr(m))
print(loop.run_until_complete(m))
print(repr(m))
`;
    const { out, print } = printer();
    const { def, at } = placer(py);
    const work = def('work', function* (x: number) {
      at('await asyncio.sleep(x)');
      yield* sleep(x);
      at('return x * 10');
      return x * 10;
    });
    const fail = def('fail', function* () {
      at("raise ValueError('boom')");
      throw new ValueError('boom');
    });
    const main = def('main', function* () {
      at('t1 = ');
      const t1 = createTask(work(1));
      const t2 = createTask(fail(), { name: 'failing' });
      const t3 = createTask(work(5));
      print(repr(t1));
      at('await asyncio.sleep(0)');
      yield* sleep(0);
      print(repr(t1));
      print(repr(t2));
      t3.cancel();
      print(repr(t3));
      yield* sleep(0);
      print(repr(t3));
      yield* sleep(0);
      print(repr(t3));
      print(t3.cancelled(), t3.cancelling());
      at('await t1');
      yield* t1;
      print(repr(t1));
      print(repr(t2.exception()));
      at('print(repr(asyncio.current_task()))');
      print(repr(currentTask(t1.getLoop())));
      print(t1.getName(), (t1.getCoro() as Coroutine<unknown>).__qualname__);
      return 'main done';
    });
    const loop = new FakeLoop();
    // The reprs name the standard library of the realm's version (the loop's, as the native python3's).
    withRealm(loop.realm, () => {
      const m = new Task(main(), loop);
      print(repr(m));
      print(loop.runUntilComplete(m));
      print(repr(m));
    });
    expect(out).toEqual(runPython(py));
  });

  it('sleep(0) and sleep(d < 0) give up one loop turn and return their result; a cancel lands inside them', () => {
    const py = `import asyncio
from vloop import new_loop
async def ticker(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)
async def sleeper():
    try:
        await asyncio.sleep(0)
        print('not reached')
    except asyncio.CancelledError:
        print('cancelled in sleep(0)')
        raise
async def main():
    t = asyncio.create_task(ticker('t'))
    print(await asyncio.sleep(0, 'x'))
    print(await asyncio.sleep(-1, 5))
    s = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    s.cancel()
    await asyncio.sleep(0)
    print(s.cancelled(), loop.time())
    await t
loop = new_loop()
loop.run_until_complete(main())
`;
    const { out, print } = printer();
    const { def } = placer(py);
    const ticker = def('ticker', function* (name: string) {
      for (let i = 0; i < 3; i++) {
        print(name, i);
        yield* sleep(0);
      }
    });
    const sleeper = def('sleeper', function* () {
      try {
        yield* sleep(0);
        print('not reached');
      } catch (error) {
        if (error instanceof CancelledError) print('cancelled in sleep(0)');
        throw error;
      }
    });
    const loop = new FakeLoop();
    const main = def('main', function* () {
      const t = createTask(ticker('t'));
      print(yield* sleep(0, 'x'));
      print(yield* sleep(-1, 5));
      const s = createTask(sleeper());
      yield* sleep(0);
      s.cancel();
      yield* sleep(0);
      print(s.cancelled(), pyFloat(loop.time()));
      yield* t;
    });
    loop.runUntilComplete(new Task(main(), loop));
    expect(out).toEqual(runPython(py));
  });
  it('a sleep(0) is a coroutine like any other: sent to, thrown into, closed, never awaited twice', () => {
    const py = `import asyncio
from vloop import new_loop
def outcome(step):
    try:
        return repr(step())
    except StopIteration as e:
        return 'StopIteration ' + repr(e.value)
    except BaseException as e:
        return type(e).__name__ + ': ' + str(e)
async def main():
    c = asyncio.sleep(0, 'r')
    for _ in range(3):
        print(outcome(lambda: c.send(None)))
    d = asyncio.sleep(0)
    await d
    print(outcome(lambda: d.send(None)))
    e = asyncio.sleep(0)
    e.close()
    print(outcome(lambda: e.send(None)))
    f = asyncio.sleep(0)
    print(outcome(lambda: f.send(None)))
    f.close()
    print(outcome(lambda: f.send(None)))
    g = asyncio.sleep(0)
    print(outcome(lambda: g.throw(ValueError('before'))))
    print(outcome(lambda: g.send(None)))
    h = asyncio.sleep(0)
    h.send(None)
    print(outcome(lambda: h.throw(ValueError('waiting'))))
    print(outcome(lambda: h.throw(ValueError('after'))))
    print(outcome(lambda: h.send(None)))
loop = new_loop()
loop.run_until_complete(main())
`;
    const { out, print } = printer();
    const { def } = placer(py);
    const outcome = (step: () => IteratorResult<unknown, unknown>): string => {
      try {
        const result = step();
        return result.done ? `StopIteration ${repr(result.value)}` : repr(result.value);
      } catch (error) {
        if (!(error instanceof PyBaseException)) throw error;
        return `${error.pyName}: ${str(error)}`;
      }
    };
    const loop = new FakeLoop();
    const main = def('main', function* () {
      const c = sleep(0, 'r');
      for (let i = 0; i < 3; i++) print(outcome(() => c.next()));
      const d = sleep(0);
      yield* d;
      print(outcome(() => d.next()));
      const e = sleep(0);
      e.close();
      print(outcome(() => e.next()));
      const f = sleep(0);
      print(outcome(() => f.next()));
      f.close();
      print(outcome(() => f.next()));
      const g = sleep(0);
      print(outcome(() => g.throw(new ValueError('before'))));
      print(outcome(() => g.next()));
      const h = sleep(0);
      h.next();
      print(outcome(() => h.throw(new ValueError('waiting'))));
      print(outcome(() => h.throw(new ValueError('after'))));
      print(outcome(() => h.next()));
    });
    loop.runUntilComplete(new Task(main(), loop));
    expect(out).toEqual(runPython(py));
  });
});
