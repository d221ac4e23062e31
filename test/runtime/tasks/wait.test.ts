// wait(): its three modes, with and without timeout, and its errors; compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../../src/runtime/exceptions.js';
import type { Future } from '../../../src/runtime/futures.js';
import { pyFloat, repr } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask } from '../../../src/runtime/tasks.js';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, type ReturnWhen, wait } from '../../../src/runtime/wait.js';
import { onFreshLoop, printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';

// Python sets iterate in address order; the programs print names sorted so both sides agree.
const py = `import asyncio
from vloop import new_loop
async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name
def names(fs):
    return sorted(f.get_name() for f in fs)
async def round(mode, timeout):
    ts = [asyncio.create_task(job('a', 3), name='a'),
          asyncio.create_task(job('b', 1, fail=True), name='b'),
          asyncio.create_task(job('c', 2), name='c')]
    start = asyncio.get_running_loop().time()
    done, pending = await asyncio.wait(ts, timeout=timeout, return_when=mode)
    print(mode, timeout, names(done), names(pending), asyncio.get_running_loop().time() - start)
    for t in ts:
        if t.done():
            print(' ', t.get_name(), repr(t.exception()))
    await asyncio.wait(ts)
async def main():
    for mode in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
        for timeout in (None, 0.5, 1.5, 2.5):
            await round(mode, timeout)
    for bad in ([], [job('x', 0)]):
        try:
            await asyncio.wait(bad)
        except (ValueError, TypeError) as e:
            print(repr(e))
    t = asyncio.create_task(job('only', 1))
    try:
        await asyncio.wait([t], return_when='SOMETIMES')
    except ValueError as e:
        print(repr(e))
    await t
loop = new_loop()
loop.run_until_complete(main())
`;

describe('wait', () => {
  it('returns done and pending for FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED, with and without timeout', () => {
    const out = onFreshLoop((loop) => {
      const { out, print } = printer();
      const { def } = placer(py);
      const job = def('job', function* (name: string, delay: number, fail = false) {
        yield* sleep(delay);
        if (fail) throw new ValueError(name);
        return name;
      });
      const names = (fs: Set<Future<unknown>>) => [...fs].map((f) => (f as unknown as { getName(): string }).getName()).sort();
      const round = def('round', function* (mode: ReturnWhen, timeout: number | null) {
        const ts = [createTask(job('a', 3), { name: 'a' }), createTask(job('b', 1, true), { name: 'b' }), createTask(job('c', 2), { name: 'c' })];
        const start = loop.time();
        const [done, pending] = yield* wait(ts, { timeout, returnWhen: mode });
        print(mode, timeout === null ? null : pyFloat(timeout), names(done), names(pending), pyFloat(loop.time() - start));
        for (const t of ts) if (t.done()) print(' ', t.getName(), repr(t.exception()));
        yield* wait(ts);
      });
      const main = def('main', function* () {
        for (const mode of [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] as const) {
          for (const timeout of [null, 0.5, 1.5, 2.5]) yield* round(mode, timeout);
        }
        for (const bad of [[], [job('x', 0)]]) {
          try {
            yield* wait(bad as unknown as Future<unknown>[]);
          } catch (error) {
            print(repr(error));
          }
        }
        const t = createTask(job('only', 1));
        try {
          yield* wait([t], { returnWhen: 'SOMETIMES' as ReturnWhen });
        } catch (error) {
          print(repr(error));
        }
        yield* t;
      });
      loop.runUntilComplete(main());
      return out;
    });
    expect(out).toEqual(runPython(py));
  });

  it('stops waiting when the waiting task is cancelled, removing its callbacks and its timeout', () => {
    const py2 = `import asyncio
from vloop import new_loop
async def job(name, delay):
    await asyncio.sleep(delay)
    return name
async def waiter(ts):
    try:
        done, pending = await asyncio.wait(ts, timeout=10)
    except asyncio.CancelledError as e:
        print('wait cancelled', repr(e), [t.done() for t in ts])
        raise
async def main():
    ts = [asyncio.create_task(job('a', 1)), asyncio.create_task(job('b', 5))]
    w = asyncio.create_task(waiter(ts))
    await asyncio.sleep(2)
    print(repr(w))
    print(repr(ts[1]))
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print('w', w.cancelled(), [t.done() for t in ts])
    print(repr(ts[1]))
    print(await ts[1], asyncio.get_running_loop().time())
loop = new_loop()
loop.run_until_complete(main())
`;
    const out = onFreshLoop((loop) => {
      const { out, print } = printer();
      const { def, at } = placer(py2);
      const job = def('job', function* (name: string, delay: number) {
        at('await asyncio.sleep(delay)');
        yield* sleep(delay);
        return name;
      });
      const waiter = def('waiter', function* (ts: Future<string>[]) {
        try {
          at('done, pending = await asyncio.wait(ts, timeout=10)');
          yield* wait(ts, { timeout: 10 });
        } catch (error) {
          print('wait cancelled', repr(error), ts.map((t) => t.done()));
          throw error;
        }
      });
      const main = def('main', function* () {
        const ts = [createTask(job('a', 1)), createTask(job('b', 5))];
        const w = createTask(waiter(ts));
        yield* sleep(2);
        print(repr(w));
        print(repr(ts[1]));
        w.cancel();
        try {
          yield* w;
        } catch (error) {
          print('w', w.cancelled(), ts.map((t) => t.done()));
        }
        print(repr(ts[1]));
        print(yield* ts[1]!, pyFloat(loop.time()));
      });
      loop.runUntilComplete(main());
      return out;
    });
    expect(out).toEqual(runPython(py2));
  });
});
