// The trace events futures and tasks emit: creation, steps, waits, cancellation requests, states.
import { describe, expect, it } from 'vitest';
import { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { asyncDef } from '../../../src/runtime/coroutines.js';
import { CancelledError } from '../../../src/runtime/exceptions.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask } from '../../../src/runtime/tasks.js';
import type { TraceEvent } from '../../../src/runtime/trace.js';
import { nativeRealm } from '../native-python.js';

const OURS = new Set(['future_created', 'future_state', 'task_step', 'task_wait', 'task_cancel_requested']);

describe('futures and tasks on the trace', () => {
  it('emits creation, steps, waits, the cancellation request and final states in execution order', () => {
    const realm = nativeRealm();
    const events: TraceEvent[] = [];
    realm.tracer.listen((e) => {
      if (OURS.has(e.type)) events.push(e);
    });
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      const child = asyncDef('child', function* () {
        yield* sleep(10);
      });
      const main = asyncDef('main', function* () {
        const t = createTask(child());
        yield* sleep(0);
        t.cancel('bye');
        try {
          yield* t;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
        }
        return 'done';
      });
      loop.runUntilComplete(main());
    });

    // Name every future by its first appearance, so the expectation does not depend on serial numbers.
    const names = new Map<number, string>();
    for (const e of events) if (e.type === 'future_created') names.set(e.future, e.name);
    const nameOf = (id: number | null) => (id === null ? null : names.get(id));
    const summary = events.map((e) => {
      switch (e.type) {
        case 'future_created':
          return `created ${e.kind} ${e.name}${e.coro ? ` ${e.coro}` : ''}`;
        case 'future_state':
          return `state ${nameOf(e.future)} ${e.state}${e.result ? ` ${e.result}` : ''}${e.exception ? ` ${e.exception}` : ''}`;
        case 'task_step':
          return `step ${e.name} ${e.mode}${e.value ? ` ${e.value}` : ''}`;
        case 'task_wait':
          return `wait ${e.name} on ${nameOf(e.on)}`;
        case 'task_cancel_requested':
          return `cancel ${e.name} ${e.msg}`;
        default:
          return e.type;
      }
    });
    expect(summary).toEqual([
      'created Task Task-1 main()',
      'step Task-1 send',
      'created Task Task-2 child()',
      'wait Task-1 on null',
      'step Task-2 send',
      'created Future sleep(10)',
      'wait Task-2 on sleep(10)',
      'step Task-1 send',
      'cancel Task-2 bye',
      'state sleep(10) CANCELLED CancelledError: bye',
      'wait Task-1 on Task-2',
      'step Task-2 throw CancelledError: bye',
      'state Task-2 CANCELLED',
      'step Task-1 throw CancelledError: bye',
      "state Task-1 FINISHED 'done'",
    ]);
    const wait = events.find((e) => e.type === 'task_wait' && e.name === 'Task-2');
    expect(wait?.type === 'task_wait' && wait.onRepr).toBe('<Future pending cb=[Task.task_wakeup()]>');
  });

  it('builds no event when nobody listens', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = new BaseEventLoop();
      let built = 0;
      const original = realm.tracer.emit.bind(realm.tracer);
      realm.tracer.emit = (init) => {
        built += 1;
        original(init);
      };
      loop.runUntilComplete(asyncDef('main', function* () {
        yield* sleep(1);
      })());
      expect(built).toBe(0);
    });
  });
});
