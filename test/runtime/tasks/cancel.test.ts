// Task cancellation: delivery at the next step, through the awaited future, caught and refused,
// counted by cancelling()/uncancel(), with and without a message; compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { CancelledError, excLine, toPyException } from '../../../src/runtime/exceptions.js';
import { pyFloat, repr } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { Task, createTask } from '../../../src/runtime/tasks.js';
import { FakeLoop } from './fake-loop.js';
import { printer } from './helpers.js';
import { PY_FILE, lineOf, runPython } from './python.js';

function placer(py: string) {
  return {
    def: <A extends unknown[], T>(name: string, body: (...args: A) => Generator<unknown, T, unknown>) =>
      asyncDef(name, body, { file: PY_FILE, line: lineOf(py, `async def ${name}(`) }),
    at: (text: string) => setLine(lineOf(py, text)),
  };
}

/** How the Python programs below print a caught exception. */
function described(error: unknown): string {
  return `${repr(toPyException(error))} ${repr(toPyException(error).args)}`;
}

describe('Task cancellation', () => {
  it('throws CancelledError into a sleeping coroutine, which may catch it, count it and refuse it', () => {
    const py = `import asyncio
from vloop import new_loop
async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print('caught', repr(e), asyncio.current_task().cancelling())
        print('left', asyncio.current_task().uncancel())
    await asyncio.sleep(1)
    return 'survived'
async def obedient():
    try:
        await asyncio.sleep(10)
    finally:
        print('cleanup', asyncio.get_running_loop().time())
async def never_started():
    print('never printed')
async def main():
    a = asyncio.create_task(stubborn())
    b = asyncio.create_task(obedient())
    c = asyncio.create_task(never_started())
    print(c.cancel('early'), c.cancel(), c.cancelling())
    await asyncio.sleep(2)
    print(a.cancel(), b.cancel('stop it'))
    print(a.cancelling(), b.cancelling())
    for t in (a, b, c):
        try:
            print('result', await t)
        except asyncio.CancelledError as e:
            print('cancelled', repr(e), t.cancelled())
    print(a.cancel(), a.cancelling())
loop = new_loop()
loop.run_until_complete(main())
print(loop.time())
`;
    const { out, print } = printer();
    const { def, at } = placer(py);
    const loop = new FakeLoop();
    const stubborn = def('stubborn', function* () {
      try {
        at('await asyncio.sleep(10)');
        yield* sleep(10);
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        const me = createdTasks.get('stubborn')!;
        print('caught', repr(error), me.cancelling());
        print('left', me.uncancel());
      }
      yield* sleep(1);
      return 'survived';
    });
    const obedient = def('obedient', function* () {
      try {
        yield* sleep(10);
      } finally {
        print('cleanup', pyFloat(loop.time()));
      }
    });
    const neverStarted = def('never_started', function* () {
      print('never printed');
    });
    const createdTasks = new Map<string, Task<unknown>>();
    const main = def('main', function* () {
      const a = createTask(stubborn());
      createdTasks.set('stubborn', a);
      const b = createTask(obedient());
      const c = createTask(neverStarted());
      print(c.cancel('early'), c.cancel(), c.cancelling());
      yield* sleep(2);
      print(a.cancel(), b.cancel('stop it'));
      print(a.cancelling(), b.cancelling());
      for (const t of [a, b, c]) {
        try {
          print('result', yield* t);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print('cancelled', repr(error), t.cancelled());
        }
      }
      print(a.cancel(), a.cancelling());
    });
    loop.runUntilComplete(new Task(main(), loop));
    print(pyFloat(loop.time()));
    expect(out).toEqual(runPython(py));
  });

  it('cancels the awaited task first when a task waits on another task', () => {
    const py = `import asyncio
from vloop import new_loop
async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print('inner caught', repr(e))
        raise
async def outer(t):
    try:
        await t
    except asyncio.CancelledError as e:
        print('outer caught', repr(e))
        raise
async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(1)
    print(repr(o))
    print(o.cancel('msg'))
    print(repr(o))
    print(repr(i))
    try:
        await o
    except asyncio.CancelledError as e:
        print('main caught', repr(e))
    print(i.cancelled(), o.cancelled(), i.cancelling(), o.cancelling())
loop = new_loop()
loop.run_until_complete(main())
`;
    const { out, print } = printer();
    const { def, at } = placer(py);
    const inner = def('inner', function* () {
      try {
        at('await asyncio.sleep(5)');
        yield* sleep(5);
      } catch (error) {
        print('inner caught', repr(error));
        throw error;
      }
    });
    const outer = def('outer', function* (t: Task<unknown>) {
      try {
        at('await t');
        yield* t;
      } catch (error) {
        print('outer caught', repr(error));
        throw error;
      }
    });
    const main = def('main', function* () {
      const i = createTask(inner());
      const o = createTask(outer(i));
      yield* sleep(1);
      print(repr(o));
      print(o.cancel('msg'));
      print(repr(o));
      print(repr(i));
      try {
        yield* o;
      } catch (error) {
        print('main caught', repr(error));
      }
      print(i.cancelled(), o.cancelled(), i.cancelling(), o.cancelling());
    });
    const loop = new FakeLoop();
    loop.runUntilComplete(new Task(main(), loop));
    expect(out).toEqual(runPython(py));
  });

  it('chains the CancelledError a coroutine raised into the one result() raises', () => {
    const loop = new FakeLoop();
    const raising = asyncDef('raising', function* () {
      yield* sleep(0);
      throw new CancelledError('from inside');
    });
    const task = new Task(raising(), loop);
    let caught: unknown;
    try {
      loop.runUntilComplete(task);
    } catch (error) {
      caught = error;
    }
    expect(task.cancelled()).toBe(true);
    expect(described(caught)).toBe("CancelledError('from inside') ['from inside']");
    expect(excLine(toPyException(caught))).toBe('CancelledError: from inside');
  });
});
