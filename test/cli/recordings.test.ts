// The CLI's views of each lesson against what CPython 3.11 printed for the article's program
// (test/recordings, compared with the lessons' own helper): the flags map onto the recorded run
// (--as-written, --variant, --debug for -X dev, --interrupt-at for the SIGINTs), --json carries
// exactly the printed lines, --output-only prints them as python3 did, and the exit status matches.
import { describe, expect, it } from 'vitest';
import { findLessonById, lessons } from '../../src/scenarios/index.js';
import { compareLines, type PrintedLine } from '../scenarios/compare.js';
import { comparablePointers } from '../scenarios/pointer.js';
import { loadRecordings, recordedPython, streamLines, type Recording } from '../scenarios/recordings.js';
import { cli } from './harness.js';

function argsFor(recording: Recording): string[] {
  const lesson = findLessonById(recording.lesson);
  if (!lesson) throw new Error(`no lesson ${recording.lesson}`);
  const args = lesson.part === undefined ? [lesson.command] : [lesson.command, lesson.part];
  if (recording.program === 'as-written' && lesson.corrected) args.push('--as-written');
  if (recording.program.startsWith('variant:')) args.push('--variant', recording.program.slice('variant:'.length));
  if (recording.dev) args.push('--debug');
  if (recording.interrupts.length > 0) args.push('--interrupt-at', recording.interrupts.join(','));
  args.push('--python', recordedPython(recording));
  return args;
}

/** What a shell shows for CPython's status: death by SIGINT is -2 to Python's subprocess, 130 to a shell. */
function shellStatus(recording: Recording): number {
  if (recording.end.kind !== 'exit') throw new Error('recorded run did not exit');
  return recording.end.status === -2 ? 130 : recording.end.status;
}

interface OutputRecord {
  type: string;
  t: number;
  thread?: string;
  line?: number;
  stream?: 'stdout' | 'stderr';
  text?: string;
  race?: boolean;
}

describe.each(loadRecordings().map((r) => [r.name, r] as const))('%s', (_name, recording) => {
  const args = argsFor(recording);

  it(`--json prints the trace, its output events as CPython printed them (${args.join(' ')})`, async () => {
    const run = await cli([...args, '--json'], { lessons });
    const records = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as OutputRecord);
    for (const record of records) {
      expect(typeof record.type).toBe('string');
      expect(typeof record.t).toBe('number');
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      const printed: PrintedLine[] = records.filter((r) => r.type === 'output' && r.stream === stream).map((r) => ({ text: r.text!, race: r.race }));
      expect(compareLines(printed, streamLines(recording, stream))).toEqual({ ok: true });
    }
    // Its `line` events are CPython's source pointer, thread by thread.
    const [simulated, recorded] = comparablePointers(records, recording);
    expect(simulated).toEqual(recorded);
    expect(run.code).toBe(shellStatus(recording));
  });

  it('--output-only prints exactly the output events, stdout and stderr apart', async () => {
    const json = await cli([...args, '--json'], { lessons });
    const records = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as OutputRecord);
    const text = (stream: string) => records.filter((r) => r.type === 'output' && r.stream === stream).map((r) => `${r.text}\n`).join('');
    const run = await cli([...args, '--output-only'], { lessons });
    expect(run.stdout).toBe(text('stdout'));
    expect(run.stderr).toBe(text('stderr'));
    expect(run.code).toBe(shellStatus(recording));
  });

  it('--plain interleaves the same printed lines with time-prefixed timeline lines', async () => {
    const plain = await cli([...args, '--plain'], { lessons });
    const only = await cli([...args, '--output-only'], { lessons });
    // The lesson's intro comes first: lines starting with », then one blank line.
    const intro = plain.stdout.slice(0, plain.stdout.indexOf('\n\n') + 2);
    expect(intro.split('\n').slice(0, -2).every((line) => line.startsWith('» '))).toBe(true);
    const programLines = plain.stdout
      .slice(intro.length)
      .split('\n')
      .filter((line) => !/^ {0,7}\d+\.\d{3}(?: \[[^\]]+\])? {2}/.test(line));
    expect(programLines.join('\n')).toBe(only.stdout);
    expect(plain.stdout.length).toBeGreaterThan(only.stdout.length);
  });
});
