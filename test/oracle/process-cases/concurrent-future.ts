// concurrent-future.py on the simulated process: concurrent.futures' own CancelledError and
// InvalidStateError (Exceptions, named with their module), and the frames of _base.py that
// result() and set_result() add to a traceback. (InvalidStateError's message shows an address,
// which differs between runs: only its class is printed.)
import type { Py } from '../../../src/runtime/process/index.js';
import { ValueError, isException } from '../../../src/runtime/exceptions.js';
import type { ConcurrentFuture } from '../../../src/runtime/process/concurrent-future.js';

export function* concurrentFuture(py: Py) {
  const { futures } = py.concurrent;
  py.line(1);
  py.line(2);
  py.line(5);
  const outcome = py.def('outcome', 5, function* (fut: ConcurrentFuture) {
    py.line(6, 'fut.result()');
    return yield* fut.result();
  });
  py.line(9);
  const settle = py.def('settle', 9, function* (fut: ConcurrentFuture) {
    py.line(10, 'fut.set_result(1)');
    fut.set_result(1);
  });
  py.line(13);
  const f = futures.Future();
  py.line(14);
  f.cancel();
  py.line(15);
  try {
    py.line(16);
    yield* outcome(f);
  } catch (e) {
    if (!isException(e)) throw e;
    py.line(17);
    py.line(18);
    py.print('except Exception catches', py.repr(e));
  }
  py.line(19);
  const g = futures.Future();
  py.line(20);
  g.set_exception(new ValueError('v'));
  py.line(21);
  try {
    py.line(22);
    yield* outcome(g);
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    py.line(23);
    py.line(24);
    py.traceback.print_exc(e);
  }
  py.line(25);
  try {
    py.line(26);
    yield* settle(g);
  } catch (e) {
    if (!isException(e)) throw e;
    py.line(27);
    py.line(28);
    const lines = py.traceback.format_exc(e).trimEnd().split('\n');
    py.line(29);
    py.print(lines.slice(0, -1).join('\n'));
    py.line(30);
    py.print(lines.at(-1)!.split(':')[0]);
  }
  py.line(31);
  yield* outcome(f);
}
