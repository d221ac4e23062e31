// Feeds the lab from the simulation's worker: the run streams into the lab's replay ('grew',
// 'ended'), held near what the lab shows (it may run AHEAD_EVENTS past the step shown, and its
// clock no further than the simulated present); a step past the last one lets it move its clock
// once more. A re-run the lab asks for (Ctrl+C, restart, the other source) is tried as a Ctrl+C into
// the live run first, else simulated from the start in a new worker, with progress, then adopted.
import { useEffect, useRef } from 'react';
import { budgetMessage } from '../../playback/budgets.js';
import type { Simulation, SimulationEnd } from '../../playback/simulation.js';
import type { RunOptions } from '../../scenarios/types.js';
import { type Action, type Lab, simNow } from '../controller.js';
import { Replay } from '../state/replay.js';

function stoppedWords(ended: SimulationEnd): { zh: string; en: string } | undefined {
  if (ended.budget) return { zh: budgetMessage(ended.budget, 'zh'), en: budgetMessage(ended.budget, 'en') };
  if (ended.error) return { zh: `模拟失败: ${ended.error}`, en: `the simulation failed: ${ended.error}` };
  return undefined;
}

export function useRun(lab: Lab, dispatch: (action: Action) => void, simulate: (options: RunOptions) => Simulation, first: Simulation | undefined, clock: number): void {
  const live = useRef<Simulation | undefined>(undefined);
  const acked = useRef(0);
  const received = useRef(0);

  // The first run, streamed into the replay the lab opened with.
  useEffect(() => {
    const simulation = first ?? simulate(lab.options);
    live.current = simulation;
    const replay = lab.replay;
    let gone = false;
    void (async () => {
      for (let batch = await simulation.next(); batch !== undefined && !gone; batch = await simulation.next()) {
        replay.append(batch);
        received.current += batch.length;
        dispatch({ type: 'grew' });
      }
      if (gone) return;
      const ended = simulation.ended()!;
      const stopped = stoppedWords(ended);
      live.current = undefined;
      simulation.close();
      dispatch({ type: 'ended', end: ended.end, ...(stopped ? { stopped } : {}) });
    })();
    return () => {
      gone = true;
      simulation.close();
      live.current = undefined;
    };
  }, []);

  // Hold the live run near what is shown: events read up to the step shown, the clock at the present.
  const simulation = live.current;
  if (simulation !== undefined && lab.end === undefined) {
    const shownIndex = lab.replay.stops[lab.step] ?? 0;
    const upTo = lab.followEnd ? received.current : Math.min(received.current, shownIndex + 1);
    if (upTo > acked.current) {
      simulation.consumed(upTo - acked.current);
      acked.current = upTo;
    }
    simulation.allow(lab.followEnd ? Number.POSITIVE_INFINITY : simNow(lab, clock));
  }
  useEffect(() => {
    if (lab.wantsNext) live.current?.advanceOnce();
  }, [lab.wantsNext]);

  // A re-run.
  useEffect(() => {
    const rerun = lab.pending;
    if (rerun === undefined) return;
    if (rerun.kind === 'interrupt' && rerun.frontier && live.current?.interrupt(rerun.t!)) {
      dispatch({ type: 'interrupted_live', t: rerun.t! });
      return;
    }
    // The old run is replaced: stop it.
    live.current?.close();
    live.current = undefined;
    const simulation = simulate(rerun.options);
    const replay = new Replay([]);
    let gone = false;
    void (async () => {
      let events = 0;
      for (let batch = await simulation.next(); batch !== undefined && !gone; batch = await simulation.next()) {
        replay.append(batch);
        simulation.consumed(batch.length);
        events += batch.length;
        dispatch({ type: 'progress', events });
      }
      if (gone) return;
      const ended = simulation.ended()!;
      const stopped = stoppedWords(ended);
      simulation.close();
      dispatch({ type: 'adopt', replay, end: ended.end, ...(stopped ? { stopped } : {}) });
    })();
    return () => {
      gone = true;
      simulation.close();
    };
  }, [lab.pending]);
}
