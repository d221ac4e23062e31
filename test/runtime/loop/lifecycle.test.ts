// Running, stopping and closing a loop, and its errors, in CPython's words; and the clean-up of
// cancelled timers (_run_once rebuilds the heap only past 100 timers with over half cancelled).
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { print } from '../../../src/runtime/builtins.js';
import { PyBaseException, excLine } from '../../../src/runtime/exceptions.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { pyFloat, pyFunction, pyMethod } from '../../../src/runtime/repr.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';

const stopOf = (loop: BaseEventLoop) => pyMethod(loop, 'stop', 'BaseEventLoop.stop');

/** Python's `except Exception as e: print(label, type(e).__name__ + ': ' + str(e))`. */
function attempt(label: string, fn: () => unknown): void {
  try {
    fn();
    print(label, 'no error');
  } catch (error) {
    if (!(error instanceof PyBaseException)) throw error;
    print(label, excLine(error));
  }
}

describe('running and closing', () => {
  it("refuses, in CPython's words, to close or re-run a running loop, to run inside another loop, and to use a closed one", () => {
    const python = runPython(`import asyncio
def attempt(label, fn):
    try:
        fn()
        print(label, 'no error')
    except Exception as e:
        print(label, type(e).__name__ + ': ' + str(e))
loop = asyncio.new_event_loop()
fut = loop.create_future()
def inside():
    attempt('close while running', loop.close)
    attempt('run_forever while running', loop.run_forever)
    attempt('run_until_complete while running', lambda: loop.run_until_complete(fut))
    other = asyncio.new_event_loop()
    attempt('another loop inside', other.run_forever)
    other.close()
    print('is_running inside', loop.is_running())
    loop.stop()
loop.call_soon(inside)
print(repr(loop))
loop.run_forever()
print('is_running after', loop.is_running())
loop.close()
print(repr(loop), loop.is_closed())
attempt('run_forever when closed', loop.run_forever)
attempt('run_until_complete when closed', lambda: loop.run_until_complete(fut))
attempt('call_soon when closed', lambda: loop.call_soon(print))
attempt('call_later when closed', lambda: loop.call_later(1, print))
attempt('call_soon_threadsafe when closed', lambda: loop.call_soon_threadsafe(print))
attempt('close again', loop.close)
loop2 = asyncio.new_event_loop()
fut2 = loop2.create_future()
loop2.call_soon(loop2.stop)
attempt('future not done when stopped', lambda: loop2.run_until_complete(fut2))
attempt('call_later(None)', lambda: loop2.call_later(None, print))
attempt('call_at(None)', lambda: loop2.call_at(None, print))
loop2.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const fut = loop.createFuture();
      loop.callSoon(() => {
        attempt('close while running', () => loop.close());
        attempt('run_forever while running', () => loop.runForever());
        attempt('run_until_complete while running', () => loop.runUntilComplete(fut));
        const other = newEventLoop();
        attempt('another loop inside', () => other.runForever());
        other.close();
        print('is_running inside', loop.isRunning());
        loop.stop();
      });
      print(loop);
      loop.runForever();
      print('is_running after', loop.isRunning());
      loop.close();
      print(loop, loop.isClosed());
      const pyPrint = pyFunction(print, { name: 'print' });
      attempt('run_forever when closed', () => loop.runForever());
      attempt('run_until_complete when closed', () => loop.runUntilComplete(fut));
      attempt('call_soon when closed', () => loop.callSoon(pyPrint));
      attempt('call_later when closed', () => loop.callLater(1, pyPrint));
      attempt('call_soon_threadsafe when closed', () => loop.callSoonThreadsafe(pyPrint));
      attempt('close again', () => loop.close());
      const loop2 = newEventLoop();
      const fut2 = loop2.createFuture();
      loop2.callSoon(stopOf(loop2));
      attempt('future not done when stopped', () => loop2.runUntilComplete(fut2));
      attempt('call_later(None)', () => loop2.callLater(null as unknown as number, pyPrint));
      attempt('call_at(None)', () => loop2.callAt(null as unknown as number, pyPrint));
      loop2.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stderr).toEqual([]);
  });

  it('close() drops pending callbacks and timers', () => {
    const ours = runOurs(() => {
      const loop = newEventLoop();
      loop.callSoon(() => undefined);
      loop.callLater(1, () => undefined);
      loop.close();
      expect(loop.readyHandles()).toEqual([]);
      expect(loop._scheduled.length).toBe(0);
    });
    expect(ours.stderr).toEqual([]);
  });

  it('returns the result of run_until_complete and keeps it readable after close', () => {
    const python = runPython(`import asyncio
loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(0.3, fut.set_result, 'Future is done!')
print(loop.run_until_complete(fut), loop.time())
loop.close()
print(fut.result())
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const fut = loop.createFuture<string>();
      loop.callLater(0.3, pyMethod(fut, 'setResult', 'Future.set_result'), 'Future is done!');
      print(loop.runUntilComplete(fut), pyFloat(loop.time()));
      loop.close();
      print(fut.result());
    });
    expect(ours.stdout).toEqual(python.stdout);
  });
});

describe('cancelled timers', () => {
  // Each case: how many timers, which to cancel; then the heap size and cancelled count after each
  // iteration, and the order the survivors run in.
  const cases = [
    { n: 150, cancel: (i: number) => i % 2 === 0 || i % 7 === 0 }, // over half: rebuilt
    { n: 150, cancel: (i: number) => i % 3 === 0 }, // a third: only the top is popped
    { n: 100, cancel: (i: number) => i % 5 !== 0 }, // 80% but not over 100 timers: not rebuilt
    { n: 101, cancel: (i: number) => i % 5 !== 0 }, // just over 100: rebuilt
    { n: 300, cancel: (i: number) => i < 160 }, // the earliest ones cancelled
  ];

  for (const { n, cancel } of cases) {
    const cancelled = Array.from({ length: n }, (_, i) => i).filter(cancel);
    it(`are cleaned out as CPython does: ${n} timers, ${cancelled.length} cancelled`, () => {
      const python = runPython(`import asyncio
loop = asyncio.new_event_loop()
def probe(tag):
    print(tag, len(loop._scheduled), loop._timer_cancelled_count)
def cb(i):
    print('timer', i, loop.time())
handles = [loop.call_at(1 + (i * 7919 % 13) / 4, cb, i) for i in range(${n})]
for i in ${JSON.stringify(cancelled)}:
    handles[i].cancel()
probe('before')
for k in range(3):
    loop.stop()
    loop.run_forever()
    probe('iteration %d' % k)
loop.call_later(10, loop.stop)
loop.run_forever()
probe('end')
loop.close()
`);
      const ours = runOurs(() => {
        const loop = newEventLoop();
        const probe = (tag: string) => print(tag, loop._scheduled.length, loop._timerCancelledCount);
        const cb = (i: number) => print('timer', i, pyFloat(loop.time()));
        const handles = Array.from({ length: n }, (_, i) => loop.callAt(1 + ((i * 7919) % 13) / 4, cb, i));
        for (const i of cancelled) handles[i]!.cancel();
        probe('before');
        for (let k = 0; k < 3; k++) {
          loop.stop();
          loop.runForever();
          probe(`iteration ${k}`);
        }
        loop.callLater(10, stopOf(loop));
        loop.runForever();
        probe('end');
        loop.close();
      });
      expect(ours.stdout).toEqual(python.stdout);
    });
  }
});
