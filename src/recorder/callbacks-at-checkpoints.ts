// Done callbacks as both engines can say them. The simulation reports a pending future's done
// callbacks the moment one is added or removed (future_callbacks); the recorder of real CPython
// cannot see that moment (the C future adds them where no tracer looks) and reads them from the
// live future at its checkpoints instead: when a callback returns (before the task's task_wait and
// the handle_done) and when a loop starts or stops running. So a trace is compared with each
// future's callbacks as they stand at each checkpoint: a future_callbacks event moves to just before
// the next checkpoint, only the last one per future is kept, and only when it says something new.
// A functools.partial's arguments (`_release_waiter(<Future pending>)()`, up to 3.12) are compared
// as `(…)`: they are reprs of live objects, which CPython evaluates when the repr is asked for, and
// the simulation says them when the callback is added, the recorder at its checkpoint, when the
// object may have changed (the waiter future has its task's wakeup by then).
import type { TraceEvent } from '../runtime/trace.js';

type CallbacksEvent = Extract<TraceEvent, { type: 'future_callbacks' }>;

/** `name(args)() at file:line`, a partial with its arguments shown. */
const PARTIAL_ARGS = /^([^()]+)\((.+)\)\(\)( at .*)?$/;

function withoutPartialArgs(event: CallbacksEvent): CallbacksEvent {
  return { ...event, callbacks: event.callbacks.map((cb) => cb.replace(PARTIAL_ARGS, (_all, name: string, _args: string, at: string | undefined) => `${name}(…)()${at ?? ''}`)) };
}

/** The events where the recorder looks at the futures' callbacks, right before emitting them. */
function isCheckpoint(event: TraceEvent): boolean {
  return event.type === 'handle_done' || event.type === 'task_wait' || (event.type === 'loop_state' && event.state !== 'closed');
}

/** `events` with their future_callbacks as seen at the checkpoints (see above); those after the last checkpoint are left out. */
export function callbacksAtCheckpoints(events: readonly TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  const changed = new Map<number, CallbacksEvent>();
  const said = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'future_callbacks') {
      changed.set(event.future, withoutPartialArgs(event));
      continue;
    }
    // Done: its callbacks went to the ready queue; nothing more is said of them.
    if (event.type === 'future_state' && event.state !== 'PENDING') {
      changed.delete(event.future);
      said.delete(event.future);
    }
    if (isCheckpoint(event) && changed.size > 0) {
      // In creation order (both engines number futures in one series), as the recorder looks at them.
      for (const [future, callbacks] of [...changed].sort((a, b) => a[0] - b[0])) {
        const text = JSON.stringify(callbacks.callbacks);
        if (said.get(future) === text) continue;
        said.set(future, text);
        out.push(callbacks);
      }
      changed.clear();
    }
    out.push(event);
  }
  return out;
}
