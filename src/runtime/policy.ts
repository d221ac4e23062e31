// Which loop is "the" event loop of a thread. Mirrors the policy half of CPython's
// asyncio/events.py (3.11's, with the versions' differences read from realm.python): BaseDefaultEventLoopPolicy (one loop per thread; only the main thread gets one
// created on demand), get_event_loop / set_event_loop / new_event_loop, and get_running_loop.
//
// CPython keeps the policy per process and its loops per thread (threading.local); here the policy
// is per realm (one simulated process) and its loops per simulated thread.
import { BaseEventLoop } from './base-events.js';
import { _getRunningLoop as runningLoopIn, getRunningLoopIn } from './events.js';
import { RuntimeError, TypeError } from './exceptions.js';
import { warnDeprecated } from './deprecations.js';
import { type Realm, getRealm } from './realm.js';
import { pyTypeName, repr } from './repr.js';

interface ThreadSlot {
  loop: BaseEventLoop | null;
  setCalled: boolean;
}

/** `asyncio.DefaultEventLoopPolicy` (the Unix one): per-thread loops, `_UnixSelectorEventLoop`s. */
export class DefaultEventLoopPolicy {
  private readonly local = new WeakMap<object, ThreadSlot>();

  constructor(readonly realm: Realm = getRealm()) {}

  private slot(): ThreadSlot {
    const key = this.realm.threads.currentThreadKey();
    let slot = this.local.get(key);
    if (!slot) {
      slot = { loop: null, setCalled: false };
      this.local.set(key, slot);
    }
    return slot;
  }

  /**
   * The thread's loop. Before 3.14 the main thread gets one created the first time (unless
   * set_event_loop was called), 3.12 and 3.13 with a DeprecationWarning; 3.14 creates none.
   */
  getEventLoop(): BaseEventLoop {
    const slot = this.slot();
    const implicit = this.realm.python.implicitLoop;
    if (implicit !== 'raise' && slot.loop === null && !slot.setCalled && this.realm.threads.isMainThread()) {
      if (implicit === 'warn-and-create') this.realm.warn?.('DeprecationWarning', 'There is no current event loop');
      this.setEventLoop(this.newEventLoop());
    }
    if (slot.loop === null) {
      const error = new RuntimeError(`There is no current event loop in thread ${repr(this.realm.threads.currentThreadName())}.`);
      const line = this.realm.python.noCurrentLoopLine;
      if (line !== null) {
        error.frames.push({
          file: `${this.realm.python.stdlibDir}/asyncio/events.py`,
          line,
          name: 'get_event_loop',
          text: "raise RuntimeError('There is no current event loop in thread %r.'\n                       % threading.current_thread().name)",
        });
      }
      throw error;
    }
    return slot.loop;
  }

  setEventLoop(loop: BaseEventLoop | null): void {
    const slot = this.slot();
    slot.setCalled = true;
    if (loop !== null && !(loop instanceof BaseEventLoop)) {
      throw new TypeError(`loop must be an instance of AbstractEventLoop or None, not '${pyTypeName(loop)}'`);
    }
    slot.loop = loop;
  }

  newEventLoop(): BaseEventLoop {
    return new BaseEventLoop({ realm: this.realm });
  }
}

const policies = new WeakMap<Realm, DefaultEventLoopPolicy>();

/** `events._get_event_loop_policy()`: the realm's policy (a default one made on first use), as asyncio's own functions reach it. */
export function eventLoopPolicy(realm: Realm = getRealm()): DefaultEventLoopPolicy {
  let policy = policies.get(realm);
  if (!policy) {
    policy = new DefaultEventLoopPolicy(realm);
    policies.set(realm, policy);
  }
  return policy;
}

/** `asyncio.get_event_loop_policy()` (deprecated from 3.14: deprecations.ts). */
export function getEventLoopPolicy(): DefaultEventLoopPolicy {
  warnDeprecated('asyncio.get_event_loop_policy');
  return eventLoopPolicy();
}

/** `asyncio.set_event_loop_policy(policy)`: null restores a fresh default policy on next use (deprecated from 3.14). */
export function setEventLoopPolicy(policy: DefaultEventLoopPolicy | null): void {
  warnDeprecated('asyncio.set_event_loop_policy');
  if (policy !== null && !(policy instanceof DefaultEventLoopPolicy)) {
    throw new TypeError(`policy must be an instance of AbstractEventLoopPolicy or None, not '${pyTypeName(policy)}'`);
  }
  const realm = getRealm();
  if (policy === null) policies.delete(realm);
  else policies.set(realm, policy);
}

/** `asyncio.new_event_loop()`: a new loop; not made current (call setEventLoop for that). */
export function newEventLoop(): BaseEventLoop {
  return eventLoopPolicy().newEventLoop();
}

/**
 * `asyncio.get_event_loop()` (3.11): the running loop if there is one, else the policy's loop for
 * this thread, created in the main thread only; elsewhere RuntimeError("There is no current event
 * loop in thread 'Thread-1'.").
 */
export function getEventLoop(): BaseEventLoop {
  const realm = getRealm();
  return runningLoopIn(realm) ?? eventLoopPolicy(realm).getEventLoop();
}

/** `asyncio.set_event_loop(loop)`. */
export function setEventLoop(loop: BaseEventLoop | null): void {
  eventLoopPolicy().setEventLoop(loop);
}

/** `asyncio.get_running_loop()`: RuntimeError('no running event loop') outside a running loop. */
export function getRunningLoop(): BaseEventLoop {
  return getRunningLoopIn(getRealm());
}

/** `asyncio._get_running_loop()`: the running loop or null. */
export function _getRunningLoop(): BaseEventLoop | null {
  return runningLoopIn(getRealm());
}
