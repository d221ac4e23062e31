// contextvars in callbacks (each callback runs in the context current when it was scheduled, or
// the one given), and the policy functions: get_event_loop / set_event_loop / get_running_loop.
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { print } from '../../../src/runtime/builtins.js';
import { ContextVar, copyContext } from '../../../src/runtime/context.js';
import { PyBaseException, excLine } from '../../../src/runtime/exceptions.js';
import { getEventLoop, getRunningLoop, newEventLoop, setEventLoop, _getRunningLoop } from '../../../src/runtime/policy.js';
import { pyMethod, str } from '../../../src/runtime/repr.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';

const stopOf = (loop: BaseEventLoop) => pyMethod(loop, 'stop', 'BaseEventLoop.stop');

function attempt(label: string, fn: () => unknown): void {
  try {
    print(label, fn());
  } catch (error) {
    if (!(error instanceof PyBaseException)) throw error;
    print(label, excLine(error));
  }
}

describe('contextvars in callbacks', () => {
  it('runs each callback in a copy of the context current when it was scheduled, or in the context given', () => {
    const python = runPython(`import asyncio, contextvars
request = contextvars.ContextVar('request', default='none')
loop = asyncio.new_event_loop()
def show(tag):
    print(tag, request.get())
def setter():
    request.set('set inside a callback')
    show('setter sees')
    loop.call_soon(show, 'scheduled by setter')
loop.call_soon(show, 'scheduled before set')
request.set('main')
loop.call_soon(show, 'scheduled after set')
loop.call_soon(setter)
loop.call_soon(show, 'sibling of setter')
ctx = contextvars.copy_context()
ctx.run(request.set, 'in ctx')
loop.call_soon(show, 'given context=ctx', context=ctx)
loop.call_soon(loop.stop)
loop.run_forever()
print('main still sees', request.get())
print('ctx holds', ctx[request])
loop.close()
`);
    const ours = runOurs(() => {
      const request = new ContextVar('request', { default: 'none' });
      const loop = newEventLoop();
      const show = (tag: string) => print(tag, request.get());
      loop.callSoon(show, 'scheduled before set');
      request.set('main');
      loop.callSoon(show, 'scheduled after set');
      loop.callSoon(() => {
        request.set('set inside a callback');
        show('setter sees');
        loop.callSoon(show, 'scheduled by setter');
      });
      loop.callSoon(show, 'sibling of setter');
      const ctx = copyContext();
      ctx.run((v: string) => request.set(v), 'in ctx');
      loop.callSoonWithContext(show, ['given context=ctx'], { context: ctx });
      loop.callSoon(stopOf(loop));
      loop.runForever();
      print('main still sees', request.get());
      print('ctx holds', ctx.get(request));
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });

  it("reports contextvars errors in CPython's words", () => {
    const python = runPython(`import contextvars
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ': ' + str(e).split(' at 0x')[0])
v = contextvars.ContextVar('v')
attempt('missing', v.get)
attempt('fallback', lambda: v.get('fb'))
t = v.set(1)
attempt('after set', v.get)
v.reset(t)
attempt('after reset', v.get)
attempt('reset twice', lambda: v.reset(t))
ctx = contextvars.copy_context()
attempt('nested run', lambda: ctx.run(lambda: ctx.run(print)))
`);
    const ours = runOurs(() => {
      const cut = (f: () => unknown) => () => {
        try {
          return f();
        } catch (error) {
          if (error instanceof PyBaseException) {
            const cleaned = new (error.constructor as new (m: string) => PyBaseException)(str(error.args[0]).split(' at 0x')[0]!);
            throw cleaned;
          }
          throw error;
        }
      };
      const v = new ContextVar<number | string>('v');
      attempt('missing', cut(() => v.get()));
      attempt('fallback', () => v.get('fb'));
      const t = v.set(1);
      attempt('after set', () => v.get());
      v.reset(t);
      attempt('after reset', cut(() => v.get()));
      attempt('reset twice', cut(() => v.reset(t)));
      const ctx = copyContext();
      attempt('nested run', cut(() => ctx.run(() => ctx.run(() => undefined))));
    });
    expect(ours.stdout).toEqual(python.stdout);
  });
});

describe('event loop policy', () => {
  it('get_event_loop creates the main thread loop once; set_event_loop(None) leaves none; get_running_loop needs a running loop', () => {
    const python = runPython(`import asyncio
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ': ' + str(e))
a = asyncio.get_event_loop()
print('same loop twice', a is asyncio.get_event_loop())
attempt('get_running_loop outside', asyncio.get_running_loop)
print('_get_running_loop outside', asyncio._get_running_loop())
def inside():
    print('running loop is a', asyncio.get_running_loop() is a)
    print('get_event_loop inside is the running loop', asyncio.get_event_loop() is a)
    a.stop()
a.call_soon(inside)
a.run_forever()
b = asyncio.new_event_loop()
print('new loop is another', b is not a)
asyncio.set_event_loop(b)
print('set_event_loop', asyncio.get_event_loop() is b)
asyncio.set_event_loop(None)
attempt('after set_event_loop(None)', asyncio.get_event_loop)
a.close(); b.close()
`);
    const ours = runOurs(() => {
      const a = getEventLoop();
      print('same loop twice', a === getEventLoop());
      attempt('get_running_loop outside', () => getRunningLoop());
      print('_get_running_loop outside', _getRunningLoop());
      a.callSoon(() => {
        print('running loop is a', getRunningLoop() === a);
        print('get_event_loop inside is the running loop', getEventLoop() === a);
        a.stop();
      });
      a.runForever();
      const b = newEventLoop();
      print('new loop is another', b !== a);
      setEventLoop(b);
      print('set_event_loop', getEventLoop() === b);
      setEventLoop(null);
      attempt('after set_event_loop(None)', () => getEventLoop());
      a.close();
      b.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });

  it('get_event_loop in another thread without a loop raises, naming the thread', () => {
    const python = runPython(`import asyncio, threading
def worker():
    try:
        asyncio.get_event_loop()
    except RuntimeError as e:
        print(e)
t = threading.Thread(target=worker, name='Thread-1')
t.start(); t.join()
`);
    const threadKey = {};
    const ours = runOurs(
      () => {
        try {
          getEventLoop();
        } catch (error) {
          print((error as PyBaseException).message);
        }
      },
      (realm) => {
        realm.threads = { currentThreadName: () => 'Thread-1', currentThreadKey: () => threadKey, isMainThread: () => false };
      },
    );
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stdout).toEqual(["There is no current event loop in thread 'Thread-1'."]);
  });
});
