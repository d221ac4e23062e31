// Reading the futures and tasks the view holds (a map by id: creation order).
import { forEachFrom, get, values, valuesFrom } from './intmap.js';
import type { FutureView, LabState } from './types.js';

/** Every future and task the view holds, in creation order (linear: for drawing and tests, not per event). */
export function futureList(state: LabState): readonly FutureView[] {
  return values(state.futures);
}

/** The first `n` futures and tasks, in creation order (O(n), whatever the total). */
export function firstFutures(state: LabState, n: number): FutureView[] {
  return valuesFrom(state.futures, 0, n);
}

/**
 * Up to `n` of the tasks suspended at a line of the program (`awaitLine`), in creation order,
 * among the first `visit` futures and tasks (so a frame never walks thousands of finished ones).
 */
export function awaitingTasks(state: LabState, n: number, visit = 10 * n): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  if (n <= 0) return out;
  let seen = 0;
  forEachFrom(state.futures, 0, (_id, f) => {
    if (f.kind === 'Task' && f.awaitLine !== undefined) out.push({ name: f.name, line: f.awaitLine });
    seen += 1;
    return out.length < n && seen < visit;
  });
  return out;
}

/** The tasks waiting on `future`, in creation order (at most `n`: a row names a few). */
export function waitingTasks(state: LabState, future: FutureView, n = Number.POSITIVE_INFINITY): FutureView[] {
  const out: FutureView[] = [];
  if (future.waiters === undefined || n <= 0) return out;
  forEachFrom(future.waiters, 0, (id) => {
    const task = get(state.futures, id);
    if (task !== undefined) out.push(task);
    return out.length < n;
  });
  return out;
}
