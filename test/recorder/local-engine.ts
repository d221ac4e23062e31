// The local python3 as `asyncio-lab verify --interpreter python3` takes it.
import { spawnSync } from 'node:child_process';
import { probeInterpreter } from '../../src/recorder/local.js';
import type { VerifyEngine } from '../../src/recorder/verify-lesson.js';

export function localEngine(): VerifyEngine {
  const interpreter = probeInterpreter('python3');
  const stdlibDir = spawnSync(interpreter.executable, ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();
  return { kind: 'local', interpreter, stdlibDir };
}
