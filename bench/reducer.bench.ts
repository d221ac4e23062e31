// The UI reducer's cost per event against how much is live (issue: "scale in the lab"), on traces
// the runtime writes:
//  1. timers: 2,000 rounds of a timer chain (push, pop, run) folded on top of 100 and of 100,000
//     pending timers;
//  2. tasks: the whole run of N tasks gathered, each taking three sleep(0) steps, N = 100 and 10,000;
//  3. a call_soon chain of a million callbacks, folded as it is emitted in chunks of 50,000 events:
//     the first chunk against the last;
//  4. one step and one step back (the state at a step from the nearest checkpoint, and the whole
//     screen drawn; best of five) at the end of the 100,000-timer and 10,000-task runs, against the
//     lab's 50 ms.
// Figures are ratios: cost per event at the large size over the small one (goal: the same, i.e.
// close to 1x; O(log n) structures allow a little), and a step's time over the 50 ms goal.
import { BaseEventLoop } from '../src/runtime/base-events.js';
import { asyncDef } from '../src/runtime/coroutines.js';
import { gather } from '../src/runtime/gather.js';
import { Realm } from '../src/runtime/realm.js';
import { sleep } from '../src/runtime/sleep.js';
import type { TraceEvent } from '../src/runtime/trace.js';
import { screenLines } from '../src/ui/components/Screen.js';
import { noteFor } from '../src/ui/state/notes.js';
import { foldEvents, reduce } from '../src/ui/state/reduce.js';
import { Replay } from '../src/ui/state/replay.js';
import type { LabState } from '../src/ui/state/types.js';

/** The events of `program` run on a fresh traced loop. */
function trace(program: (loop: BaseEventLoop) => void): TraceEvent[] {
  const realm = new Realm();
  const events: TraceEvent[] = [];
  realm.tracer.listen((e) => events.push(e));
  const loop = new BaseEventLoop({ realm });
  program(loop);
  loop.close();
  return events;
}

/** Best of `repeats` of µs per event folding `events` onto `base`. */
function usPerEvent(events: readonly TraceEvent[], base: LabState, repeats = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    let s = base;
    for (const e of events) s = reduce(s, e);
    best = Math.min(best, performance.now() - start);
  }
  return (best * 1000) / events.length;
}

/** `pending` far-off timers, then a 1 ms timer chain of `rounds`; the trace split where the chain starts. */
function timerRun(pending: number, rounds: number): { setup: TraceEvent[]; churn: TraceEvent[] } {
  const events = trace((loop) => {
    const idle = () => undefined;
    for (let i = 0; i < pending; i++) loop.callLater(3600 + i * 1e-3, idle);
    let left = rounds;
    const tick = () => {
      left -= 1;
      if (left > 0) loop.callLater(0.001, tick);
      else loop.stop();
    };
    loop.callLater(0.001, tick);
    loop.runForever();
  });
  const split = events.findIndex((e) => e.type === 'loop_state');
  return { setup: events.slice(0, split), churn: events.slice(split) };
}

const worker = asyncDef('worker', function* () {
  for (let i = 0; i < 3; i++) yield* sleep(0);
});

function taskRun(tasks: number): TraceEvent[] {
  return trace((loop) => {
    const main = asyncDef('main', function* () {
      yield* gather(...Array.from({ length: tasks }, () => worker()));
    });
    loop.runUntilComplete(main());
  });
}

/** µs per event of each chunk of `chunk` events of a `total`-callback call_soon chain, folded as emitted. */
function chainChunks(total: number, chunk: number): number[] {
  const realm = new Realm();
  const costs: number[] = [];
  let buffer: TraceEvent[] = [];
  let state: LabState = foldEvents([]);
  const fold = () => {
    const start = performance.now();
    for (const e of buffer) state = reduce(state, e);
    costs.push(((performance.now() - start) * 1000) / buffer.length);
    buffer = [];
  };
  realm.tracer.listen((e) => {
    buffer.push(e);
    if (buffer.length === chunk) fold();
  });
  const loop = new BaseEventLoop({ realm });
  let left = total;
  const step = () => {
    left -= 1;
    if (left > 0) loop.callSoon(step);
    else loop.stop();
  };
  loop.callSoon(step);
  loop.runForever();
  loop.close();
  if (buffer.length > 0) fold();
  return costs;
}

