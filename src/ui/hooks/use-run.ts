// Feeds the lab from the simulation's worker: the run streams into the lab's replay ('grew',
// 'ended'), which keeps a bounded window of it (state/replay.ts). The worker is held near what the
// lab shows: it may run AHEAD_EVENTS past the step shown, its clock no further than the simulated
// present; a step past the last one lets it move its clock once more.
//
// A re-run the lab asks for (Ctrl+C, restart, the other source, another Python, a step from before
// the window) is tried as a Ctrl+C into the live run first, else simulated from the start in a new
// worker, read as fast as it comes (progress on screen, the UI free between batches) into a new
// replay until the step to show has arrived, then adopted: from there it is the live run.
import { useEffect, useRef } from 'react';
import { budgetMessage } from '../../playback/budgets.js';
import type { Simulation, SimulationEnd } from '../../playback/simulation.js';
import { AHEAD_EVENTS } from '../../playback/worker-client.js';
import type { RunOptions } from '../../scenarios/types.js';
import { type Action, type Lab, type Rerun, simNow } from '../controller.js';
import { Replay } from '../state/replay.js';

function stoppedWords(ended: SimulationEnd): { zh: string; en: string } | undefined {
  if (ended.budget) return { zh: budgetMessage(ended.budget, 'zh'), en: budgetMessage(ended.budget, 'en') };
  if (ended.error) return { zh: `模拟失败: ${ended.error}`, en: `the simulation failed: ${ended.error}` };
  return undefined;
}

/** Wall milliseconds of folding events before keys, signals and frames get a turn. */
const SLICE_MS = 8;
/** Events folded at a time (a worker's batch is cut into pieces this long): bounds one slice. */
const FOLD_EVENTS = 1024;
/** Wall milliseconds between two frames drawn because the run grew (about 30 a second). */
const GREW_MS = 33;

/** A run streaming into a replay. */
interface Feed {
  readonly simulation: Simulation;
  readonly replay: Replay;
  /** Events the worker has been told were used. */
  acked: number;
  /** The run's first event the replay must keep (the step shown, or the step a re-run is for). */
  keepFrom: number;
  gone: boolean;
}

/**
 * Whether a re-run has come far enough to be shown: it ended, or the step it is for has arrived
 * with some of what follows (a Ctrl+C: its arrival, or half the worker's lead past the step shown
 * when it was pressed, whichever comes first; playback meets the arrival later).
 */
export function rerunReady(rerun: Rerun, replay: Replay, shown: { index: number; t: number }, cursor = { scanned: 0 }): boolean {
  const shownIndex = shown.index;
  const margin = AHEAD_EVENTS / 2;
  switch (rerun.kind) {
    case 'restart':
      return replay.length > 0;
    case 'seek': {
      const at = replay.stopIndex(rerun.step ?? 0);
      return at !== undefined && replay.total >= at + margin;
    }
    case 'interrupt': {
      if (replay.total >= shownIndex + margin) return true;
      // `cursor`: where the last call stopped looking, so each event is looked at once.
      for (let i = Math.max(shownIndex + 1, replay.first, cursor.scanned); i < replay.total; i++) {
        const e = replay.event(i)!;
        if (e.type === 'interrupt' && e.t >= (rerun.t ?? 0)) return true;
      }
      cursor.scanned = replay.total;
      return false;
    }
    case 'toggle_source':
    case 'next_python':
      // The step at the time shown, once the run has gone past that time (or a lead past it).
      return replay.endTime > shown.t || replay.total >= shownIndex + margin;
  }
}

