// run-error.py on the simulated process: an exception leaving asyncio.run, whose traceback gains
// the frames of asyncio.run, Runner.run and run_until_complete's `return future.result()`.
import type { Py } from '../../../src/runtime/process/index.js';
import { ValueError } from '../../../src/runtime/exceptions.js';

export function* runError(py: Py) {
  const { asyncio } = py;
  py.line(1);
  py.line(4);
  const work = py.asyncDef('work', 4, function* (n: number) {
    py.line(5);
    yield* asyncio.sleep(0.5);
    py.line(6);
    throw new ValueError(`bad ${n}`);
  });
  py.line(9);
  const main = py.asyncDef('main', 9, function* () {
    py.line(10);
    py.print('main starts');
    py.line(11);
    yield* work(1);
  });
  py.line(14);
  yield* asyncio.run(main());
}
