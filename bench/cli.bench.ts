// Startup cost of the CLI: wall time of `asyncio-lab --help` (and `list`) against `node -e 0`,
// the floor any Node CLI pays, measured in the same run. Median of N spawns, alternating the
// commands so that machine noise hits them alike. Target: --help within 2.5x of node -e 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const SPAWNS = 21;

function wallMs(args: string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, CI: '1' } });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export default async function bench(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    console.log('dist/cli.js is missing: run `npm run build` first');
    return;
  }
  const cases: [string, string[]][] = [
    ['node -e 0 (reference)', ['-e', '0']],
    ['asyncio-lab --help', [bin, '--help']],
    ['asyncio-lab list', [bin, 'list']],
    // A whole lesson simulated and printed: startup plus the runtime's work.
    ['asyncio-lab stop wait --json', [bin, 'stop', 'wait', '--json']],
  ];
  const times = cases.map(() => [] as number[]);
  for (const [, args] of cases) wallMs(args); // warm the file cache
  for (let i = 0; i < SPAWNS; i++) cases.forEach(([, args], k) => times[k]!.push(wallMs(args)));
  const reference = median(times[0]!);
  console.log(`| command | median wall time (${SPAWNS} spawns) | ratio to node -e 0 |`);
  console.log('|---|---:|---:|');
  cases.forEach(([name], k) => {
    const m = median(times[k]!);
    console.log(`| ${name} | ${m.toFixed(1)} ms | ${(m / reference).toFixed(2)}x |`);
  });
}
