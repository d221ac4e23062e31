// `npm run bench stream`: the streamed --json view on runs that never end, as a learner's runaway
// programs are: a 1 ms timer chain for an hour of simulated time, and a call_soon chain up to the
// default budget of events per instant. Figures: events per second of wall time and the process's
// peak RSS (worker included), with the goals beside them (issue: >= 1,000,000 events/s, < 300 MB).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/scenarios/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const scenarios = join(root, 'test', 'e2e', 'scenarios');

/** Peak resident set size of a live process, from Linux's /proc (undefined elsewhere). */
function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds each thread of a live process has used so far, by thread id (Linux's /proc). */
function threadCpuSeconds(pid: number): Map<string, number> {
  const seconds = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    }
  } catch {
    // The process has exited meanwhile.
  }
  return seconds;
}

/** Linux's USER_HZ, the unit of /proc's CPU times. */
const CLOCK_TICKS = 100;

async function measure(args: string[]): Promise<{ events: number; seconds: number; busiestCpu: number | undefined; peakMb: number | undefined }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  let peak: number | undefined;
  const cpu = new Map<string, number>();
  const poll = setInterval(() => {
    const now = peakRssMb(child.pid!);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
    for (const [tid, seconds] of threadCpuSeconds(child.pid!)) cpu.set(tid, seconds);
  }, 50);
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  clearInterval(poll);
  const busiest = cpu.size === 0 ? undefined : Math.max(...cpu.values());
  return { events: lines, seconds: (performance.now() - started) / 1000, busiestCpu: busiest, peakMb: peak };
}

/**
 * What the per-line look for a Ctrl+C costs: the worker's sink has a `poll()` the main thread calls
 * at every line it runs (an atomic read of the shared control buffer). The call_soon chain (a line
 * every four events) run here with that poll and without, interleaved, best of five each.
 */
async function pollCost(): Promise<void> {
  const lesson = await loadScenario(join(scenarios, 'soon-forever.mjs'));
  const control = new Int32Array(new SharedArrayBuffer(16));
  const EVENTS = 5_000_000;
  const run = (withPoll: boolean): { ms: number; polls: number } => {
    let events = 0;
    let polls = 0;
    let stopped = false;
    let stop: (() => void) | undefined;
    const started = performance.now();
    lesson.run({
      asWritten: false,
      debug: false,
      interrupts: [],
      until: 1,
      sink: {
        attach: (c) => (stop = () => c.stop()),
        event: () => {
          if (++events >= EVENTS && !stopped) {
            stopped = true;
            stop?.();
          }
        },
        ...(withPoll ? { poll: () => void (polls++, Atomics.load(control, 1)) } : {}),
      },
    });
    return { ms: performance.now() - started, polls };
  };
  let best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  let polls = 0;
  for (let i = 0; i < 5; i++) {
    const a = run(true);
    polls = a.polls;
    best = [Math.min(best[0]!, a.ms), Math.min(best[1]!, run(false).ms)];
  }
  // The call alone, as the kernel makes it (an optional call on the sink), against no poll at all.
  const sinks: { poll?: () => void }[] = [{ poll: () => void Atomics.load(control, 1) }, {}];
  const CALLS = 20_000_000;
  const perCall = sinks.map((sink) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) sink.poll?.();
      fastest = Math.min(fastest, ((performance.now() - started) * 1e6) / CALLS);
    }
    return fastest;
  });
  console.log(`\nThe per-line poll() (an atomic read of the control buffer): ${(perCall[0]! - perCall[1]!).toFixed(1)} ns a call more than none.`);
  console.log(`The call_soon chain run in-process, ${EVENTS.toLocaleString('en-US')} events, ${polls.toLocaleString('en-US')} polls (best of five): ${best[0]!.toFixed(0)} ms with the poll, ${best[1]!.toFixed(0)} ms without (${(best[0]! / best[1]!).toFixed(2)}x; polls x cost per call: ${((polls * (perCall[0]! - perCall[1]!)) / 1e6).toFixed(1)} ms).`);
}

export default async function bench(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    console.log('dist/cli.js is missing: run `npm run build` first');
    return;
  }
  const runs: [string, string[]][] = [
    ['1 ms timer chain, --json --until 3600', ['run', join(scenarios, 'timer-chain.mjs'), '--json', '--until', '3600']],
    ['call_soon chain to the instant budget, --json', ['run', join(scenarios, 'soon-forever.mjs'), '--json']],
  ];
  console.log('| run | events | wall time | events/s (goal >= 1,000,000) | busiest thread\'s CPU time | events per CPU second of it | peak RSS (goal < 300 MB) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, args] of runs) {
    const m = await measure(args);
    const rate = (seconds: number) => Math.round(m.events / seconds).toLocaleString('en-US');
    const cpu = m.busiestCpu === undefined ? ['n/a', 'n/a'] : [`${m.busiestCpu.toFixed(1)} s`, rate(m.busiestCpu)];
    console.log(`| ${name} | ${m.events.toLocaleString('en-US')} | ${m.seconds.toFixed(1)} s | ${rate(m.seconds)} | ${cpu[0]} | ${cpu[1]} | ${m.peakMb === undefined ? 'n/a' : `${m.peakMb.toFixed(0)} MB`} |`);
  }
  console.log('\n(Wall time on a shared machine, where other work takes the cores too. The busiest thread is');
  console.log('the simulation\'s worker, which simulates and writes the NDJSON lines; the UI\'s thread writes them');
  console.log('out in parallel. Its events per CPU second are what the wall-clock rate is on an idle machine.)');
  await pollCost();
}
