// A queue of blocked threads, the primitive under every threading / queue / concurrent.futures
// object of the simulated process (CPython builds them on lock-based waiter lists in threading.py's
// Condition; here the kernel parks the thread itself). Notifying wakes waiters in FIFO order.
import type { SimThread } from './thread.js';

/** The kernel's side of a wait queue: how a waiter is woken. */
export interface Waker {
  wake(thread: SimThread, reason: 'notified'): void;
  /** The running thread acted on this queue (whether or not anyone waits): a race with other threads. */
  poke(): void;
}

export class WaitQueue {
  /** Threads blocked here, oldest first. Invariant: each is in state 'blocked' on this queue. */
  readonly waiters: SimThread[] = [];

  constructor(private readonly waker: Waker) {}

  /** Wakes the oldest waiter, if any; returns whether one was woken. */
  notifyOne(): boolean {
    this.waker.poke();
    const thread = this.waiters.shift();
    if (thread === undefined) return false;
    this.waker.wake(thread, 'notified');
    return true;
  }

  /** Wakes every waiter, in the order they blocked. */
  notifyAll(): void {
    this.waker.poke();
    for (let thread = this.waiters.shift(); thread !== undefined; thread = this.waiters.shift()) this.waker.wake(thread, 'notified');
  }

  /** Removes a waiter that woke for another reason (timeout, interrupt). */
  remove(thread: SimThread): void {
    const i = this.waiters.indexOf(thread);
    if (i >= 0) this.waiters.splice(i, 1);
  }
}
