// deprecations.py on the simulated process: 3.14's deprecated asyncio names (the policy functions
// and class, iscoroutinefunction), called at several places, one of them twice.
import type { Py } from '../../../src/runtime/process/index.js';
import { TypeError } from '../../../src/runtime/exceptions.js';

export function* deprecations(py: Py) {
  const { asyncio } = py;
  py.line(1);
  py.line(4);
  const work = py.asyncDef('work', 4, function* () {
    py.line(5);
    asyncio.getEventLoopPolicy();
    py.line(6);
    py.print(asyncio.iscoroutinefunction(work));
  });
  py.line(9);
  const main = py.def('main', 9, function* () {
    for (let i = 0; i < 2; i++) {
      py.line(10);
      py.line(11);
      asyncio.getEventLoopPolicy();
    }
    py.line(10);
    py.line(12);
    py.print(asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(work));
    py.line(13);
    asyncio.setEventLoopPolicy(null);
    py.line(14);
    asyncio.setEventLoopPolicy(new asyncio.DefaultEventLoopPolicy());
    py.line(15);
    const loop = asyncio.newEventLoop();
    py.line(16);
    yield* loop.blocking.runUntilComplete(work());
    py.line(17);
    loop.close();
    py.line(18);
    try {
      py.line(19);
      asyncio.setEventLoopPolicy(42 as never);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      py.line(20);
      py.line(21);
      py.print(e.message);
    }
  });
  py.line(24);
  yield* main();
  py.line(25);
  asyncio.getEventLoopPolicy();
}
