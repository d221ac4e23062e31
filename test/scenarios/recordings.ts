// Loads the CPython recordings in test/recordings/ (written by scripts/record-lessons.py).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPythonVersion, type PythonVersion } from '../../src/runtime/python-version.js';

export interface RecordedLine {
  /** Seconds after the interpreter was up. */
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Recording {
  name: string;
  lesson: string;
  /** 'as-written', 'corrected' or 'variant:<id>'. */
  program: string;
  file: string;
  /** Recorded with `python3 -X dev` (asyncio debug mode). */
  dev: boolean;
  /** Seconds at which SIGINT was sent. */
  interrupts: number[];
  python: string;
  argv: string[];
  end: { kind: 'exit'; status: number; t: number } | { kind: 'killed'; t: number };
  lines: RecordedLine[];
  /** Thread name -> the lines CPython's source pointer moved to (sys.settrace, consecutive repeats dropped). */
  pointer: Record<string, number[]>;
}

export const recordingsDir = join(import.meta.dirname, '..', 'recordings');

function loadAll(): Recording[] {
  return readdirSync(recordingsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(recordingsDir, f), 'utf8')) as Recording);
}

/** The recordings of runs that exited (on their own or through Ctrl+C). */
export function loadRecordings(): Recording[] {
  return loadAll().filter((r) => r.end.kind === 'exit');
}

/** The recordings of runs that never exit (a hang at exit, an endless loop): killed after a while. */
export function loadHangRecordings(): Recording[] {
  return loadAll().filter((r) => r.end.kind === 'killed');
}

/** The Python version a recording was made on ('3.11.7' is 3.11): its replay runs as that version. */
export function recordedPython(recording: Recording): PythonVersion {
  const version = recording.python.split('.').slice(0, 2).join('.');
  if (!isPythonVersion(version)) throw new Error(`${recording.name}: recorded on Python ${recording.python}, which the lab does not simulate`);
  return version;
}

/** The recorded lines of one stream. */
export function streamLines(recording: Recording, stream: 'stdout' | 'stderr'): string[] {
  return recording.lines.filter((l) => l.stream === stream).map((l) => l.text);
}
