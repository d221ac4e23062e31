// The order in which the loop runs callbacks: call_soon FIFO, timers by deadline (ties in CPython's
// heap order), the clock-resolution window, cancelled handles, stop() semantics. Every expected
// output is what CPython 3.11 prints for the same program on a virtual-time loop.
import { describe, expect, it } from 'vitest';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { print } from '../../../src/runtime/builtins.js';
import { pyFloat, pyFunction, pyMethod } from '../../../src/runtime/repr.js';
import type { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';

function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const stopOf = (loop: BaseEventLoop) => pyMethod(loop, 'stop', 'BaseEventLoop.stop');

describe('scheduling order', () => {
  it('runs call_soon callbacks in FIFO order, before timers, and timers by deadline', () => {
    const python = runPython(`
import asyncio
def call_back(index, x, y):
    print(f"[Call_back--{index}]:{x} + {y} = {x + y}", loop.time())
loop = asyncio.new_event_loop()
loop.call_later(0.1, call_back, 1, 1, 2)
loop.call_later(0.3, call_back, 2, 3, 4)
loop.call_later(0.2, call_back, 3, 5, 7)
loop.call_soon(call_back, "call_soon", 9, 9)
loop.call_soon(call_back, "call_soon 2", 1, 1)
loop.call_later(0.5, loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const callBack = (index: unknown, x: number, y: number) => print(`[Call_back--${String(index)}]:${x} + ${y} = ${x + y}`, pyFloat(loop.time()));
      loop.callLater(0.1, callBack, 1, 1, 2);
      loop.callLater(0.3, callBack, 2, 3, 4);
      loop.callLater(0.2, callBack, 3, 5, 7);
      loop.callSoon(callBack, 'call_soon', 9, 9);
      loop.callSoon(callBack, 'call_soon 2', 1, 1);
      loop.callLater(0.5, stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(python.stdout.length).toBe(5);
  });

  it('runs timers with equal deadlines in the order CPython does (its heap order, not registration order)', () => {
    const rand = random(11);
    const deadlines = Array.from({ length: 120 }, () => [0.5, 1, 1.5, 2][Math.floor(rand() * 4)]!);
    // Some timers are added by callbacks while the loop runs, so the heap is mutated mid-run too.
    const python = runPython(`
import asyncio
deadlines = ${JSON.stringify(deadlines)}
loop = asyncio.new_event_loop()
def cb(i):
    print(i, loop.time())
    if i % 7 == 0:
        loop.call_later(deadlines[i] / 2, cb, 1000 + i)
for i, when in enumerate(deadlines):
    loop.call_at(when, cb, i)
loop.call_at(5, loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const cb = (i: number): void => {
        print(i, pyFloat(loop.time()));
        if (i % 7 === 0) loop.callLater(deadlines[i]! / 2, cb, 1000 + i);
      };
      deadlines.forEach((when, i) => loop.callAt(when, cb, i));
      loop.callAt(5, stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(python.stdout.length).toBeGreaterThan(120);
    // The case is only meaningful if CPython's order of ties (one `when` for many call_at) differs
    // from registration order.
    const atOrder = python.stdout.map((line) => Number(line.split(' ')[0])).filter((i) => i < 1000);
    const byDeadlineThenId = [...atOrder].sort((x, y) => deadlines[x]! - deadlines[y]! || x - y);
    expect(atOrder).not.toEqual(byDeadlineThenId);
  });

  it('treats timers within the clock resolution of now as due in the same iteration', () => {
    // The loop reads the clock twice (the timeout, then the due window's end): the second reading
    // is 1.000001, so a timer due within 1e-9 of it runs in the same iteration, one beyond it next.
    const python = runPython(`
import asyncio
loop = asyncio.new_event_loop()
def cb(name):
    print(name, loop.time())
loop.call_at(1.0, cb, 'a')
loop.call_at(1.000001 + 5e-10, cb, 'b (within 1e-9: same iteration)')
loop.call_at(1.000001 + 3e-9, cb, 'c (beyond: next iteration)')
loop.call_at(2.0, loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const cb = (name: string) => print(name, pyFloat(loop.time()));
      loop.callAt(1.0, cb, 'a');
      loop.callAt(1.000001 + 5e-10, cb, 'b (within 1e-9: same iteration)');
      loop.callAt(1.000001 + 3e-9, cb, 'c (beyond: next iteration)');
      loop.callAt(2.0, stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    // a and b print one tick apart (same batch); c comes after another select and due window.
    expect(ours.stdout).toEqual(['a 1.000002', 'b (within 1e-9: same iteration) 1.000003', 'c (beyond: next iteration) 1.000006']);
  });

  it('skips cancelled handles and timers, including ones cancelled by an earlier callback of the same batch', () => {
    const python = runPython(`
import asyncio
loop = asyncio.new_event_loop()
def cb(name):
    print(name)
def canceller():
    print('cancel b and t2')
    b.cancel()
    t2.cancel()
loop.call_soon(canceller)
b = loop.call_soon(cb, 'b')
c = loop.call_soon(cb, 'c')
t1 = loop.call_later(0.1, cb, 't1')
t2 = loop.call_later(0.2, cb, 't2')
t3 = loop.call_later(0.2, cb, 't3')
c.cancel()
loop.call_later(1, loop.stop)
loop.run_forever()
print(b.cancelled(), c.cancelled(), t1.cancelled())
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const cb = (name: string) => print(name);
      loop.callSoon(() => {
        print('cancel b and t2');
        b.cancel();
        t2.cancel();
      });
      const b = loop.callSoon(cb, 'b');
      const c = loop.callSoon(cb, 'c');
      const t1 = loop.callLater(0.1, cb, 't1');
      const t2 = loop.callLater(0.2, cb, 't2');
      loop.callLater(0.2, cb, 't3');
      c.cancel();
      loop.callLater(1, stopOf(loop));
      loop.runForever();
      print(b.cancelled(), c.cancelled(), t1.cancelled());
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });
});

describe('stop()', () => {
  it('lets the current batch finish; callbacks that batch schedules wait for the next run', () => {
    const python = runPython(`
import asyncio
loop = asyncio.new_event_loop()
def a():
    print('a: stop, and schedule c')
    loop.stop()
    loop.call_soon(c)
def b():
    print('b runs in the same batch')
def c():
    print('c runs in the next run')
loop.call_soon(a)
loop.call_soon(b)
loop.run_forever()
print('run_forever returned')
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const c = () => print('c runs in the next run');
      loop.callSoon(() => {
        print('a: stop, and schedule c');
        loop.stop();
        loop.callSoon(c);
      });
      loop.callSoon(() => print('b runs in the same batch'));
      loop.runForever();
      print('run_forever returned');
      loop.callSoon(stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });

  it('keeps FIFO order while the ready queue wraps around and grows in the middle of a batch', () => {
    // Each callback schedules up to three more: the queue is drained from the front while it
    // fills from the back, past every capacity it has had.
    const python = runPython(`
import asyncio
loop = asyncio.new_event_loop()
count = 0
def cb(name, depth):
    global count
    print(name, loop.time())
    for k in range(3 if depth < 5 else 0):
        count += 1
        if count < 300:
            loop.call_soon(cb, f"{name}.{k}", depth + 1)
for i in range(10):
    loop.call_soon(cb, str(i), 0)
loop.call_later(1, loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      let count = 0;
      const cb = pyFunction(
        (name: string, depth: number): void => {
          print(name, pyFloat(loop.time()));
          for (let k = 0; k < (depth < 5 ? 3 : 0); k++) {
            count += 1;
            if (count < 300) loop.callSoon(cb, `${name}.${k}`, depth + 1);
          }
        },
        { name: 'cb' },
      );
      for (let i = 0; i < 10; i++) loop.callSoon(cb, String(i), 0);
      loop.callLater(1, stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(python.stdout.length).toBe(309);
    expect(ours.stdout).toEqual(python.stdout);
  });

  it('before run_forever, makes it run exactly one iteration (select with timeout 0)', () => {
    const python = runPython(`
import asyncio
loop = asyncio.new_event_loop()
def a():
    print('a', loop.time())
    loop.call_soon(b)
def b():
    print('b', loop.time())
loop.call_soon(a)
loop.call_later(10, print, 'timer')
loop.stop()
loop.run_forever()
print('after the first run', loop.is_running(), loop.time())
loop.stop()
loop.run_forever()
print('after the second run', loop.time())
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const b = () => print('b', pyFloat(loop.time()));
      loop.callSoon(() => {
        print('a', pyFloat(loop.time()));
        loop.callSoon(b);
      });
      loop.callLater(10, pyFunction((x: string) => print(x), { name: 'print' }), 'timer');
      loop.stop();
      loop.runForever();
      print('after the first run', loop.isRunning(), pyFloat(loop.time()));
      loop.stop();
      loop.runForever();
      print('after the second run', pyFloat(loop.time()));
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });
});
