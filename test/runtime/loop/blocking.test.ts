// The blocking boundary: the selector waits _run_once asks for (their timeouts come from CPython),
// Ctrl+C delivered at a selector wait, a loop that would wait forever, blocking callbacks, the
// generator forms of the runs, and the self-pipe.
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { type Blocking, type BlockingRequest, SimulationHang, driveStandalone, isSelectRequest } from '../../../src/runtime/blocking.js';
import { print } from '../../../src/runtime/builtins.js';
import { _getRunningLoop } from '../../../src/runtime/events.js';
import { KeyboardInterrupt, formatException } from '../../../src/runtime/exceptions.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { pyFloat, pyMethod, repr } from '../../../src/runtime/repr.js';
import type { TraceEvent } from '../../../src/runtime/trace.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';
import { nativeRealm } from '../native-python.js';

const stopOf = (loop: BaseEventLoop) => pyMethod(loop, 'stop', 'BaseEventLoop.stop');

/** Records the timeout of every selector wait, in Python's notation. */
function recordTimeouts(timeouts: string[]) {
  return (request: BlockingRequest) => {
    if (isSelectRequest(request)) timeouts.push(request.timeout === null ? 'None' : repr(pyFloat(request.timeout)));
  };
}

describe('selector waits', () => {
  it('wait as long as CPython waits: 0 when ready or stopping, until the earliest deadline, at most a day', () => {
    const python = runPython(`import asyncio
loop = asyncio.new_event_loop()
def tick(n):
    if n > 0:
        loop.call_later(0.25 * n, tick, n - 1)
loop.call_soon(tick, 3)
loop.call_later(1, print, 'one')
loop.call_later(100000, loop.stop)
loop.call_later(2.5, loop.stop)
loop.run_forever()
loop.stop()
loop.run_forever()
loop.run_forever()
print([float(t) if t is not None else None for t in loop._selector.timeouts])
loop.close()
`);
    const timeouts: string[] = [];
    const ours = runOurs(() => {
      const loop = newEventLoop();
      const tick = (n: number): void => {
        if (n > 0) loop.callLater(0.25 * n, tick, n - 1);
      };
      loop.callSoon(tick, 3);
      loop.callLater(1, (x: string) => print(x), 'one');
      loop.callLater(100000, stopOf(loop));
      loop.callLater(2.5, stopOf(loop));
      const onBlock = recordTimeouts(timeouts);
      loop.runForever({ onBlock });
      loop.stop();
      loop.runForever({ onBlock });
      loop.runForever({ onBlock });
      print(`[${timeouts.join(', ')}]`);
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stdout.at(-1)).toContain('86400.0');
  });

  it('raise KeyboardInterrupt where Ctrl+C arrives, leaving the loop stopped but usable, as CPython does', () => {
    const python = runPython(`import asyncio
loop = asyncio.new_event_loop()
loop._selector.interrupt_at = 3
def cb(n):
    print('cb', n, loop.time())
    loop.call_later(1, cb, n + 1)
loop.call_soon(cb, 0)
try:
    loop.run_forever()
except KeyboardInterrupt:
    print('KeyboardInterrupt at', loop.time(), 'running:', loop.is_running(), asyncio._get_running_loop())
loop.call_later(0.5, loop.stop)
loop.run_forever()
print('ran again until', loop.time())
loop.close()
`);
    const ours = runOurs(() => {
      const loop = newEventLoop();
      let selects = 0;
      const cb = (n: number): void => {
        print('cb', n, pyFloat(loop.time()));
        loop.callLater(1, cb, n + 1);
      };
      loop.callSoon(cb, 0);
      try {
        loop.runForever({ onBlock: (r) => (isSelectRequest(r) && ++selects === 3 ? 'interrupt' : undefined) });
      } catch (error) {
        if (!(error instanceof KeyboardInterrupt)) throw error;
        print('KeyboardInterrupt at', pyFloat(loop.time()), 'running:', loop.isRunning(), _getRunningLoop(loop.realm));
      }
      loop.callLater(0.5, stopOf(loop));
      loop.runForever();
      print('ran again until', pyFloat(loop.time()));
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
  });

  it('with nothing scheduled and no other thread, raises SimulationHang instead of waiting forever', () => {
    runOurs((realm) => {
      const loop = newEventLoop();
      loop.callSoon(() => undefined);
      expect(() => loop.runForever()).toThrow(SimulationHang);
      expect(loop.isRunning()).toBe(false);
      expect(_getRunningLoop(realm)).toBe(null);
      loop.close();
    });
  });
});

describe('blocking callbacks', () => {
  it("block the loop's thread for their duration, run in their context, and report their errors like any callback", () => {
    const ours = runOurs((realm) => {
      const events: TraceEvent[] = [];
      realm.tracer.listen((e) => events.push(e));
      const loop = newEventLoop();
      const work = function* (x: number): Blocking<void> {
        print('More work', x, pyFloat(loop.time()));
        yield { kind: 'sleep', seconds: x };
        print('Finished more work', x, pyFloat(loop.time()));
        if (x === 3) throw new Error('late failure');
      };
      loop.callSoon(work, 6);
      loop.callSoon(work, 3);
      loop.callLater(1, (x: string) => print(x, pyFloat(loop.time())), 'timer due at 1.0');
      loop.callLater(20, stopOf(loop));
      loop.runForever();
      loop.close();
      const took = events.filter((e) => e.type === 'handle_done').map((e) => (e as { took: number }).took);
      expect(took.slice(0, 2)).toEqual([6, 3]);
    });
    // Each loop.time() is one read, one tick (1 µs) after the one before; the sleeps add 6 and 3 s.
    expect(ours.stdout).toEqual([
      'More work 6 4e-06',
      'Finished more work 6 6.000005',
      'More work 3 6.000006',
      'Finished more work 3 9.000007',
      // The timer was due at 1.0 but the thread was busy sleeping.
      'timer due at 1.0 9.00001',
    ]);
    expect(ours.stderr[0]).toBe('Exception in callback work(3)');
    expect(ours.stderr.at(-1)).toBe('Error: late failure');
  });
});

describe('generator forms', () => {
  it('loop.blocking.runUntilComplete yields the same selector waits the synchronous run serves', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = newEventLoop();
      const fut = loop.createFuture<string>();
      loop.callLater(0.3, pyMethod(fut, 'setResult', 'Future.set_result'), 'done');
      const gen = loop.blocking.runUntilComplete(fut);
      const first = gen.next();
      // call_later read the clock once (1 µs), the timeout a tick later: 0.3 less that tick.
      expect(first.value).toMatchObject({ kind: 'select', timeout: 1e-6 + 0.3 - 2e-6 });
      expect(loop.isRunning()).toBe(true);
      realm.clock.advance(0.3);
      // The driver resumes the suspended run (its first wait is over: the clock was advanced).
      expect(driveStandalone(gen)).toBe('done');
      expect(loop.isRunning()).toBe(false);
      loop.close();
    });
  });
});

