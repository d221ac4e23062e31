// Panels with thousands of entries draw their first rows and say how many more there are: the
// ready queue, the futures and tasks, the timeline's task lanes. A run of 3,000 tasks gathered,
// drawn with ink-testing-library at the step where every task's first step waits in the ready queue.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { BaseEventLoop } from '../../src/runtime/base-events.js';
import { asyncDef } from '../../src/runtime/coroutines.js';
import { gather } from '../../src/runtime/gather.js';
import { Realm } from '../../src/runtime/realm.js';
import { sleep } from '../../src/runtime/sleep.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { Screen, type ScreenProps } from '../../src/ui/components/Screen.js';
import { readyHandles } from '../../src/ui/state/loop.js';
import { Replay } from '../../src/ui/state/replay.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const TASKS = 3000;

function gatherRun(): TraceEvent[] {
  const realm = new Realm();
  const events: TraceEvent[] = [];
  realm.tracer.listen((e) => events.push(e));
  const loop = new BaseEventLoop({ realm });
  const worker = asyncDef('worker', function* () {
    yield* sleep(0);
  });
  const main = asyncDef('main', function* () {
    yield* gather(...Array.from({ length: TASKS }, () => worker()));
  });
  loop.runUntilComplete(main());
  loop.close();
  return events;
}

function props(replay: Replay, step: number): ScreenProps {
  const state = replay.stateAt(step);
  return {
    width: 100,
    height: 34,
    lang: 'en',
    id: 'gather',
    title: '3,000 tasks gathered',
    source: { file: 'gather.py', text: 'import asyncio', label: 'as written', changed: new Set() },
    state,
    event: replay.eventAt(step),
    note: undefined,
    t: state.t,
    step,
    steps: replay.length,
    endTime: replay.endTime,
    totalEvents: replay.kept.length,
    playing: false,
    speed: 1,
    canToggle: false,
    help: false,
  };
}

describe('panels with thousands of entries', () => {
  const replay = new Replay(gatherRun());
  // The step where main() has created every task and waits on the gather: their steps are queued.
  const step = replay.stepOfEvent(replay.kept.findIndex((e) => e.type === 'task_wait'));
  const frame = (render(<Screen {...props(replay, step)} />).lastFrame() ?? '').replace(ANSI, '');

  it('holds every task step in the ready queue', () => {
    expect(readyHandles(replay.stateAt(step).loops[0]!)).toHaveLength(TASKS);
  });

  it('lists the head of the ready queue and the number of handles after it', () => {
    const more = frame.match(/\+([\d,]+) more/g) ?? [];
    // The ready queue shows at most a dozen handles.
    expect(more.some((m) => Number(m.slice(1, -5).replace(/,/g, '')) >= TASKS - 12)).toBe(true);
    expect(frame).toContain('1 <Handle');
  });

  it('lists the first futures and tasks and the number of the others', () => {
    const total = TASKS + 3; // the tasks, main()'s task, the gather's future, sleep... as the view holds them
    const counts = (frame.match(/\+([\d,]+) more/g) ?? []).map((m) => Number(m.slice(1, -5).replace(/,/g, '')));
    expect(counts.filter((n) => n > TASKS - 40 && n < total)).not.toHaveLength(0);
    expect(frame).toMatch(/Task +Task-1 /);
  });

  it('draws the first task lanes on the timeline and the number of the others', () => {
    const timeline = frame.slice(frame.indexOf('TIMELINE'));
    expect(timeline).toMatch(/Task-2 worker\(\)/);
    expect(timeline).toMatch(/\+[\d,]+ more/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(34);
  });
});
