// Reading the timeline's lanes: a lane per thread, then a lane per task. A task's lane is filed
// under the thread running its loop, or, before the loop has run, under the thread that created the
// task (a loop most likely runs in the thread creating tasks on it). Resolving that here, when a
// frame is drawn, is what lets the reducer leave every task lane alone when a loop changes thread.
import { forEachFrom } from './intmap.js';
import type { LabState, Lane } from './types.js';

/** How many lanes there are (constant time). */
export function laneCount(state: LabState): number {
  return state.threadLanes.length + state.taskLanes.size;
}

/**
 * Every lane (or the thread lanes and the first `maxTasks` task lanes), thread lanes first, each
 * task lane with the thread it is drawn under.
 */
export function laneList(state: LabState, maxTasks = Number.POSITIVE_INFINITY): Lane[] {
  const loopThread = new Map(state.loops.filter((l) => l.state !== 'idle').map((l) => [l.id, l.thread] as const));
  const out: Lane[] = [...state.threadLanes];
  if (maxTasks <= 0) return out;
  forEachFrom(state.taskLanes, 0, (_id, lane) => {
    const thread = (lane.loop === undefined ? undefined : loopThread.get(lane.loop)) ?? lane.thread;
    out.push(thread === lane.thread ? lane : { ...lane, thread });
    return out.length - state.threadLanes.length < maxTasks;
  });
  return out;
}