describe('the self-pipe', () => {
  it('call_soon_threadsafe tells the realm to wake the loop, and the next selector wait returns at once', () => {
    const woken: unknown[] = [];
    const ours = runOurs(
      (realm) => {
        const events: TraceEvent[] = [];
        realm.tracer.listen((e) => events.push(e));
        const loop = newEventLoop();
        loop.callSoon(() => loop.callSoonThreadsafe(stopOf(loop)));
        loop.runForever();
        expect(woken).toEqual([loop]);
        expect(loop.selfPipeWritten).toBe(false);
        const reasons = events.filter((e) => e.type === 'select_woke').map((e) => (e as { reason: string }).reason);
        expect(reasons).toEqual(['immediate', 'self_pipe']);
        loop.close();
      },
      (realm) => (realm.onSelfPipeWrite = (loop) => woken.push(loop)),
    );
    expect(ours.stderr).toEqual([]);
  });

  it('a plain stop() writes nothing to it', () => {
    runOurs((realm) => {
      let writes = 0;
      realm.onSelfPipeWrite = () => writes++;
      const loop = newEventLoop();
      loop.stop();
      expect(loop.selfPipeWritten).toBe(false);
      loop.runForever();
      expect(writes).toBe(0);
      loop.close();
    });
  });
});

describe('tracebacks of exceptions leaving the loop', () => {
  // Recorded from CPython 3.11.7 (SIGINT during `loop.run_until_complete(main())`, main sleeping
  // 5 s; and during `time.sleep(5)` in a callback), without the <module> frame.
  it('show run_until_complete, run_forever and the selector frames for Ctrl+C in a selector wait', () => {
    runOurs(() => {
      const loop = newEventLoop();
      const fut = loop.createFuture();
      loop.callLater(5, pyMethod(fut, 'setResult', 'Future.set_result'), null);
      let error: unknown;
      try {
        loop.runUntilComplete(fut, { onBlock: () => 'interrupt' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KeyboardInterrupt);
      expect(formatException(error as KeyboardInterrupt)).toEqual([
        'Traceback (most recent call last):',
        '  File "/usr/lib/python3.11/asyncio/base_events.py", line 640, in run_until_complete',
        '    self.run_forever()',
        '  File "/usr/lib/python3.11/asyncio/base_events.py", line 607, in run_forever',
        '    self._run_once()',
        '  File "/usr/lib/python3.11/asyncio/base_events.py", line 1884, in _run_once',
        '    event_list = self._selector.select(timeout)',
        '                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  File "/usr/lib/python3.11/selectors.py", line 468, in select',
        '    fd_event_list = self._selector.poll(timeout, max_ev)',
        '                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        'KeyboardInterrupt',
      ]);
      loop.close();
    });
  });

  it("show _run_once's handle._run() and Handle._run for Ctrl+C inside a blocking callback", () => {
    runOurs(() => {
      const loop = newEventLoop();
      loop.callSoon(function* cb(): Blocking<void> {
        yield { kind: 'sleep', seconds: 5 };
      });
      let error: unknown;
      try {
        loop.runForever({ onBlock: (r) => (r.kind === 'sleep' ? 'interrupt' : undefined) });
      } catch (e) {
        error = e;
      }
      expect(formatException(error as KeyboardInterrupt)).toEqual([
        'Traceback (most recent call last):',
        '  File "/usr/lib/python3.11/asyncio/base_events.py", line 607, in run_forever',
        '    self._run_once()',
        '  File "/usr/lib/python3.11/asyncio/base_events.py", line 1922, in _run_once',
        '    handle._run()',
        '  File "/usr/lib/python3.11/asyncio/events.py", line 80, in _run',
        '    self._context.run(self._callback, *self._args)',
        'KeyboardInterrupt',
      ]);
      loop.close();
    });
  });
});