export function useRun(lab: Lab, dispatch: (action: Action) => void, simulate: (options: RunOptions) => Simulation, first: Simulation | undefined, clock: number): void {
  const live = useRef<Feed | undefined>(undefined);
  const shown = useRef(lab);
  useEffect(() => {
    shown.current = lab;
  });

  /**
   * Reads `feed` to its end. Before `ready` holds, everything is read as fast as it comes and
   * progress reported; from then on it is the live run, held near the step shown.
   */
  const pump = async (feed: Feed, ready: (() => boolean) | undefined): Promise<void> => {
    const { simulation, replay } = feed;
    let adopted = ready === undefined;
    // The lab is told the run grew at most once a frame: each time is a frame drawn, and drawing
    // a big run's frame for every piece folded would leave no time for keys and signals.
    let toldAt = 0;
    let later: NodeJS.Timeout | undefined;
    const grew = () => {
      if (later !== undefined) return;
      const wait = toldAt + GREW_MS - performance.now();
      if (wait <= 0) {
        toldAt = performance.now();
        dispatch({ type: 'grew' });
        return;
      }
      later = setTimeout(() => {
        later = undefined;
        toldAt = performance.now();
        if (!feed.gone) dispatch({ type: 'grew' });
      }, wait);
    };
    let since = performance.now();
    for (let batch = await simulation.next(); batch !== undefined && !feed.gone; batch = await simulation.next()) {
      for (let from = 0; from < batch.length; from += FOLD_EVENTS) {
        // Batches already waiting resolve one after another without giving keys, signals and
        // frames a turn: give them one every SLICE_MS of folding, so that q, Ctrl+C and SIGTERM
        // are answered within about that (and one frame) whatever the run streams in.
        if (performance.now() - since >= SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          since = performance.now();
          if (feed.gone) return;
        }
        const part = batch.length <= FOLD_EVENTS ? batch : batch.slice(from, from + FOLD_EVENTS);
        const lab = shown.current;
        if (adopted && lab.replay === replay) feed.keepFrom = lab.replay.stopIndex(lab.step) ?? replay.first;
        replay.append(part, feed.keepFrom);
        if (adopted) {
          grew();
          continue;
        }
        simulation.consumed(part.length);
        feed.acked += part.length;
        if (ready!()) {
          adopted = true;
          live.current = feed;
          dispatch({ type: 'adopt', replay });
        } else dispatch({ type: 'progress', events: replay.total });
      }
    }
    clearTimeout(later);
    if (feed.gone) return;
    const ended = simulation.ended()!;
    const stopped = stoppedWords(ended);
    if (live.current === feed) live.current = undefined;
    simulation.close();
    dispatch(adopted ? { type: 'ended', end: ended.end, ...(stopped ? { stopped } : {}) } : { type: 'adopt', replay, end: ended.end, ...(stopped ? { stopped } : {}) });
  };

  const stopFeed = (feed: Feed) => {
    feed.gone = true;
    feed.simulation.close();
    if (live.current === feed) live.current = undefined;
  };

  // The first run, streamed into the replay the lab opened with.
  useEffect(() => {
    const feed: Feed = { simulation: first ?? simulate(lab.options), replay: lab.replay, acked: 0, keepFrom: 0, gone: false };
    live.current = feed;
    void pump(feed, undefined);
    return () => {
      stopFeed(feed);
      // Whichever run is live when the lab closes (a re-run adopted since) ends with it.
      if (live.current) stopFeed(live.current);
    };
  }, []);

  // Hold the live run near what is shown: events read up to the step shown (all of them while the
  // lab follows the end), the clock at the simulated present.
  const feed = live.current?.replay === lab.replay && lab.end === undefined ? live.current : undefined;
  const upTo = feed === undefined ? 0 : lab.followEnd ? lab.replay.total : Math.min(lab.replay.total, (lab.replay.stopIndex(lab.step) ?? lab.replay.first) + 1);
  const allowed = feed === undefined || lab.followEnd ? Number.POSITIVE_INFINITY : simNow(lab, clock);
  useEffect(() => {
    if (feed === undefined) return;
    if (upTo > feed.acked) {
      feed.simulation.consumed(upTo - feed.acked);
      feed.acked = upTo;
    }
  }, [feed, upTo]);
  useEffect(() => {
    feed?.simulation.allow(allowed);
  }, [feed, allowed]);
  useEffect(() => {
    if (lab.wantsNext) live.current?.simulation.advanceOnce();
  }, [lab.wantsNext]);

  // A re-run.
  useEffect(() => {
    const rerun = lab.pending;
    if (rerun === undefined) return;
    const current = live.current;
    if (rerun.kind === 'interrupt' && rerun.frontier && current?.replay === lab.replay && current.simulation.interrupt(rerun.t!)) {
      dispatch({ type: 'interrupted_live', t: rerun.t! });
      return;
    }
    // The old run is replaced: stop it.
    if (current) stopFeed(current);
    const shownIndex = lab.replay.stopIndex(lab.step) ?? lab.replay.first;
    const shownAt = { index: shownIndex, t: lab.replay.eventAt(lab.step)?.t ?? 0 };
    const cursor = { scanned: 0 };
    const replay = new Replay([], lab.replay.window, lab.replay.level);
    // A Ctrl+C keeps the step shown when it was pressed (the new run repeats the old one up to it).
    const next: Feed = { simulation: simulate(rerun.options), replay, acked: 0, keepFrom: rerun.kind === 'interrupt' ? shownIndex : Number.POSITIVE_INFINITY, gone: false };
    void pump(next, () => {
      if (rerun.kind === 'seek') {
        const at = replay.stopIndex(rerun.step ?? 0);
        if (at !== undefined) next.keepFrom = Math.min(next.keepFrom, at);
      }
      return rerunReady(rerun, replay, shownAt, cursor);
    });
    return () => {
      if (live.current !== next) stopFeed(next);
    };
  }, [lab.pending]);
}
