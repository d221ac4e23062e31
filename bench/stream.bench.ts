// `npm run bench stream`: the streamed --json view on runs that never end, as a learner's runaway
// programs are: a 1 ms timer chain for an hour of simulated time, and a call_soon chain up to the
// default budget of events per instant. Figures: events per second of wall time and the process's
// peak RSS (worker included), with the goals beside them (issue: >= 1,000,000 events/s, < 300 MB).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

async function measure(args: string[]): Promise<{ events: number; seconds: number; peakMb: number | undefined }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  let peak: number | undefined;
  const poll = setInterval(() => {
    const now = peakRssMb(child.pid!);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 50);
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  clearInterval(poll);
  return { events: lines, seconds: (performance.now() - started) / 1000, peakMb: peak };
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
  console.log('| run | events | wall time | events/s (goal >= 1,000,000) | peak RSS (goal < 300 MB) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, args] of runs) {
    const m = await measure(args);
    const rate = Math.round(m.events / m.seconds).toLocaleString('en-US');
    console.log(`| ${name} | ${m.events.toLocaleString('en-US')} | ${m.seconds.toFixed(1)} s | ${rate} | ${m.peakMb === undefined ? 'n/a' : `${m.peakMb.toFixed(0)} MB`} |`);
  }
  console.log('\n(Wall time on a shared machine: compare with `npm run bench runtime` from the same run.)');
}
