// Notes are tied to the events they explain: the matcher, every lesson's notes, and the places the
// lab used to show them a step early or late.
import { PYTHON_VERSIONS } from '../../src/runtime/python-version.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { findLesson, lessons } from '../../src/scenarios/index.js';
import { NoteMatcher, matches, withNotes, type LessonNote } from '../../src/scenarios/notes.js';
import type { Lesson, LessonVariant, RunOptions } from '../../src/scenarios/types.js';
import { noteFor } from '../../src/ui/state/notes.js';
import { Replay } from '../../src/ui/state/replay.js';

const at = (t: number, e: Record<string, unknown>, thread = 'MainThread') => ({ t, thread, ...e }) as TraceEvent;
const out = (text: string, t = 0) => at(t, { type: 'output', stream: 'stdout', text });
const note = (en: string, when: LessonNote['when'], extra: Partial<LessonNote> = {}): LessonNote => ({ zh: en, en, when, ...extra });
const notesIn = (events: readonly TraceEvent[]) => events.flatMap((e) => (e.type === 'note' ? [e.en] : []));

describe('the note matcher', () => {
  it('matches an event by type and fields, a RegExp testing a string field', () => {
    const e = at(0, { type: 'handle_scheduled', loop: 1, handle: 3, kind: 'Handle', callback: 'call_back(1)' });
    expect(matches(e, { type: 'handle_scheduled', callback: 'call_back(1)' })).toBe(true);
    expect(matches(e, { type: 'handle_scheduled', callback: /^call_back\(/ })).toBe(true);
    expect(matches(e, { type: 'handle_scheduled', callback: 'call_back(2)' })).toBe(false);
    expect(matches(e, { type: 'handle_run', callback: 'call_back(1)' })).toBe(false);
    expect(matches(e, { type: 'handle_scheduled', when: 0.1 })).toBe(false);
  });

  it('places each note right after the first matching event, with its time and thread, once', () => {
    const events = [out('a'), at(1.5, { type: 'output', stream: 'stdout', text: 'b' }, 'Thread-1'), out('b', 2)];
    const placed = withNotes(events, [note('about b', { type: 'output', text: 'b' })]);
    expect(placed.map((e) => e.type)).toEqual(['output', 'output', 'note', 'output']);
    expect(placed[2]).toEqual({ type: 'note', t: 1.5, thread: 'Thread-1', zh: 'about b', en: 'about b' });
  });

  it('counts matches (nth) and waits for the events named in `after`, in order', () => {
    const events = [out('x'), at(1, { type: 'interrupt', n: 1 }), out('x'), at(2, { type: 'loop_stop_requested', loop: 1 }), out('x'), out('x')];
    const placed = withNotes(events, [
      note('second x', { type: 'output', text: 'x' }, { nth: 2 }),
      note('x after stop', { type: 'output', text: 'x' }, { after: [{ type: 'interrupt' }, { type: 'loop_stop_requested' }] }),
      note('never', { type: 'output', text: 'x' }, { after: [{ type: 'loop_stop_requested' }, { type: 'interrupt' }] }),
    ]);
    expect(placed.map((e) => (e.type === 'note' ? e.en : e.type))).toEqual(['output', 'interrupt', 'output', 'second x', 'loop_stop_requested', 'output', 'x after stop', 'output']);
  });

  it('streams: one event in, the notes it brings out', () => {
    const matcher = new NoteMatcher([note('n', { type: 'exit' })]);
    expect(matcher.after(out('a'))).toEqual([]);
    expect(matcher.after(at(3, { type: 'exit', status: 0 }))).toEqual([{ type: 'note', t: 3, thread: 'MainThread', zh: 'n', en: 'n' }]);
    expect(matcher.after(at(3, { type: 'exit', status: 0 }))).toEqual([]);
  });
});

/** Every documented run of a program: as it is, as written, and at each documented Ctrl+C, on each Python version. */
function documentedRuns(lesson: Lesson, program: Lesson | LessonVariant): TraceEvent[][] {
  const bases: RunOptions[] = PYTHON_VERSIONS.map((python) => ({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python }));
  const options = bases.flatMap((base) => [base, ...lesson.interrupts.map((m) => ({ ...base, interrupts: [m.at] }))]);
  const all = program === lesson && lesson.corrected ? [...options, ...options.map((o) => ({ ...o, asWritten: true }))] : options;
  return all.map((o) => program.run(o).events);
}

describe.each(lessons.flatMap((lesson) => [lesson, ...lesson.variants].map((program) => [program === lesson ? lesson.id : `${lesson.id} --variant ${program.id}`, lesson, program] as const)))(
  'notes of %s',
  (_name, lesson, program) => {
    const runs = documentedRuns(lesson, program);

    it('has notes, each in both languages, each shown in at least one documented run', () => {
      expect(program.notes.length).toBeGreaterThan(0);
      for (const n of program.notes) {
        expect(n.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(n.en).toMatch(/[A-Za-z]{3}/);
        expect(runs.some((events) => notesIn(events).includes(n.en)), n.en).toBe(true);
      }
    });

    it('shows each note right after the event it explains', () => {
      for (const events of runs) {
        events.forEach((e, i) => {
          if (e.type !== 'note') return;
          let j = i - 1;
          while (events[j]?.type === 'note') j--;
          const declared = program.notes.find((n) => n.en === e.en)!;
          expect(declared, e.en).toBeDefined();
          expect(matches(events[j]!, declared.when), e.en).toBe(true);
        });
      }
    });
  },
);

describe('notes at the step they explain (they used to land a step early or late)', () => {
  const stepOf = (events: TraceEvent[], en: string) => {
    const replay = new Replay(events);
    for (let s = 0; s < replay.length; s++) if (noteFor(replay, s)?.en.includes(en)) return replay.eventAt(s);
    return undefined;
  };
  const options: RunOptions = { asWritten: false, debug: false, interrupts: [], until: 5 };

  it('call-soon: "main() suspends in sleep(0.5)" shows when Task-1 suspends, not at the second call_soon', () => {
    const event = stepOf(findLesson('call-soon')!.run(options).events, 'main() suspends in sleep(0.5)');
    expect(event).toMatchObject({ type: 'task_wait', name: 'Task-1' });
  });

  it('call-at: "loop.time() reads the loop\'s monotonic clock" shows with the printed time, not when Task-1 resumes', () => {
    const event = stepOf(findLesson('call-at')!.run(options).events, "loop.time() reads the loop's monotonic clock");
    expect(event).toMatchObject({ type: 'output', text: expect.stringMatching(/^当前的内部时间/) });
  });

  it('future --variant stop-in-batch: "later is appended" shows when later is scheduled', () => {
    const variant = findLesson('future')!.variants.find((v) => v.id === 'stop-in-batch')!;
    const event = stepOf(variant.run(options).events, 'later is appended to the ready queue');
    expect(event).toMatchObject({ type: 'handle_scheduled', callback: 'later()' });
  });

  it('the twins place no notes of their own (no py.note: the runtime has none)', () => {
    const root = new URL('../../src/lessons/', import.meta.url);
    for (const folder of readdirSync(root)) expect(readFileSync(new URL(`${folder}/twin.ts`, root), 'utf8'), folder).not.toContain('py.note(');
  });
});
