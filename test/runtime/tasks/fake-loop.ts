// A tiny event loop for testing futures and tasks on their own: a FIFO of ready callbacks, a
// deadline-ordered list of timers, and _run_once's phases (wait for the next timer on virtual time,
// move due timers after the ready callbacks, run exactly the callbacks present at the start).
import { type HeldContext, contextOf, copyContext } from '../../../src/runtime/context.js';
import { asyncioFunction } from '../../../src/runtime/future-repr.js';
import type { Future } from '../../../src/runtime/futures.js';
import type { CallbackArgs, CallSoonOptions, ContextLike, EventLoopLike, ExceptionContext, HandleLike } from '../../../src/runtime/loop-types.js';
import { Realm } from '../../../src/runtime/realm.js';
import { nativeRealm } from '../native-python.js';

type Callback = (...args: never[]) => unknown;

class FakeHandle implements HandleLike {
  isCancelled = false;
  constructor(
    readonly callback: Callback,
    readonly args: CallbackArgs,
    readonly context: ContextLike,
    readonly when = 0,
    readonly seq = 0,
  ) {}
  cancel(): void {
    this.isCancelled = true;
  }
  cancelled(): boolean {
    return this.isCancelled;
  }
}

export class FakeLoop implements EventLoopLike {
  readonly id: number;
  private ready: FakeHandle[] = [];
  private timers: FakeHandle[] = [];
  private seq = 0;
  private stopping = false;
  private running = false;
  /** Every context passed to callExceptionHandler. */
  readonly handled: ExceptionContext[] = [];

  constructor(readonly realm: Realm = nativeRealm()) {
    this.id = realm.nextLoopId();
  }

  time(): number {
    return this.realm.clock.read();
  }
  callSoon(callback: Callback, ...args: unknown[]): HandleLike {
    return this.callSoonWithContext(callback, args, {});
  }
  callSoonWithContext(callback: Callback, args: CallbackArgs, options: CallSoonOptions): HandleLike {
    const handle = new FakeHandle(callback, args, options.context ?? copyContext());
    this.ready.push(handle);
    return handle;
  }
  _callSoonHeld(callback: Callback, args: CallbackArgs, context: HeldContext | undefined): HandleLike {
    return this.callSoonWithContext(callback, args, context === undefined ? {} : { context: contextOf(context) });
  }
  callLater(delay: number, callback: Callback, ...args: unknown[]): HandleLike {
    return this.callAt(this.time() + delay, callback, ...args);
  }
  callAt(when: number, callback: Callback, ...args: unknown[]): HandleLike {
    const handle = new FakeHandle(callback, args, copyContext(), when, this.seq++);
    this.timers.push(handle);
    this.timers.sort((a, b) => a.when - b.when || a.seq - b.seq);
    return handle;
  }
  getDebug(): boolean {
    return false;
  }
  isClosed(): boolean {
    return false;
  }
  isRunning(): boolean {
    return this.running;
  }
  callExceptionHandler(context: ExceptionContext): void {
    this.handled.push(context);
  }
  stop(): void {
    this.stopping = true;
  }

  /** `_run_once`, reading the clock where CPython's does (the timeout, then the end of the due window). */
  private runOnce(): void {
    this.timers = this.timers.filter((t) => !t.isCancelled);
    if (this.ready.length === 0 && !this.stopping) {
      const next = this.timers[0];
      if (next === undefined) throw new Error('the loop would block forever');
      this.realm.clock.advance(Math.max(0, next.when - this.time()));
    }
    const endTime = this.time() + 1e-9;
    while (this.timers.length > 0 && this.timers[0]!.when < endTime) this.ready.push(this.timers.shift()!);
    const ntodo = this.ready.length;
    for (let i = 0; i < ntodo; i++) {
      const handle = this.ready.shift()!;
      if (handle.isCancelled) continue;
      handle.context.run(handle.callback, ...handle.args);
    }
  }

  runUntilComplete<T>(future: Future<T>): T {
    const stopLoop = asyncioFunction((f: Future<T>) => f.getLoop() === this && this.stop(), '_run_until_complete_cb', 'base_events.py', 180);
    future.addDoneCallback(stopLoop);
    this.running = true;
    try {
      while (!this.stopping) this.runOnce();
    } finally {
      this.stopping = false;
      this.running = false;
      future.removeDoneCallback(stopLoop);
    }
    return future.result();
  }
}
