// Future: states, done callbacks, reprs and errors, compared with what CPython 3.11 prints.
import { describe, expect, it } from 'vitest';
import { InvalidStateError, StopIteration, ValueError } from '../../../src/runtime/exceptions.js';
import { Future } from '../../../src/runtime/futures.js';
import { pyFunction, repr } from '../../../src/runtime/repr.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { Task } from '../../../src/runtime/tasks.js';
import { FakeLoop } from './fake-loop.js';
import { PY_FILE, lineOf, runPython } from './python.js';

function tryRepr(fn: () => unknown): string {
  try {
    return repr(fn());
  } catch (error) {
    return repr(error);
  }
}

describe('Future', () => {
  it('runs done callbacks through call_soon in registration order, and reprs them as CPython does', () => {
    const py = `import asyncio
from vloop import new_loop
loop = new_loop()
fut = loop.create_future()
print(repr(fut))
def cb1(f): print('cb1', repr(f))
def cb2(f): print('cb2')
def cb3(f): print('cb3')
fut.add_done_callback(cb1)
print(repr(fut))
fut.add_done_callback(cb2)
print(repr(fut))
fut.add_done_callback(cb3)
fut.add_done_callback(cb2)
print(repr(fut))
print(fut.remove_done_callback(cb2))
print(repr(fut))
fut.add_done_callback(cb2)
loop.call_soon(print, 'soon before')
fut.set_result('x')
loop.call_soon(print, 'soon after')
print(repr(fut))
fut.add_done_callback(cb3)
loop.run_until_complete(asyncio.sleep(0))
`;
    const out: string[] = [];
    const print = (...args: unknown[]) => out.push(args.map((a) => (typeof a === 'string' ? a : repr(a))).join(' '));
    const loop = new FakeLoop();
    const fut = new Future<string>(loop);
    const at = (name: string) => ({ name, file: PY_FILE, line: lineOf(py, `def ${name}`) });
    const cb1 = pyFunction((f: Future<string>) => print('cb1', repr(f)), at('cb1'));
    const cb2 = pyFunction(() => print('cb2'), at('cb2'));
    const cb3 = pyFunction(() => print('cb3'), at('cb3'));
    print(repr(fut));
    fut.addDoneCallback(cb1);
    print(repr(fut));
    fut.addDoneCallback(cb2);
    print(repr(fut));
    fut.addDoneCallback(cb3);
    fut.addDoneCallback(cb2);
    print(repr(fut));
    print(repr(fut.removeDoneCallback(cb2)));
    print(repr(fut));
    fut.addDoneCallback(cb2);
    loop.callSoon(print, 'soon before');
    fut.setResult('x');
    loop.callSoon(print, 'soon after');
    print(repr(fut));
    fut.addDoneCallback(cb3);
    loop.runUntilComplete(new Task(sleep(0), loop));
    expect(out).toEqual(runPython(py));
  });

  it('reports the errors of result(), exception() and set_result() with CPython wording', () => {
    const py = `import asyncio
from vloop import new_loop
loop = new_loop()
def attempt(fn):
    try:
        print(repr(fn()))
    except BaseException as e:
        print(repr(e))
fut = loop.create_future()
attempt(fut.result)
attempt(fut.exception)
attempt(lambda: fut.set_exception(StopIteration()))
fut.set_exception(ValueError('boom'))
print(repr(fut))
attempt(lambda: fut.set_result(1))
attempt(lambda: fut.set_exception(ValueError('again')))
attempt(fut.exception)
attempt(fut.result)
attempt(fut.cancel)
c = loop.create_future()
attempt(lambda: c.cancel('why'))
print(repr(c), c.cancelled(), c.done())
attempt(c.result)
attempt(c.exception)
attempt(c.cancel)
d = loop.create_future()
d.set_result([1, 'two', None, 3.5, True])
print(repr(d))
e = loop.create_future()
e.set_result('a long result string that reprlib shortens')
print(repr(e))
`;
    const out: string[] = [];
    const attempt = (fn: () => unknown) => out.push(tryRepr(fn));
    const loop = new FakeLoop();
    const fut = new Future(loop);
    attempt(() => fut.result());
    attempt(() => fut.exception());
    attempt(() => fut.setException(new StopIteration()));
    fut.setException(new ValueError('boom'));
    out.push(repr(fut));
    attempt(() => fut.setResult(1));
    attempt(() => fut.setException(new ValueError('again')));
    attempt(() => fut.exception());
    attempt(() => fut.result());
    attempt(() => fut.cancel());
    const c = new Future(loop);
    attempt(() => c.cancel('why'));
    out.push(`${repr(c)} ${repr(c.cancelled())} ${repr(c.done())}`);
    attempt(() => c.result());
    attempt(() => c.exception());
    attempt(() => c.cancel());
    const d = new Future(loop);
    d.setResult([1, 'two', null, 3.5, true]);
    out.push(repr(d));
    const e = new Future(loop);
    e.setResult('a long result string that reprlib shortens');
    out.push(repr(e));
    expect(out).toEqual(runPython(py));
    expect(() => fut.setResult(2)).toThrow(InvalidStateError);
  });

  it('reports an exception nobody retrieved once, with CPython\'s message', () => {
    const loop = new FakeLoop();
    const fut = new Future(loop);
    fut.setException(new ValueError('lost'));
    expect(fut.reportIfUnretrieved()).toBe(true);
    expect(fut.reportIfUnretrieved()).toBe(false);
    expect(loop.handled.map((c) => [c.message, repr(c.exception)])).toEqual([['Future exception was never retrieved', "ValueError('lost')"]]);
    expect(loop.handled[0]!.future).toBe(fut);

    const seen = new Future(loop);
    seen.setException(new ValueError('seen'));
    seen.exception();
    expect(seen.reportIfUnretrieved()).toBe(false);
  });

  it('is awaited with yield*: yields itself while pending, then returns the result', () => {
    const loop = new FakeLoop();
    const fut = new Future<number>(loop);
    const it = fut[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toBe(fut);
    expect(fut._asyncio_future_blocking).toBe(true);
    expect(() => it.next()).toThrow("await wasn't used with future");
    // C's future iterator (FutureIter_am_send): resumed while pending with the flag cleared (a task
    // took it), it yields the future again; a new await of a future whose flag is still set raises at once.
    const resumed = fut[Symbol.iterator]();
    fut._asyncio_future_blocking = false;
    expect(resumed.next().value).toBe(fut);
    fut._asyncio_future_blocking = false;
    expect(resumed.next().value).toBe(fut);
    expect(() => fut[Symbol.iterator]().next()).toThrow("await wasn't used with future");
    fut._asyncio_future_blocking = false;
    const again = fut[Symbol.iterator]();
    again.next();
    fut.setResult(7);
    expect(again.next()).toEqual({ done: true, value: 7 });
  });
});
