// sleep-zero-cancel.py on the simulated process: a task cancelled while it waits in sleep(0) (a
// busy loop's usual await) leaves through sleep's `await __sleep0()` and __sleep0's `yield`, and
// awaiting it raises a new CancelledError with that one as its context.
import type { Py } from '../../../src/runtime/process/index.js';

export function* sleepZeroCancel(py: Py) {
  const { asyncio } = py;
  py.line(1);
  py.line(4);
  const spin = py.asyncDef('spin', 4, function* () {
    for (;;) {
      py.line(5);
      py.line(6);
      yield* asyncio.sleep(0);
    }
  });
  py.line(9);
  const main = py.asyncDef('main', 9, function* () {
    py.line(10);
    const task = asyncio.createTask(spin());
    py.line(11);
    yield* asyncio.sleep(0);
    py.line(12);
    task.cancel();
    py.line(13);
    yield* task;
  });
  py.line(16);
  yield* asyncio.run(main());
}
