// Runs a Python program on the real python3 (the oracle), pressing Ctrl+C (SIGINT) at chosen wall
// times, and returns what it printed and its exit status as `subprocess` reports it. Programs use
// small real sleeps (0.1 s steps), so the simulated run of the same program with the same interrupt
// times must print the same lines.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PythonRun {
  stdout: string[];
  stderr: string[];
  status: number;
}

// Time zero is when the interpreter is up and the modules the programs use are imported (a
// sitecustomize writes one byte to a pipe then), not when the process was spawned: start-up takes from
// 30 ms to a second on a loaded machine, and the interrupt moments are times in the program.
const SITECUSTOMIZE = String.raw`
import os
_fd = int(os.environ.pop('ORACLE_READY_FD'))
os.environ.pop('PYTHONPATH', None)
import asyncio, concurrent.futures, queue, threading, time
os.write(_fd, b'.')
os.close(_fd)
`;

const DRIVER = String.raw`
import json, os, signal, subprocess, sys, time
script, times = sys.argv[1], [float(x) for x in sys.argv[2:]]
ready_r, ready_w = os.pipe()
env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(script), '_hook'), ORACLE_READY_FD=str(ready_w))
for name in ('PYTHONDEVMODE', 'PYTHONASYNCIODEBUG', 'PYTHONWARNINGS', 'PYTHONSTARTUP'):
    env.pop(name, None)
p = subprocess.Popen([sys.executable, '-u', script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=os.path.dirname(script), env=env, pass_fds=(ready_w,))
os.close(ready_w)
os.read(ready_r, 1)
t0 = time.monotonic()
os.close(ready_r)
for at in times:
    time.sleep(max(0.0, at - (time.monotonic() - t0)))
    if p.poll() is None:
        os.kill(p.pid, signal.SIGINT)
try:
    out, err = p.communicate(timeout=20)
except subprocess.TimeoutExpired:
    p.kill()
    out, err = p.communicate()
print(json.dumps({'stdout': out.decode(), 'stderr': err.decode(), 'status': p.returncode}))
`;

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/** Runs `source` as prog.py on python3 with SIGINT at each of `interrupts` (seconds after start). */
export function runPython(source: string, interrupts: readonly number[] = [], file = 'prog.py'): PythonRun {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-oracle-'));
  try {
    const script = join(dir, file);
    writeFileSync(script, source);
    mkdirSync(join(dir, '_hook'));
    writeFileSync(join(dir, '_hook', 'sitecustomize.py'), SITECUSTOMIZE);
    const result = spawnSync('python3', ['-c', DRIVER, script, ...interrupts.map(String)], { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`the oracle driver failed: ${result.stderr}`);
    const run = JSON.parse(result.stdout) as { stdout: string; stderr: string; status: number };
    return { stdout: lines(run.stdout), stderr: lines(run.stderr), status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
