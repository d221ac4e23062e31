// A task's step ends with task_wait, after everything the step did: a recorder of real CPython sees
// the end of Task.__step (Handle._run returning), never the moment the coroutine yielded, so the
// trace has one order for both engines.
import { describe, expect, it } from 'vitest';
import { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { asyncDef } from '../../../src/runtime/coroutines.js';
import { CancelledError } from '../../../src/runtime/exceptions.js';
import { currentTask } from '../../../src/runtime/task-registry.js';
import type { Task } from '../../../src/runtime/tasks.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { sleep } from '../../../src/runtime/sleep.js';
import type { TraceEvent } from '../../../src/runtime/trace.js';
import { nativeRealm } from '../native-python.js';

function stepOf(body: (loop: BaseEventLoop) => Generator<unknown, unknown, unknown>): string[] {
  const realm = nativeRealm();
  const events: TraceEvent[] = [];
  realm.tracer.listen((e) => events.push(e));
  withRealm(realm, () => {
    const loop = new BaseEventLoop();
    try {
      loop.runUntilComplete(asyncDef('main', () => body(loop))());
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
  });
  // The first step of main: from its task_step to its task_wait.
  const from = events.findIndex((e) => e.type === 'task_step');
  const to = events.findIndex((e, i) => i > from && e.type === 'task_wait');
  return events.slice(from, to + 1).map((e) => (e.type === 'handle_scheduled' ? `${e.type} ${e.kind}` : e.type));
}

describe('the end of a task step', () => {
  it('comes after the next step is scheduled, on a bare yield (sleep(0))', () => {
    expect(stepOf(function* () {
      yield* sleep(0);
    })).toEqual(['task_step', 'handle_scheduled Handle', 'task_wait']);
  });

  it('comes after the future it waits on is cancelled, when the task was cancelled during the step', () => {
    expect(stepOf(function* (loop) {
      const fut = loop.createFuture();
      (currentTask(loop) as Task<unknown>).cancel();
      yield* fut;
    })).toEqual(['task_step', 'future_created', 'task_cancel_requested', 'future_state', 'handle_scheduled Handle', 'task_wait']);
  });
});
