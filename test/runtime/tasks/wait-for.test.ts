// wait_for() (3.11 semantics) and shield(): timeouts, cancellation from outside, shielded tasks
// running on; compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { CancelledError, TimeoutError, excLine, toPyException } from '../../../src/runtime/exceptions.js';
import { pyFloat, repr } from '../../../src/runtime/repr.js';
import { shield } from '../../../src/runtime/shield.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask } from '../../../src/runtime/tasks.js';
import { waitFor } from '../../../src/runtime/wait-for.js';
import { onFreshLoop, printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';

describe('wait_for', () => {
  it('returns in time, times out (cancelling and awaiting the task), and cancels the task when cancelled itself', () => {
    const py = `import asyncio
from vloop import new_loop
async def job(name, delay, stubborn=False):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled at', asyncio.get_running_loop().time())
        if stubborn:
            await asyncio.sleep(1)
            return name + ' (finished anyway)'
        raise
async def waiter(aw, timeout):
    try:
        print('result', await asyncio.wait_for(aw, timeout))
    except asyncio.TimeoutError as e:
        print('timeout', repr(e), repr(e.__cause__), asyncio.get_running_loop().time())
    except asyncio.CancelledError as e:
        print('waiter cancelled', repr(e), asyncio.get_running_loop().time())
        raise
async def main():
    await waiter(job('fast', 1), 2)
    await waiter(job('slow', 3), 2)
    await waiter(job('stubborn', 3, stubborn=True), 2)
    await waiter(job('none', 1), None)
    await waiter(job('zero', 1), 0)
    t = asyncio.create_task(job('ready', 0))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await waiter(t, 0)
    w = asyncio.create_task(waiter(job('inner', 5), 10))
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print('w cancelled', w.cancelled())
loop = new_loop()
loop.run_until_complete(main())
`;
    const out = onFreshLoop((loop) => {
      const { out, print } = printer();
      const { def } = placer(py);
      const now = () => pyFloat(loop.time());
      const job = def('job', function* (name: string, delay: number, stubborn = false) {
        try {
          yield* sleep(delay);
          return name;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print(name, 'cancelled at', now());
          if (stubborn) {
            yield* sleep(1);
            return `${name} (finished anyway)`;
          }
          throw error;
        }
      });
      const waiter = def('waiter', function* (aw: Parameters<typeof waitFor<string>>[0], timeout: number | null) {
        try {
          print('result', yield* waitFor(aw, timeout));
        } catch (error) {
          if (error instanceof TimeoutError) print('timeout', repr(error), repr(error.__cause__), now());
          else if (error instanceof CancelledError) {
            print('waiter cancelled', repr(error), now());
            throw error;
          } else throw error;
        }
      });
      const main = def('main', function* () {
        yield* waiter(job('fast', 1), 2);
        yield* waiter(job('slow', 3), 2);
        yield* waiter(job('stubborn', 3, true), 2);
        yield* waiter(job('none', 1), null);
        yield* waiter(job('zero', 1), 0);
        const t = createTask(job('ready', 0));
        yield* sleep(0);
        yield* sleep(0);
        yield* waiter(t, 0);
        const w = createTask(waiter(job('inner', 5), 10));
        yield* sleep(1);
        w.cancel();
        try {
          yield* w;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print('w cancelled', w.cancelled());
        }
      });
      loop.runUntilComplete(main());
      return out;
    });
    expect(out).toEqual(runPython(py));
  });
});

describe('shield', () => {
  it('keeps the shielded task running when the awaiting task is cancelled, and follows its outcome otherwise', () => {
    const py = `import asyncio
from vloop import new_loop
async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'finished at', asyncio.get_running_loop().time())
    return name
async def guarded(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError as e:
        print('guarded cancelled', repr(e), t.done(), t.cancelled())
        raise
async def main():
    inner = asyncio.create_task(job('inner', 3))
    g = asyncio.create_task(guarded(inner))
    await asyncio.sleep(1)
    g.cancel('stop')
    try:
        await g
    except asyncio.CancelledError as e:
        print('g', repr(e), g.cancelled())
    print('inner result', await inner)
    other = asyncio.create_task(job('other', 2))
    s = asyncio.shield(other)
    print(repr(s))
    await asyncio.sleep(1)
    other.cancel()
    try:
        await s
    except asyncio.CancelledError as e:
        print('s', repr(e), s.cancelled())
    done = asyncio.create_task(job('done', 0))
    await done
    print(asyncio.shield(done) is done, await guarded(asyncio.create_task(job('plain', 1))))
loop = new_loop()
loop.run_until_complete(main())
`;
    const out = onFreshLoop((loop) => {
      const { out, print } = printer();
      const { def, at } = placer(py);
      const job = def('job', function* (name: string, delay: number) {
        yield* sleep(delay);
        print(name, 'finished at', pyFloat(loop.time()));
        return name;
      });
      const guarded = def('guarded', function* (t: ReturnType<typeof createTask<string>>) {
        try {
          return yield* shield(t);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print('guarded cancelled', repr(error), t.done(), t.cancelled());
          throw error;
        }
      });
      const main = def('main', function* () {
        const inner = createTask(job('inner', 3));
        const g = createTask(guarded(inner));
        yield* sleep(1);
        g.cancel('stop');
        try {
          yield* g;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print('g', repr(error), g.cancelled());
        }
        print('inner result', yield* inner);
        const other = createTask(job('other', 2));
        at('s = asyncio.shield(other)');
        const s = shield(other);
        print(repr(s));
        yield* sleep(1);
        other.cancel();
        try {
          yield* s;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print('s', repr(error), s.cancelled());
        }
        const done = createTask(job('done', 0));
        yield* done;
        print(shield(done) === done, yield* guarded(createTask(job('plain', 1))));
      });
      loop.runUntilComplete(main());
      return out;
    });
    expect(out).toEqual(runPython(py));
  });

  it('raises TimeoutError chained from the task\'s CancelledError', () => {
    onFreshLoop((loop) => {
      let caught: unknown;
      const main = placer('async def main(').def('main', function* () {
        try {
          yield* waitFor(sleep(5), 1);
        } catch (error) {
          caught = error;
        }
      });
      loop.runUntilComplete(main());
      const error = toPyException(caught);
      expect(excLine(error)).toBe('TimeoutError');
      expect(error.__cause__).toBeInstanceOf(CancelledError);
      expect(error.__suppress_context__).toBe(true);
    });
  });
});
