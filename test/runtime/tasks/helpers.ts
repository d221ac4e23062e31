// Shared helpers for the task tests: Python's print() into an array, and Python-named callbacks.
import { str } from '../../../src/runtime/repr.js';

/** A print() that collects lines the way Python prints its arguments (str() of each, space-separated). */
export function printer(): { out: string[]; print: (...args: unknown[]) => void } {
  const out: string[] = [];
  return { out, print: (...args: unknown[]) => out.push(args.map((a) => str(a)).join(' ')) };
}

import { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { nativeRealm } from '../native-python.js';

/** Runs `fn` with a new event loop in a fresh realm (a new simulated process: tasks count from Task-1). */
export function onFreshLoop<T>(fn: (loop: BaseEventLoop) => T): T {
  return withRealm(nativeRealm(), () => fn(new BaseEventLoop()));
}
