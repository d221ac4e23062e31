// Reading the futures and tasks the view holds.
import type { FutureView, LabState } from './types.js';

/** Every future and task the view holds, in creation order. */
export function futureList(state: LabState): readonly FutureView[] {
  return state.futures;
}
