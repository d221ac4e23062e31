// timeouts.py on the simulated process: asyncio.timeout / timeout_at through their states (created,
// active, expiring, expired, finished), reprs, errors, nested timeouts, another exception or a
// CancelledError subclass leaving an expired block, and a cancel() at the deadline besides the
// timeout's own. `async with cm:` is written out as timeouts.ts documents: cm._enter(), then
// cm._exit(the exception leaving the block, or null).
import { CancelledError, PyBaseException, RuntimeError, TimeoutError, ValueError, toPyException } from '../../../src/runtime/exceptions.js';
import type { Py } from '../../../src/runtime/process/index.js';
import { floatRepr, repr } from '../../../src/runtime/repr.js';
import type { Task } from '../../../src/runtime/tasks.js';
import type { Timeout } from '../../../src/runtime/timeouts.js';

class MyCancelled extends CancelledError {
  static override pyName = 'MyCancelled';
}

/** A float as print() shows it (None for null). */
const f = (x: number | null) => (x === null ? 'None' : floatRepr(x));
const bool = (b: boolean) => (b ? 'True' : 'False');

function chain(error: PyBaseException | null): string {
  const names: string[] = [];
  while (error !== null) {
    names.push(error.pyName);
    error = error.__cause__ ?? error.__context__;
  }
  return names.join(' <- ');
}

/** `async with cm: body`, the exception leaving the block handed to __aexit__. */
function* asyncWith<T>(cm: Timeout, body: () => Generator<unknown, T, unknown>): Generator<unknown, T, unknown> {
  cm._enter();
  let result: T;
  try {
    result = yield* body();
  } catch (error) {
    cm._exit(toPyException(error));
    throw error;
  }
  cm._exit(null);
  return result;
}

function runtimeError(py: Py, action: () => void): void {
  try {
    action();
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    py.print('RuntimeError:', e);
  }
}

export function* timeouts(py: Py) {
  const { asyncio } = py;
  const states = py.asyncDef('states', 16, function* () {
    const cm = asyncio.timeout(1.5);
    py.print(repr(cm), f(cm.when()), bool(cm.expired()));
    runtimeError(py, () => cm.reschedule(3.5));
    yield* asyncWith(cm, function* () {
      py.print(repr(cm));
      cm.reschedule(2.25);
      py.print(repr(cm), f(cm.when()));
      cm.reschedule(null);
      py.print(repr(cm), f(cm.when()));
      // round(when, 3) in the repr: halves to even, and the double's exact value decides.
      for (const when of [10.0625, 1.0005, 2.675]) {
        cm.reschedule(when);
        py.print(repr(cm));
      }
      cm.reschedule(0.5);
    });
    py.print(repr(cm), bool(cm.expired()));
    runtimeError(py, () => cm.reschedule(1.5));
    runtimeError(py, () => cm._enter());
    py.print(repr(asyncio.timeout(null)), repr(asyncio.timeoutAt(null)));
  });

  const expires = py.asyncDef('expires', 42, function* () {
    const cm = asyncio.timeout(0.5);
    try {
      yield* asyncWith(cm, function* () {
        yield* asyncio.sleep(10);
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      py.print('caught', chain(e), repr(e.__cause__), bool(e.__context__ === e.__cause__), bool(e.__suppress_context__));
    }
    py.print(repr(cm), bool(cm.expired()));
    runtimeError(py, () => cm.reschedule(2.5));
    const past = asyncio.timeoutAt(asyncio.getRunningLoop().time() - 1);
    try {
      yield* asyncWith(past, function* () {
        yield* asyncio.sleep(0);
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      py.print('past deadline:', repr(past));
    }
  });

  const otherError = py.asyncDef('other_error', 60, function* () {
    try {
      yield* asyncWith(asyncio.timeout(0.25), function* () {
        try {
          yield* asyncio.sleep(1);
        } catch (e) {
          if (!(e instanceof CancelledError)) throw e;
          const replaced = new ValueError('replaced');
          replaced.__context__ = e;
          throw replaced;
        }
      });
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      py.print('ValueError chain:', chain(e));
    }
  });

  const subclass = py.asyncDef('subclass', 71, function* () {
    try {
      yield* asyncWith(asyncio.timeout(0.25), function* () {
        try {
          yield* asyncio.sleep(1);
        } catch (e) {
          if (!(e instanceof CancelledError)) throw e;
          const mine = new MyCancelled('mine');
          mine.__context__ = e;
          throw mine;
        }
      });
    } catch (e) {
      if (e instanceof TimeoutError) py.print('TimeoutError from', repr(e.__cause__));
      else if (e instanceof MyCancelled) {
        py.print('MyCancelled passed through:', repr(e));
        (asyncio.currentTask() as Task<unknown>).uncancel();
      } else throw e;
    }
  });

  const nested = py.asyncDef('nested', 85, function* () {
    let outer = asyncio.timeout(0.5);
    let inner = asyncio.timeout(1.5);
    try {
      yield* asyncWith(outer, function* () {
        yield* asyncWith(inner, function* () {
          yield* asyncio.sleep(10);
        });
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      py.print('outer first:', repr(outer), repr(inner));
    }
    outer = asyncio.timeout(1.5);
    yield* asyncWith(outer, function* () {
      inner = asyncio.timeout(0.5);
      try {
        yield* asyncWith(inner, function* () {
          yield* asyncio.sleep(10);
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        py.print('inner first:', repr(inner), repr(outer), bool(outer.expired()));
      }
    });
    py.print('after:', repr(outer));
  });

  const cancelledToo = py.asyncDef('cancelled_too', 101, function* (whenFirst: boolean) {
    const task = asyncio.currentTask() as Task<unknown>;
    const loop = asyncio.getRunningLoop();
    let cm: Timeout | undefined;
    try {
      if (whenFirst) loop.callLater(0.5, () => task.cancel());
      cm = asyncio.timeout(0.5);
      yield* asyncWith(cm, function* () {
        if (!whenFirst) loop.callLater(0.5, () => task.cancel());
        yield* asyncio.sleep(10);
      });
    } catch (e) {
      if (e instanceof TimeoutError) py.print('TimeoutError', task.cancelling());
      else if (e instanceof CancelledError) {
        py.print('CancelledError', task.cancelling(), repr(cm), bool(cm!.expired()));
        task.uncancel();
      } else throw e;
    }
  });

  const main = py.asyncDef('main', 118, function* () {
    for (const [name, fn] of [['states', states], ['expires', expires], ['other_error', otherError], ['subclass', subclass], ['nested', nested]] as const) {
      py.print('--', name);
      yield* fn();
    }
    for (const first of [true, false]) {
      py.print('-- cancelled_too', bool(first));
      yield* asyncio.createTask(cancelledToo(first));
    }
  });

  const outside = py.def('outside', 127, () => {
    runtimeError(py, () => asyncio.timeout(1));
    runtimeError(py, () => asyncio.timeoutAt(1.0)._enter());
  });

  py.line(138);
  outside();
  py.line(139);
  const loop = asyncio.newEventLoop();
  py.line(140);
  loop.callSoon(outside);
  py.line(141);
  yield* loop.blocking.runUntilComplete(main());
  py.line(142);
  loop.close();
}
