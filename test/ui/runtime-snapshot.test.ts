// The UI never decides scheduling: at every event of every lesson (as written, corrected, each
// variant, each documented Ctrl+C moment) the reducer must hold what the runtime holds then, read
// from the runtime's own structures (src/runtime/snapshot.ts): each loop's ready deque, the
// current batch, the heap array index by index, the handle running, every future's and task's
// state and what each task waits on.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/runtime/process/index.js';
import type { Realm } from '../../src/runtime/realm.js';
import { type RealmSnapshot, watchRealm } from '../../src/runtime/snapshot.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { lessons } from '../../src/scenarios/index.js';
import type { RunOptions, RunResult } from '../../src/scenarios/types.js';
import { generate } from '../oracle/generate.js';
import { runOnRuntime } from '../oracle/ts-runner.js';
import { TIES_PYTHON, tiesProgram } from './fixtures/ties.js';
import { heapArray, leavingOrder } from '../../src/ui/state/heap.js';
import { isCancelled, readyHandles } from '../../src/ui/state/loop.js';
import { reduce } from '../../src/ui/state/reduce.js';
import { futureList } from '../../src/ui/state/futures.js';
import { type LabState, initialState } from '../../src/ui/state/types.js';

/** The part of a runtime snapshot the reducer must equal, in the same shape. */
function held(snap: RealmSnapshot) {
  return {
    loops: snap.loops.map((l) => ({ id: l.id, running: l.running, closed: l.closed, stopping: l.stopping, ready: l.ready, batch: l.batch, heap: l.heap, runningHandle: l.runningHandle })),
    // The view drops settled plain futures after a while; every task and every pending future stays.
    futures: snap.futures.filter((f) => f.kind === 'Task' || f.state === 'PENDING'),
  };
}

/** What the reducer holds, in the snapshot's shape. */
function view(state: LabState, snap: RealmSnapshot) {
  const kept = new Set(held(snap).futures.map((f) => f.id));
  return {
    loops: state.loops.map((l) => ({
      id: l.id,
      running: l.state === 'running',
      closed: l.state === 'closed',
      stopping: l.stopping,
      ready: readyHandles(l).map((h) => ({ id: h.id, cancelled: isCancelled(l, h.id) })),
      batch: l.batch,
      heap: heapArray(l.heap).map((h) => ({ id: h.id, cancelled: isCancelled(l, h.id) })),
      runningHandle: l.running?.id ?? null,
    })),
    futures: futureList(state)
      .filter((f) => kept.has(f.id))
      .map((f) => (f.kind === 'Task' ? { id: f.id, kind: f.kind, state: f.state, waitingOn: f.waitingOn ?? null } : { id: f.id, kind: f.kind, state: f.state })),
  };
}

interface Mismatch {
  index: number;
  event: TraceEvent;
  runtime: unknown;
  reducer: unknown;
}

/** Runs `run` with a reducer folding every event as it is emitted, compared with the runtime each time. */
function checkEveryEvent(run: (observe: (realm: Realm) => void) => void): { events: number; mismatch?: Mismatch } {
  let state = initialState;
  let mismatch: Mismatch | undefined;
  run((realm) => {
    const watch = watchRealm(realm);
    realm.tracer.listen((event) => {
      state = reduce(state, event);
      if (mismatch) return;
      const snap = watch.snapshot();
      const runtime = held(snap);
      const reducer = view(state, snap);
      if (JSON.stringify(runtime) !== JSON.stringify(reducer)) mismatch = { index: state.count - 1, event, runtime, reducer };
    });
  });
  return { events: state.count, ...(mismatch ? { mismatch } : {}) };
}

interface Case {
  name: string;
  run: (options: RunOptions) => RunResult;
  options: Omit<RunOptions, 'observe'>;
}

function lessonCases(): Case[] {
  const out: Case[] = [];
  for (const lesson of lessons) {
    const moments: number[][] = [[], ...lesson.interrupts.map((m) => [m.at])];
    for (const interrupts of moments) {
      const ctrlC = interrupts.length ? ` (Ctrl+C at ${interrupts[0]})` : '';
      const options = (asWritten: boolean) => ({ asWritten, debug: false, interrupts, until: lesson.defaultUntil });
      out.push({ name: `${lesson.id} as written${ctrlC}`, run: (o) => lesson.run(o), options: options(true) });
      if (lesson.corrected) out.push({ name: `${lesson.id} corrected${ctrlC}`, run: (o) => lesson.run(o), options: options(false) });
      for (const variant of lesson.variants) out.push({ name: `${lesson.id} --variant ${variant.id}${ctrlC}`, run: (o) => variant.run(o), options: options(false) });
    }
    out.push({ name: `${lesson.id} in debug mode`, run: (o) => lesson.run(o), options: { asWritten: false, debug: true, interrupts: [], until: lesson.defaultUntil } });
  }
  return out;
}

describe('the reducer holds what the runtime holds, at every event', () => {
  it.each(lessonCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = checkEveryEvent((observe) => c.run({ ...c.options, observe }));
    expect(result.events).toBeGreaterThan(0);
    expect(result.mismatch).toBeUndefined();
  });
});

// The differential oracle's generated programs reach what lessons do not: hundreds of timers with
// equal deadlines, mass cancellation (the heap rebuilt), nested loops, Ctrl+C anywhere.
describe('the reducer holds what the runtime holds, on generated programs', () => {
  const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);
  it('at every event of each program', () => {
    const failures: string[] = [];
    let rebuilt = 0;
    for (const seed of SEEDS) {
      const result = checkEveryEvent((observe) => {
        runOnRuntime(generate(seed), { observe, listen: (e) => void (e.type === 'timers_pruned' && e.rebuilt && (rebuilt += 1)) });
      });
      if (result.mismatch) failures.push(`seed ${seed}: event ${result.mismatch.index} ${JSON.stringify(result.mismatch.event)}\nruntime ${JSON.stringify(result.mismatch.runtime)}\nreducer ${JSON.stringify(result.mismatch.reducer)}`);
    }
    expect(rebuilt).toBeGreaterThan(0);
    expect(failures.slice(0, 3)).toEqual([]);
  });
});

describe('equal deadlines (call_at with one `when`)', () => {
  const runTies = (observe?: (realm: Realm) => void) => runProcess(tiesProgram, { file: 'ties.py', source: TIES_PYTHON, ...(observe ? { observe } : {}) });

  it('runs them in the order python3 prints', () => {
    const python = spawnSync('python3', ['-c', TIES_PYTHON], { encoding: 'utf8' });
    expect(python.stdout.trim().split('\n')).toEqual(['b1', 'b3', 'b5', 'b4', 'b2', 'a5', 'a4', 'a2', 'a1', 'a3']);
    const printed = runTies().events.flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(printed).toEqual(python.stdout.trim().split('\n'));
  });

  it('holds the heap array as the runtime does at every event', () => {
    const result = checkEveryEvent((observe) => runTies(observe));
    expect(result.mismatch).toBeUndefined();
  });

  it('lists the heap in the order the timers will leave it', () => {
    let state = initialState;
    for (const event of runTies().events) {
      state = reduce(state, event);
      if (event.type === 'task_wait') break;
    }
    const listed = leavingOrder(state.loops[0]!.heap, 11).map((h) => h.callback.match(/'(\w+)'/)?.[1] ?? 'sleep');
    expect(listed).toEqual(['b1', 'b3', 'b5', 'b4', 'b2', 'a5', 'a4', 'a2', 'a1', 'a3', 'sleep']);
  });
});