/** Milliseconds for a step forward to the last step and one step back, each with the screen drawn. */
function stepMs(events: TraceEvent[]): { forward: number; back: number } {
  const replay = new Replay(events);
  const last = replay.length - 1;
  // Checkpoints on the way, as the lab has them after playing through.
  for (let s = 0; s < replay.length; s += Math.max(1, Math.floor(replay.length / 200))) replay.stateAt(s);
  const draw = (s: number) => {
    const state = replay.stateAt(s);
    screenLines({
      width: 120,
      height: 36,
      lang: 'en',
      id: 'bench',
      title: 'bench',
      source: { file: 'bench.py', text: 'pass', label: 'as written', changed: new Set() },
      state,
      event: replay.eventAt(s),
      note: noteFor(replay, s),
      t: state.t,
      step: s,
      steps: replay.length,
      endTime: replay.endTime,
      totalEvents: replay.kept.length,
      playing: false,
      speed: 1,
      canToggle: false,
      help: false,
    });
  };
  // Best of five: the machine is shared, and a collection can land in any one of them.
  let forward = Number.POSITIVE_INFINITY;
  let back = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    draw(last - 1);
    let start = performance.now();
    draw(last);
    forward = Math.min(forward, performance.now() - start);
    start = performance.now();
    draw(last - 1);
    back = Math.min(back, performance.now() - start);
  }
  return { forward, back };
}

const x = (r: number) => `${r.toFixed(2)}x`;

export default function bench(): void {
  console.log('| reducer cost per event | small | large | large / small | goal |');
  console.log('|---|---:|---:|---:|---|');

  const small = timerRun(100, 2000);
  const large = timerRun(100_000, 2000);
  const smallBase = foldEvents(small.setup);
  const largeBase = foldEvents(large.setup);
  usPerEvent(small.churn, smallBase, 2);
  const tSmall = usPerEvent(small.churn, smallBase);
  const tLarge = usPerEvent(large.churn, largeBase);
  console.log(`| timer chain on 100 vs 100,000 pending timers | ${tSmall.toFixed(2)} µs | ${tLarge.toFixed(2)} µs | ${x(tLarge / tSmall)} | independent of live timers (≈1x; O(log n) heap moves allow a little) |`);

  const tasksSmall = taskRun(100);
  const tasksLarge = taskRun(10_000);
  usPerEvent(tasksSmall, foldEvents([]), 2);
  const kSmall = usPerEvent(tasksSmall, foldEvents([]), 5);
  const kLarge = usPerEvent(tasksLarge, foldEvents([]), 2);
  console.log(`| 100 vs 10,000 tasks gathered (whole run) | ${kSmall.toFixed(2)} µs | ${kLarge.toFixed(2)} µs | ${x(kLarge / kSmall)} | independent of live tasks (≈1x) |`);

  const chain = chainChunks(1_000_000, 50_000);
  const first = Math.min(...chain.slice(1, 3));
  const lastChunk = Math.min(...chain.slice(-3));
  console.log(`| call_soon chain of 1,000,000: first vs last 50,000 events | ${first.toFixed(2)} µs | ${lastChunk.toFixed(2)} µs | ${x(lastChunk / first)} | independent of the run's length (≈1x) |`);

  console.log('');
  console.log('| one step at the end of the run (state + whole screen) | forward | back | over the 50 ms goal |');
  console.log('|---|---:|---:|---:|');
  const timers = stepMs([...large.setup, ...large.churn]);
  console.log(`| 100,000 pending timers | ${timers.forward.toFixed(1)} ms | ${timers.back.toFixed(1)} ms | ${x(Math.max(timers.forward, timers.back) / 50)} (goal ≤ 1x) |`);
  const tasks = stepMs(tasksLarge);
  console.log(`| 10,000 tasks gathered | ${tasks.forward.toFixed(1)} ms | ${tasks.back.toFixed(1)} ms | ${x(Math.max(tasks.forward, tasks.back) / 50)} (goal ≤ 1x) |`);
}
