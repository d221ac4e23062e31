// `npm run bench lab`: the interactive lab on big runs, as the lab runs them: the simulation in its
// worker, this thread folding the events into the replay's window and drawing frames with Ink (on a
// terminal that only counts bytes). Runs: 100,000 pending timers, 10,000 tasks gathered, a million
// chained callbacks (bench/scenarios/). Figures, with the goals beside them: the first frame (from
// starting the worker to a drawn frame: goal ≤ 1 s), one step forward, one step back and a jump to
// the last step (a frame each, state and drawing: goal ≤ 50 ms), the whole run folded as --instant
// follows it, and the process's peak RSS, worker included (goal ≤ 500 MB). Then the built CLI in a
// pseudo-terminal: its first frame on each run (from the spawn, Node's start included), and how long
// it takes to leave, terminal restored, after q, three Ctrl+C and SIGTERM while the run is being
// simulated (goal < 1 s).
import './../src/ui/production.js';
import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Instance, render } from 'ink';
import { createElement } from 'react';
import { DEFAULT_BUDGETS } from '../src/playback/budgets.js';
import { simulateInWorker } from '../src/playback/worker-client.js';
import { Screen, type ScreenProps } from '../src/ui/components/Screen.js';
import { noteFor } from '../src/ui/state/notes.js';
import { Replay } from '../src/ui/state/replay.js';
import { spawnSession } from '../test/e2e/pty.js';

const scenarios = join(import.meta.dirname, 'scenarios');
const bin = join(import.meta.dirname, '..', 'bin', 'asyncio-lab.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The built lab on `file` in a pseudo-terminal: ms to its first frame, and to leave after `how`. */
async function inTerminal(file: string, how: 'q' | 'ctrl-c' | 'SIGTERM'): Promise<{ firstMs: number; leaveMs: number }> {
  const started = performance.now();
  const s = spawnSession(process.execPath, [bin, 'run', join(scenarios, file)], { cols: 120, rows: 36 });
  try {
    await s.waitFor((t) => /step \d+\/\d+/.test(t) && t.includes('q quit'), 'the first frame', 60_000);
    const firstMs = performance.now() - started;
    // Leave while the run is still being simulated.
    await sleep(1000);
    const asked = performance.now();
    if (how === 'q') s.write('q');
    else if (how === 'ctrl-c') s.write('\x03\x03\x03');
    else s.signal('SIGTERM');
    await s.exited(30_000);
    return { firstMs, leaveMs: performance.now() - asked };
  } finally {
    s.kill();
  }
}

/** This process's peak resident set (the worker thread included), from Linux's /proc. */
function peakRssMb(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

class NullTerminal extends EventEmitter {
  readonly columns = 120;
  readonly rows = 36;
  write(): boolean {
    return true;
  }
}

function props(replay: Replay, step: number): ScreenProps {
  const state = replay.stateAt(step);
  return {
    width: 120,
    height: 36,
    lang: 'en',
    id: 'bench',
    title: 'lab bench',
    source: { file: 'bench.py', text: 'pass', label: 'as written', changed: new Set() },
    state,
    event: replay.eventAt(step),
    note: noteFor(replay, step),
    t: state.t,
    step,
    steps: replay.length,
    endTime: replay.endTime,
    totalEvents: replay.total,
    playing: false,
    speed: 1,
    canToggle: false,
    help: false,
  };
}

const ROUNDS = 9;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
}

interface Figures {
  firstFrameMs: number;
  stepMs: number;
  backMs: number;
  endMs: number;
  wholeS: number;
  events: number;
  peakMb: number | undefined;
}

async function lab(file: string): Promise<Figures> {
  const started = performance.now();
  const simulation = simulateInWorker({
    runnable: undefined as never,
    target: { kind: 'scenario', file: join(scenarios, file) },
    options: { asWritten: false, debug: false, interrupts: [], until: 60 },
    budgets: DEFAULT_BUDGETS,
  });
  const replay = new Replay();
  let app: Instance | undefined;
  let firstFrameMs = 0;
  const frame = (step: number) => {
    const t = performance.now();
    app!.rerender(createElement(Screen, props(replay, step)));
    return performance.now() - t;
  };
  // --instant: read everything as it comes, drawing the last step after each batch as the lab does.
  for (let batch = await simulation.next(); batch !== undefined; batch = await simulation.next()) {
    replay.append(batch, replay.stopIndex(replay.length - 1) ?? 0);
    simulation.consumed(batch.length);
    if (app === undefined) {
      app = render(createElement(Screen, props(replay, replay.length - 1)), { stdout: new NullTerminal() as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
      firstFrameMs = performance.now() - started;
    }
  }
  simulation.close();
  const wholeS = (performance.now() - started) / 1000;
  // Frames inside the window, around its middle: one step on, one back, then to the last step
  // (medians of ROUNDS, each from a different step, after a few frames to warm up).
  const middle = Math.floor((replay.firstStep + replay.length) / 2);
  for (let s = middle - 10; s < middle; s++) frame(s);
  const step: number[] = [];
  const back: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = middle + i * 97;
    frame(s);
    step.push(frame(s + 1));
    back.push(frame(s));
    end.push(frame(replay.length - 1));
  }
  const [stepMs, backMs, endMs] = [median(step), median(back), median(end)];
  app?.unmount();
  return { firstFrameMs, stepMs, backMs, endMs, wholeS, events: replay.total, peakMb: peakRssMb() };
}

async function inChild(file: string): Promise<Figures> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the lab bench on ${file} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figures;
}

// Run as a child: one run, its figures as the last line of JSON.
if (process.argv[1] === import.meta.filename && process.argv[2] !== undefined) {
  console.log(JSON.stringify(await lab(process.argv[2])));
  process.exit(0);
}

export default async function bench(): Promise<void> {
  console.log('| the lab on | events | first frame (goal ≤ 1000 ms) | step (≤ 50 ms) | step back (≤ 50 ms) | to the last step (≤ 50 ms) | whole run folded | peak RSS (≤ 500 MB) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const runs: [string, string][] = [
    ['100,000 pending timers', 'pending-timers.mjs'],
    ['10,000 tasks gathered', 'gathered-tasks.mjs'],
    ['a million chained callbacks', 'chained-callbacks.mjs'],
  ];
  for (const [name, file] of runs) {
    // Each run in a process of its own, so the peak RSS is that run's.
    const f = await inChild(file);
    const mb = f.peakMb === undefined ? 'n/a' : `${f.peakMb.toFixed(0)} MB`;
    console.log(`| ${name} | ${f.events.toLocaleString('en-US')} | ${f.firstFrameMs.toFixed(0)} ms | ${f.stepMs.toFixed(1)} ms | ${f.backMs.toFixed(1)} ms | ${f.endMs.toFixed(1)} ms | ${f.wholeS.toFixed(1)} s | ${mb} |`);
  }
  console.log('');
  console.log('| the built lab in a terminal, on | first frame (goal ≤ 1000 ms, Node\'s start included) | leave after q | after 3 Ctrl+C | after SIGTERM (goal < 1000 ms each) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, file] of runs) {
    const q = await inTerminal(file, 'q');
    const c = await inTerminal(file, 'ctrl-c');
    const term = await inTerminal(file, 'SIGTERM');
    const first = Math.min(q.firstMs, c.firstMs, term.firstMs);
    console.log(`| ${name} | ${first.toFixed(0)} ms | ${q.leaveMs.toFixed(0)} ms | ${c.leaveMs.toFixed(0)} ms | ${term.leaveMs.toFixed(0)} ms |`);
  }
}
