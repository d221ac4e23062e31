// The loop's trace events: the sequence views draw from. Expected sequences are written out from
// _run_once's phases, not recorded from the code.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/runtime/trace.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { partial, pyFunction, pyMethod } from '../../../src/runtime/repr.js';
import { print } from '../../../src/runtime/builtins.js';
import { nativeRealm } from '../native-python.js';

function traced(program: () => void): TraceEvent[] {
  const realm = nativeRealm();
  const events: TraceEvent[] = [];
  realm.tracer.listen((e) => events.push(e));
  withRealm(realm, program);
  return events;
}

describe('loop trace', () => {
  it('narrates one call_soon, one timer and a stop, phase by phase', () => {
    const events = traced(() => {
      const loop = newEventLoop();
      loop.callSoon(pyFunction(() => print('hi'), { name: 'a' }));
      loop.callLater(0.5, pyMethod(loop, 'stop', 'BaseEventLoop.stop'));
      loop.runForever();
      loop.close();
    });
    const M = { thread: 'MainThread' };
    // `t` is the time since start: what waits added (the instant) plus one tick (1 µs) per read of
    // the clock. call_later reads it once (deadline 0.500001); each iteration reads it for the end of
    // the due window, the second one first for its timeout, which the wait then adds.
    const at = (instant: number, reads: number) => instant + reads * 1e-6;
    const when = 1e-6 + 0.5;
    const timeout = when - 3e-6;
    expect(events).toEqual([
      { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0, t: 0, ...M },
      { type: 'handle_scheduled', loop: 1, handle: 1, kind: 'Handle', callback: 'a()', t: 0, ...M },
      { type: 'handle_scheduled', loop: 1, handle: 2, kind: 'TimerHandle', when, heapIndex: 0, callback: 'BaseEventLoop.stop()', t: at(0, 1), ...M },
      { type: 'loop_state', loop: 1, state: 'running', t: at(0, 1), ...M },
      { type: 'loop_iteration', loop: 1, n: 1, ready: 1, scheduled: 1, t: at(0, 1), ...M },
      { type: 'select_wait', loop: 1, timeout: 0, t: at(0, 1), ...M },
      { type: 'select_woke', loop: 1, slept: 0, reason: 'immediate', t: at(0, 1), ...M },
      { type: 'handle_run', loop: 1, handle: 1, callback: 'a()', t: at(0, 2), ...M },
      { type: 'output', stream: 'stdout', text: 'hi', instant: 0, t: at(0, 2), ...M },
      { type: 'handle_done', loop: 1, handle: 1, took: 0, t: at(0, 2), ...M },
      { type: 'loop_iteration', loop: 1, n: 2, ready: 0, scheduled: 1, t: at(0, 2), ...M },
      { type: 'select_wait', loop: 1, timeout, t: at(0, 3), ...M },
      { type: 'select_woke', loop: 1, slept: timeout, reason: 'timeout', t: at(timeout, 3), ...M },
      { type: 'timer_ready', loop: 1, handle: 2, lastTo: -1, t: at(timeout, 4), ...M },
      { type: 'handle_run', loop: 1, handle: 2, callback: 'BaseEventLoop.stop()', t: at(timeout, 4), ...M },
      { type: 'loop_stop_requested', loop: 1, t: at(timeout, 4), ...M },
      { type: 'handle_done', loop: 1, handle: 2, took: 0, t: at(timeout, 4), ...M },
      { type: 'loop_state', loop: 1, state: 'stopped', t: at(timeout, 4), ...M },
      { type: 'loop_state', loop: 1, state: 'closed', t: at(timeout, 4), ...M },
    ]);
  });

  it('reports cancelled handles, pruned timers and the exception handler', () => {
    const events = traced(() => {
      const loop = newEventLoop();
      const timers = Array.from({ length: 3 }, () => loop.callLater(1, () => undefined));
      for (const t of timers.slice(0, 2)) t.cancel();
      loop.callSoon(pyFunction(() => {
        throw new Error('x');
      }, { name: 'boom' }));
      loop.stop();
      loop.runForever();
      loop.close();
    });
    const pick = events.filter((e) => ['handle_cancelled', 'timers_pruned', 'exception_handler'].includes(e.type)).map(({ t: _t, thread: _th, ...rest }) => rest);
    expect(pick).toEqual([
      { type: 'handle_cancelled', loop: 1, handle: 1 },
      { type: 'handle_cancelled', loop: 1, handle: 2 },
      // Fewer than 100 timers: the cancelled ones are only popped from the top of the heap. Each
      // heappop moves the last item (timer 3) into the root's hole: it settles at index 1, then 0.
      { type: 'timers_pruned', loop: 1, count: 2, rebuilt: false, lastTo: [1, 0] },
      { type: 'exception_handler', loop: 1, message: 'Exception in callback boom()', exception: 'Error: x' },
    ]);
  });

  it('costs no events when nobody listens', () => {
    const realm = nativeRealm();
    let built = 0;
    const original = realm.tracer.emit.bind(realm.tracer);
    realm.tracer.emit = (init) => {
      built++;
      original(init);
    };
    withRealm(realm, () => {
      const loop = newEventLoop();
      loop.callSoon(() => undefined);
      loop.stop();
      loop.runForever();
      loop.close();
    });
    expect(built).toBe(0);
  });

  it('labels handle_run with the arguments as they are when it runs (a handle keeps its label only when it cannot change)', () => {
    const events = traced(() => {
      const loop = newEventLoop();
      const items: number[] = [1];
      const fut = loop.createFuture<number>();
      const done = loop.createFuture<number>();
      done.setResult(7);
      const cb = pyFunction((..._args: unknown[]) => undefined, { name: 'cb' });
      loop.callSoon(cb, items, 2);
      loop.callSoon(partial(cb, [items]));
      loop.callSoon(cb, fut);
      loop.callSoon(cb, done, 'x');
      items.push(2);
      fut.setResult(3);
      loop.callSoon(pyMethod(loop, 'stop', 'BaseEventLoop.stop'));
      loop.runForever();
      loop.close();
    });
    const labels = (type: string) => events.flatMap((e) => (e.type === type && 'callback' in e ? [e.callback] : []));
    expect(labels('handle_scheduled')).toEqual(['cb([1], 2)', 'cb([1])()', 'cb(<Future pending>)', "cb(<Future finished result=7>, 'x')", 'BaseEventLoop.stop()']);
    expect(labels('handle_run')).toEqual(['cb([1, 2], 2)', 'cb([1, 2])()', 'cb(<Future finished result=3>)', "cb(<Future finished result=7>, 'x')", 'BaseEventLoop.stop()']);
  });
});
