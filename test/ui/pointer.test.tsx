// The source panel shows CPython's pointer: one per thread, labelled with the thread's name, and
// where each suspended coroutine waits (its task's name at its await). Read from the screen's words
// as ink-testing-library draws them, on the real lessons.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Screen, type ScreenProps } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { programOf } from '../../src/ui/program.js';
import { futureList } from '../../src/ui/state/futures.js';
import { noteFor } from '../../src/ui/state/notes.js';
import { toArray } from '../../src/ui/state/chain.js';
import { findLessonById } from '../../src/scenarios/index.js';

const ANSI = /\x1b\[[0-9;]*m/g;

/** The lab paused after `steps` steps of a lesson, as props for the screen. */
function propsAt(id: string, steps: number, width = 150, height = 40): ScreenProps {
  const lesson = findLessonById(id);
  if (lesson === undefined) throw new Error(`no lesson ${id}`);
  const program = programOf(lesson, undefined, 'en');
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: 15 }, speed: 1, instant: false, startPaused: true, level: 'exact' }, 0);
  for (let i = 0; i < steps; i++) lab = update(lab, { type: 'step' }, 0);
  const state = lab.replay.stateAt(lab.step);
  return {
    width,
    height,
    lang: 'en',
    id: program.id,
    title: program.title,
    source: program.source(false, 'en'),
    state,
    event: lab.replay.eventAt(lab.step),
    note: noteFor(lab.replay, lab.step),
    t: state.t,
    step: lab.step,
    steps: lab.replay.length,
    endTime: lab.replay.endTime,
    totalEvents: lab.replay.kept.length,
    playing: false,
    speed: 1,
    canToggle: true,
    help: false,
  };
}

/** The screen's rows as ink-testing-library draws them, without colours. */
function screen(props: ScreenProps): string[] {
  const { lastFrame, unmount } = render(<Screen {...props} />);
  const rows = (lastFrame() ?? '').replace(ANSI, '').split('\n');
  unmount();
  return rows;
}

/** The source panel's rows marked with a pointer (▶ the step's thread, ▷ another's) or a waiting task. */
function marked(rows: string[]): string[] {
  return rows.flatMap((row) => {
    const source = row.split('│')[0]!;
    return /^[▶▷]\s*\d+ |◀|◇/.test(source) ? [source.trim()] : [];
  });
}

describe('the source pointer on the screen', () => {
  it("is on main's await (line 12), not in call_back, when Task-1's coroutine resumes (call-soon)", () => {
    // The step at which Task-1's coroutine resumes after both callbacks ran (step 40 on the screen:
    // the import, def and assignment lines before it are steps of their own).
    const lab = createLab({ program: programOf(findLessonById('call-soon')!, undefined, 'en'), options: { asWritten: false, debug: false, interrupts: [], until: 15 }, speed: 1, instant: false, startPaused: true, level: 'exact' }, 0);
    const printed = (s: number) => toArray(lab.replay.stateAt(s).output).length;
    let step = -1;
    for (let s = 0; s < lab.replay.length && step < 0; s++) {
      const event = lab.replay.eventAt(s);
      if (event?.type === 'task_step' && event.name === 'Task-1' && printed(s) === 3) step = s;
    }
    expect(step).toBe(39);
    expect(screen(propsAt('call-soon', step)).some((r) => r.includes("Task-1's coroutine resumes"))).toBe(true);
    const rows = marked(screen(propsAt('call-soon', step)));
    expect(rows.filter((r) => r.startsWith('▶'))).toEqual(['▶12     await asyncio.sleep(0.5)']);
    expect(rows.some((r) => /^▶ ?5 /.test(r))).toBe(false);
  });

  it("marks where Task-1 waits while the loop runs the callbacks (call-soon)", () => {
    // After main()'s first step: the pointer is back on run_until_complete, Task-1 waits at line 12.
    for (let i = 1; i < 60; i++) {
      const props = propsAt('call-soon', i);
      if (!futureList(props.state).some((f) => f.name === 'Task-1' && f.awaitLine !== undefined)) continue;
      const rows = marked(screen(props));
      expect(rows).toContainEqual(expect.stringMatching(/^ ?12 +await asyncio\.sleep\(0\.5\) +◇ Task-1$/));
      expect(rows).toContainEqual('▶18         loop.run_until_complete(main())');
      return;
    }
    throw new Error('Task-1 never waited');
  });

  it('shows one pointer per thread, labelled with its name, when there are several (threads-threadsafe)', () => {
    for (let i = 1; i < 80; i++) {
      const props = propsAt('threads-threadsafe', i);
      if (Object.keys(props.state.lines).length < 2) continue;
      const rows = marked(screen(props));
      const labels = rows.flatMap((r) => [...r.matchAll(/◀ ([^◀◇]+?)(?= ◀| ◇|$)/g)].map((m) => m[1]));
      expect(labels.sort()).toEqual(Object.keys(props.state.lines).sort());
      expect(rows.filter((r) => /^[▶▷]/.test(r))).toHaveLength(new Set(Object.values(props.state.lines)).size);
      return;
    }
    throw new Error('never two threads with a pointer');
  });
});
