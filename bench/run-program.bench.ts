// `npm run bench run-program`: `asyncio-lab run program.py`'s first frame, as a learner meets it:
// the built CLI in a pseudo-terminal, from the spawn (Node's start included) to the lab's first
// frame, on the embedded Python (loading Pyodide is most of it) and on --interpreter python3. The
// goal (within 2 s on a quiet machine) is printed beside the figures, with what loading the embedded
// Python alone takes (the runner, from its spawn to `loaded`) and that load from a memory snapshot
// when the installation has one (src/engines/snapshot.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { spawnSession } from '../test/e2e/pty.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const program = join(root, 'examples', 'gather-timeout.py');
const ROUNDS = 3;
const GOAL_MS = 2000;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
}

/** ms from the spawn to the lab's first frame of `run program.py` with `extra` flags. */
async function firstFrame(extra: string[]): Promise<number> {
  const started = performance.now();
  const s = spawnSession(process.execPath, [bin, 'run', program, ...extra], { cols: 120, rows: 36 });
  try {
    await s.waitFor((t) => /step \d+\/\d+/.test(t) && t.includes('q quit'), 'the first frame', 120_000);
    const ms = performance.now() - started;
    s.write('q');
    await s.exited(30_000);
    return ms;
  } finally {
    s.kill();
  }
}

/** ms from spawning the embedded engine's runner to its `loaded` line (the interpreter is up). */
function runnerLoaded(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  const config = JSON.stringify({ file: program, dir: join(root, 'examples'), until: 60 });
  const child = spawn(process.execPath, [join(root, 'dist', 'embedded-runner.js'), config], { stdio: ['pipe', 'pipe', 'ignore', 'ignore'], env });
  child.stdin!.end('pass\n');
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      if (!text.includes('loaded')) return;
      resolve(performance.now() - started);
      child.kill('SIGKILL');
    });
    child.on('exit', () => reject(new Error('the runner ended before it loaded')));
  });
}

export default async function bench(): Promise<void> {
  const rows: [string, number][] = [];
  // The first run may write the snapshot; the rounds after it read it.
  await firstFrame([]);
  const embedded: number[] = [];
  const local: number[] = [];
  const loaded: number[] = [];
  const noSnapshot: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    embedded.push(await firstFrame([]));
    local.push(await firstFrame(['--interpreter', 'python3']));
    loaded.push(await runnerLoaded());
    noSnapshot.push(await runnerLoaded({ ...process.env, ASYNCIO_LAB_SNAPSHOT: 'off' }));
  }
  rows.push(['first frame, embedded CPython 3.14 (Pyodide)', median(embedded)]);
  rows.push(['first frame, --interpreter python3', median(local)]);
  rows.push(['embedded runner: spawn to interpreter loaded', median(loaded)]);
  rows.push(['  the same without the memory snapshot', median(noSnapshot)]);
  console.log(`run program.py (${ROUNDS} rounds, medians; goal: first frame within ${GOAL_MS / 1000} s on a quiet machine)\n`);
  for (const [what, ms] of rows) {
    const goal = what.startsWith('first frame') ? `  goal ≤ ${GOAL_MS} ms: ${ms <= GOAL_MS ? 'met' : 'not met'}` : '';
    console.log(`${what.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms${goal}`);
  }
  console.log(`\nsnapshot speed-up of the interpreter's load: ${(median(noSnapshot) / median(loaded)).toFixed(1)}x`);
}
