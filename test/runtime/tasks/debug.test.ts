// Debug mode: futures and tasks remember where they were created, and their reprs end with
// `created at FILE:LINE` naming the same line as CPython's (often inside asyncio itself).
import { expect, it } from 'vitest';
import { runningCoroutine } from '../../../src/runtime/coroutines.js';
import { Future } from '../../../src/runtime/futures.js';
import { gather } from '../../../src/runtime/gather.js';
import { getRealm } from '../../../src/runtime/realm.js';
import { repr } from '../../../src/runtime/repr.js';
import { shield } from '../../../src/runtime/shield.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask, ensureFuture } from '../../../src/runtime/tasks.js';
import { onFreshLoop, printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';

it("ends reprs with CPython's `created at` in debug mode", () => {
  const py = `import asyncio
from vloop import new_loop
async def child():
    await asyncio.sleep(1)
async def main():
    t = asyncio.create_task(child())
    e = asyncio.ensure_future(child())
    await asyncio.sleep(0)
    print(repr(t))
    print(repr(e))
    g = asyncio.gather(child(), t)
    print(repr(g))
    s = asyncio.shield(e)
    print(repr(s))
    f = asyncio.Future()
    print(repr(f))
    f.set_result(None)
    await g
    await s
loop = new_loop()
loop.set_debug(True)
loop.run_until_complete(main())
`;
  const out = onFreshLoop((loop) => {
    // The simulated process's stack, reduced to what these coroutines show: the running one's frame.
    getRealm().extractStack = () => {
      const coro = runningCoroutine();
      return coro?.file === undefined ? [] : [{ file: coro.file, line: coro.line, name: coro.__qualname__ }];
    };
    loop.setDebug(true);
    const { out, print } = printer();
    const { def, at } = placer(py);
    const child = def('child', function* () {
      at('await asyncio.sleep(1)');
      yield* sleep(1);
    });
    const main = def('main', function* () {
      at('t = asyncio.create_task(child())');
      const t = createTask(child());
      at('e = asyncio.ensure_future(child())');
      const e = ensureFuture(child());
      yield* sleep(0);
      print(repr(t));
      print(repr(e));
      at('g = asyncio.gather(child(), t)');
      const g = gather(child(), t);
      print(repr(g));
      at('s = asyncio.shield(e)');
      const s = shield(e);
      print(repr(s));
      at('f = asyncio.Future()');
      const f = new Future(loop);
      print(repr(f));
      f.setResult(null);
      yield* g;
      yield* s;
    });
    loop.runUntilComplete(main());
    return out;
  });
  expect(out).toEqual(runPython(py));
});
