// Many programs recorded on a local interpreter in batches (record_batch.py: one fork per program),
// two batches at a time (the recorder's tracing keeps one core busy).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recorderPath } from '../../../src/recorder/locate.js';
import { parseRecording, type Recording } from '../../../src/recorder/recording.js';

const BATCH = fileURLToPath(new URL('./record_batch.py', import.meta.url));

function runBatch(interpreter: string, jobsFile: string): Promise<Recording[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(interpreter, [BATCH, recorderPath(), jobsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`record_batch.py failed: ${stderr}`));
      else resolve(stdout.trim().split('\n').filter(Boolean).map((line) => parseRecording((JSON.parse(line) as { events: string }).events)));
    });
  });
}

/** Each source recorded as the program file `program.py`, in virtual time, as `run --interpreter` records it. */
export async function recordLocalBatch(interpreter: string, sources: readonly string[], batches = 2): Promise<Recording[]> {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-batch-'));
  try {
    const config = { file: 'program.py', dir, mode: 'virtual', interrupts: [], until: 60, fd: 3, cpuSeconds: 60, maxEvents: 200_000 };
    const size = Math.ceil(sources.length / batches);
    const parts = Array.from({ length: batches }, (_, k) => sources.slice(k * size, (k + 1) * size)).filter((part) => part.length > 0);
    const results = await Promise.all(
      parts.map((part, k) => {
        const file = join(dir, `jobs-${k}.ndjson`);
        writeFileSync(file, part.map((source) => JSON.stringify({ config, source })).join('\n'));
        return runBatch(interpreter, file);
      }),
    );
    return results.flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
