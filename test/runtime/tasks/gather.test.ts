// gather(): result order, return_exceptions, failure and cancellation propagation; compared with CPython 3.11.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { asyncDef } from '../../../src/runtime/coroutines.js';
import { CancelledError, ValueError } from '../../../src/runtime/exceptions.js';
import { gather } from '../../../src/runtime/gather.js';
import { Future } from '../../../src/runtime/futures.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { pyFloat, pyFunction, repr } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { Task, createTask } from '../../../src/runtime/tasks.js';
import { FakeLoop } from './fake-loop.js';
import { printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';

describe('gather', () => {
  it('lists results in argument order, collects exceptions with return_exceptions, and fails fast without', () => {
    const py = `import asyncio
from vloop import new_loop
async def value(x, delay):
    await asyncio.sleep(delay)
    print('value', x)
    return x
async def boom(delay):
    await asyncio.sleep(delay)
    raise ValueError('boom')
async def main():
    print(await asyncio.gather(value('a', 3), value('b', 1), value('c', 2)))
    print(await asyncio.gather(value(1, 1), boom(0.5), value(2, 0), return_exceptions=True))
    slow = asyncio.create_task(value('slow', 5))
    g = asyncio.gather(value('x', 1), boom(2), slow)
    print(repr(g))
    try:
        await g
    except ValueError as e:
        print('caught', repr(e), repr(g), slow.done())
    print(await slow, asyncio.get_running_loop().time())
    t = asyncio.create_task(value('dup', 1))
    twice = asyncio.gather(t, t, value('other', 0))
    print(repr(t))
    print(await twice)
    f = asyncio.get_running_loop().create_future()
    f.add_done_callback(print)
    f_twice = asyncio.gather(f, value('between', 0), f)
    print(repr(f))
    f.set_result('f')
    print(await f_twice)
    print(await asyncio.gather(f, f))
    empty = asyncio.gather()
    print(repr(empty), repr(await empty))
loop = new_loop()
loop.run_until_complete(main())
`;
    const { out, print } = printer();
    const { def, at } = placer(py);
    const loop = new FakeLoop();
    const value = def('value', function* <T>(x: T, delay: number) {
      at('await asyncio.sleep(delay)');
      yield* sleep(delay);
      print('value', x);
      return x;
    });
    const boom = def('boom', function* (delay: number) {
      yield* sleep(delay);
      throw new ValueError('boom');
    });
    const main = def('main', function* () {
      const abc = yield* gather(value('a', 3), value('b', 1), value('c', 2));
      print(abc);
      print(yield* gather(value(1, 1), boom(0.5), value(2, 0), { returnExceptions: true }));
      const slow = createTask(value('slow', 5));
      at('g = asyncio.gather');
      const g = gather(value('x', 1), boom(2), slow);
      print(repr(g));
      try {
        yield* g;
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        print('caught', repr(error), repr(g), slow.done());
      }
      print(yield* slow, pyFloat(loop.time()));
      const t = createTask(value('dup', 1));
      at('twice = asyncio.gather');
      const twice = gather(t, t, value('other', 0));
      print(repr(t));
      print(yield* twice);
      const f = new Future<string>(loop);
      f.addDoneCallback(pyFunction((done: Future<string>) => print(repr(done)), { name: 'print' }));
      at('f_twice = asyncio.gather');
      const fTwice = gather(f, value('between', 0), f);
      print(repr(f));
      f.setResult('f');
      print(yield* fTwice);
      print(yield* gather(f, f));
      const empty = gather();
      print(repr(empty), repr(yield* empty));
    });
    // The realm current while it runs is the loop's (3.11's): reprs name its tasks.py lines.
    withRealm(loop.realm, () => loop.runUntilComplete(new Task(main(), loop)));
    expect(out).toEqual(runPython(py));
  });

  it('cancels its children when cancelled, and reports a cancelled child as a CancelledError', () => {
    const py = `import asyncio
from vloop import new_loop
async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        print(name, 'cancelled', repr(e))
        raise
async def main():
    a = asyncio.create_task(child('a', 1))
    g = asyncio.gather(a, child('b', 5), child('c', 6), return_exceptions=True)
    await asyncio.sleep(2)
    print(g.cancel('enough'), g.cancelled(), g.done())
    try:
        await g
    except asyncio.CancelledError as e:
        print('gather raised', repr(e), g.cancelled(), repr(g.exception()))
    print(g.cancel())
    x = asyncio.create_task(child('x', 1))
    g2 = asyncio.gather(x, child('y', 2))
    await asyncio.sleep(0)
    x.cancel('only x')
    try:
        await g2
    except asyncio.CancelledError as e:
        print('g2 raised', repr(e), g2.cancelled())
    await asyncio.sleep(3)
    g3 = asyncio.gather(child('p', 1), child('q', 2), return_exceptions=True)
    await asyncio.sleep(0)
    g3._children[0].cancel('p only')
    print(await g3)
    x = asyncio.create_task(child('x', 5))
    y = asyncio.create_task(child('y', 5))
    g4 = asyncio.gather(x, y, return_exceptions=True)
    await asyncio.sleep(0)
    y.cancel('y first')
    await asyncio.sleep(0)
    print(g4.cancel('then all'))
    try:
        await g4
    except asyncio.CancelledError as e:
        print('g4 raised', repr(e))
loop = new_loop()
loop.run_until_complete(main())
`;
    const { out, print } = printer();
    const { def } = placer(py);
    const loop = new FakeLoop();
    const child = def('child', function* (name: string, delay: number) {
      try {
        yield* sleep(delay);
        return name;
      } catch (error) {
        print(name, 'cancelled', repr(error));
        throw error;
      }
    });
    const main = def('main', function* () {
      const a = createTask(child('a', 1));
      const g = gather(a, child('b', 5), child('c', 6), { returnExceptions: true });
      yield* sleep(2);
      print(g.cancel('enough'), g.cancelled(), g.done());
      try {
        yield* g;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        print('gather raised', repr(error), g.cancelled(), repr(g.exception()));
      }
      print(g.cancel());
      const x = createTask(child('x', 1));
      const g2 = gather(x, child('y', 2));
      yield* sleep(0);
      x.cancel('only x');
      try {
        yield* g2;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        print('g2 raised', repr(error), g2.cancelled());
      }
      yield* sleep(3);
      const g3 = gather(child('p', 1), child('q', 2), { returnExceptions: true });
      yield* sleep(0);
      g3._children[0]!.cancel('p only');
      print(yield* g3);
      const x4 = createTask(child('x', 5));
      const y4 = createTask(child('y', 5));
      const g4 = gather(x4, y4, { returnExceptions: true });
      yield* sleep(0);
      y4.cancel('y first');
      yield* sleep(0);
      print(g4.cancel('then all'));
      try {
        yield* g4;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        print('g4 raised', repr(error));
      }
    });
    loop.runUntilComplete(new Task(main(), loop));
    expect(out).toEqual(runPython(py));
  });

  it('types its result as a tuple of the children\'s values', () => {
    const loop = new FakeLoop();
    const num = asyncDef('num', function* () {
      return 1;
    });
    const text = asyncDef('text', function* () {
      return 'x';
    });
    const main = asyncDef('main', function* () {
      const [n, s] = yield* gather(num(), text());
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(s).toEqualTypeOf<string>();
      return [n, s] as const;
    });
    expect(loop.runUntilComplete(new Task(main(), loop))).toEqual([1, 'x']);
  });
});
