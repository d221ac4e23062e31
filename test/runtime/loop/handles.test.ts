// Handle and TimerHandle: reprs exactly as CPython prints them (normal and debug mode, cancelled,
// partials, long arguments), and cancel() bookkeeping.
import { describe, expect, it } from 'vitest';
import { print } from '../../../src/runtime/builtins.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { partial, pyFloat, pyFunction, pyMethod } from '../../../src/runtime/repr.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';

const PROGRAM = `import asyncio, functools
def call_back(a, b=1):
    pass
loop = asyncio.new_event_loop()
h = loop.call_soon(call_back, 1, 'x')
print(repr(h))
h.cancel()
print(repr(h))
t = loop.call_at(0.1, functools.partial(call_back, b=2), 'y')
print(repr(t))
t.cancel()
print(repr(t))
h2 = loop.call_soon(call_back, [1, 2, 3, 4, 5, 6, 7], 'z' * 40)
print(repr(h2))
t2 = loop.call_later(2, loop.stop)
print(repr(t2), t2.when())
t2.cancel()
print(repr(t2), t2.cancelled())
h3 = loop.call_soon(print, 1.0)
print(repr(h3))
loop.close()
`;

function ourProgram(realm: { extractStack: (() => { file: string; line: number; name: string }[]) | undefined }): void {
  let line = 0;
  realm.extractStack = () => [{ file: 'prog.py', line, name: '<module>' }];
  const callBack = pyFunction((_a: unknown, _b?: unknown) => undefined, { name: 'call_back', file: 'prog.py', line: 2 });
  line = 4;
  const loop = newEventLoop();
  line = 5;
  const h = loop.callSoon(callBack, 1, 'x');
  print(h);
  h.cancel();
  print(h);
  line = 9;
  const t = loop.callAt(0.1, partial(callBack, [], { b: 2 }), 'y');
  print(t);
  t.cancel();
  print(t);
  line = 13;
  const h2 = loop.callSoon(callBack, [1, 2, 3, 4, 5, 6, 7], 'z'.repeat(40));
  print(h2);
  line = 15;
  const t2 = loop.callLater(2, pyMethod(loop, 'stop', 'BaseEventLoop.stop'));
  print(t2, pyFloat(t2.when()));
  t2.cancel();
  print(t2, t2.cancelled());
  line = 19;
  const h3 = loop.callSoon(pyFunction(print, { name: 'print' }), 1.5);
  print(h3);
  loop.close();
}

describe('handle reprs', () => {
  it('read as CPython prints them, cancelled or not', () => {
    const python = runPython(PROGRAM.replace('1.0)', '1.5)'));
    const ours = runOurs(ourProgram);
    expect(ours.stdout).toEqual(python.stdout);
    expect(python.stdout).toContain('<Handle cancelled>');
  });

  it("in debug mode show where they were created, and keep the callback after cancel()", () => {
    const python = runPython(PROGRAM.replace('1.0)', '1.5)'), { dev: true });
    const ours = runOurs(ourProgram, (realm) => (realm.debug = true));
    expect(ours.stdout).toEqual(python.stdout);
    expect(python.stdout[1]).toBe("<Handle cancelled call_back(1, 'x') at prog.py:2 created at prog.py:5>");
  });
});

describe('cancel()', () => {
  it('counts a cancelled timer only while it is in the heap, and only once', () => {
    runOurs(() => {
      const loop = newEventLoop();
      const t = loop.callLater(1, () => undefined);
      t.cancel();
      t.cancel();
      expect(loop._timerCancelledCount).toBe(1);
      loop.stop();
      loop.runForever(); // pops it from the top of the heap
      expect(loop._timerCancelledCount).toBe(0);
      expect(t._scheduled).toBe(false);
      loop.close();
    });
  });
});

describe('set_debug() on a running loop', () => {
  it('schedules the coroutine-origin-tracking switch through call_soon_threadsafe, as CPython does', () => {
    const python = runPython(`import asyncio
loop = asyncio.new_event_loop()
def cb():
    loop.set_debug(False)
    print(list(loop._ready))
loop.call_soon(cb)
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
`, { dev: true });
    const ours = runOurs(
      (realm) => {
        let line = 6;
        realm.extractStack = () => [{ file: 'prog.py', line, name: '<module>' }];
        const loop = newEventLoop();
        loop.callSoon(() => {
          loop.setDebug(false);
          print(loop.readyHandles());
        });
        line = 7;
        loop.callSoon(pyMethod(loop, 'stop', 'BaseEventLoop.stop'));
        loop.runForever();
        loop.close();
      },
      (realm) => (realm.debug = true),
    );
    expect(ours.stdout).toEqual(python.stdout);
  });
});
