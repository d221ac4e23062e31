// Which tasks exist and which one runs: CPython 3.11's `_all_tasks` (a WeakSet), `_current_tasks`
// ({loop: task}), `_register_task`, `_enter_task`, `_leave_task`, and `all_tasks()` /
// `current_task()` from asyncio/tasks.py.
//
// CPython's WeakSet forgets a task once it is garbage collected; here a task leaves the registry
// once it is done (all_tasks() only ever returns pending tasks, so the answers are the same).
// Registries hang off the loop, so separate simulated processes never see each other's tasks.
import { _getRunningLoop } from './events.js';
import { RuntimeError } from './exceptions.js';
import type { EventLoopLike } from './loop-types.js';
import { getEventLoop } from './policy.js';
import { getRealm } from './realm.js';

/** What the registry needs of a task. */
export interface RegisteredTask {
  done(): boolean;
  getLoop(): EventLoopLike;
  __repr__(): string;
}

const allTasksByLoop = new WeakMap<EventLoopLike, Set<RegisteredTask>>();
// `_current_tasks`, as two parallel stacks rather than a map: a task step runs synchronously, so
// steps nest (a loop driven from inside another loop's task) and never interleave. The stacks are
// one or two deep, and pushing and popping costs far less than a Map's set and delete per step.
/** Loops stepping a task right now, innermost last. */
const steppingLoops: EventLoopLike[] = [];
/** The task each of them is stepping. */
const steppingTasks: RegisteredTask[] = [];

/** `_register_task(task)`. */
export function registerTask(task: RegisteredTask): void {
  const loop = task.getLoop();
  let tasks = allTasksByLoop.get(loop);
  if (tasks === undefined) {
    tasks = new Set();
    allTasksByLoop.set(loop, tasks);
  }
  tasks.add(task);
}

/** `_unregister_task(task)`. */
export function unregisterTask(task: RegisteredTask): void {
  allTasksByLoop.get(task.getLoop())?.delete(task);
}

/** Where `loop` is in the stacks, or -1. */
function steppingIndex(loop: EventLoopLike): number {
  return steppingLoops.lastIndexOf(loop);
}

/** `_current_tasks.get(loop)`. */
function currentTaskOf(loop: EventLoopLike): RegisteredTask | undefined {
  const i = steppingIndex(loop);
  return i < 0 ? undefined : steppingTasks[i];
}

/** `_enter_task(loop, task)`: the task becomes the loop's current task for one step. */
export function enterTask(loop: EventLoopLike, task: RegisteredTask): void {
  // The usual case, once per step: no step of any loop is running.
  if (steppingLoops.length === 0) {
    steppingLoops.push(loop);
    steppingTasks.push(task);
    return;
  }
  const current = currentTaskOf(loop);
  if (current !== undefined) {
    throw new RuntimeError(`Cannot enter into task ${task.__repr__()} while another task ${current.__repr__()} is being executed.`);
  }
  steppingLoops.push(loop);
  steppingTasks.push(task);
}

/** `_leave_task(loop, task)`. */
export function leaveTask(loop: EventLoopLike, task: RegisteredTask): void {
  // The usual case: the innermost step is this task's (the last entry is also the loop's last).
  const last = steppingLoops.length - 1;
  if (last >= 0 && steppingLoops[last] === loop && steppingTasks[last] === task) {
    steppingLoops.pop();
    steppingTasks.pop();
    return;
  }
  const i = steppingIndex(loop);
  const current = i < 0 ? undefined : steppingTasks[i];
  if (current !== task) {
    throw new RuntimeError(`Leaving task ${task.__repr__()} does not match the current task ${current === undefined ? 'None' : current.__repr__()}.`);
  }
  if (i === steppingLoops.length - 1) {
    steppingLoops.pop();
    steppingTasks.pop();
  } else {
    // Only `_leave_task` called by hand leaves a step other than the innermost.
    steppingLoops.splice(i, 1);
    steppingTasks.splice(i, 1);
  }
}

/** `asyncio.current_task(loop=None)`: the task whose step is running on `loop` (default: the running loop), or null. */
export function currentTask<T extends RegisteredTask = RegisteredTask>(loop: EventLoopLike = runningLoop()): T | null {
  return (currentTaskOf(loop) as T | undefined) ?? null;
}

/**
 * `asyncio.all_tasks(loop=None)`: the tasks of `loop` (default: the running loop) that are not done. Python returns a set, whose
 * iteration order follows object hashes (addresses); this Set iterates in creation order.
 */
export function allTasks<T extends RegisteredTask = RegisteredTask>(loop: EventLoopLike = runningLoop()): Set<T> {
  const result = new Set<T>();
  const tasks = allTasksByLoop.get(loop);
  if (tasks === undefined) return result;
  for (const task of tasks) {
    if (task.done()) tasks.delete(task);
    else result.add(task as T);
  }
  return result;
}

/** The loop whose task is being stepped right now (code inside a coroutine runs there), or null. */
export function steppingLoop(): EventLoopLike | null {
  return steppingLoops[steppingLoops.length - 1] ?? null;
}

/**
 * `events.get_running_loop()`: the loop running in this thread, else the loop stepping the current
 * task (a loop driven by hand, as tests do). Raises `RuntimeError('no running event loop')`.
 */
export function runningLoop(): EventLoopLike {
  const loop = _getRunningLoop(getRealm()) ?? steppingLoop();
  if (loop === null || loop._runningLoopLost === true) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * `events._get_event_loop()` as asyncio's helpers (ensure_future, gather, shield) use it when no
 * loop is given: the running loop, else the policy's loop for this thread (asyncio.get_event_loop()).
 */
export function eventLoopForHelpers(): EventLoopLike {
  const loop = _getRunningLoop(getRealm()) ?? steppingLoop();
  // 3.13's clean-up after a refused run_forever left no running loop: the policy's is asked.
  return loop !== null && loop._runningLoopLost !== true ? loop : getEventLoop();
}
