// Task: stepping, reprs in every state, cancellation, exceptions; compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { type Coroutine, asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { ValueError } from '../../../src/runtime/exceptions.js';
import { repr } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { currentTask } from '../../../src/runtime/task-registry.js';
import { Task, createTask } from '../../../src/runtime/tasks.js';
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
    const m = new Task(main(), loop);
    print(repr(m));
    print(loop.runUntilComplete(m));
    print(repr(m));
    expect(out).toEqual(runPython(py));
  });
});
