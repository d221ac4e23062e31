// The LOOP panel draws what the reducer holds: the heap in the order heappop takes the timers
// (saying so), the ready queue with the current iteration's batch boundary, a closed loop empty.
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/runtime/process/index.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { loopLines } from '../../src/ui/panels/loop.js';
import { foldEvents } from '../../src/ui/state/reduce.js';
import { at } from './fixtures/lessons.js';
import { TIES_PYTHON, tiesProgram } from './fixtures/ties.js';

const text = (lines: ReturnType<typeof loopLines>) => lines.map(lineText);

describe('LOOP panel', () => {
  it('lists timers with equal deadlines in the order they will leave the heap, and says which order it is', () => {
    const events = runProcess(tiesProgram, { file: 'ties.py', source: TIES_PYTHON }).events;
    const state = foldEvents(events.slice(0, events.findIndex((e) => e.type === 'task_wait') + 1));
    const lines = text(loopLines(state, 'en'));
    const names = lines.flatMap((l) => l.match(/tick\('(\w+)'\)/)?.slice(1) ?? []);
    expect(names).toEqual(['b1', 'b3', 'b5', 'b4', 'b2', 'a5', 'a4', 'a2', 'a1', 'a3']);
    expect(lines.some((l) => l.includes('in the order heappop takes them'))).toBe(true);
  });

  it('draws the batch boundary: handles scheduled during the batch wait for the next iteration', () => {
    const soon = (handle: number, callback: string) => at(0, { type: 'handle_scheduled', loop: 1, handle, kind: 'Handle', callback });
    const state = foldEvents([
      at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 }),
      soon(1, 'a()'),
      soon(2, 'b()'),
      at(0, { type: 'select_woke', loop: 1, slept: 0, reason: 'immediate' }),
      at(0, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' }),
      soon(3, 'c()'),
    ]);
    const lines = text(loopLines(state, 'en'));
    const at_ = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at_('▶ <Handle a()>')).toBeGreaterThan(0);
    expect(at_('<Handle b()>')).toBeLessThan(at_('next iteration'));
    expect(at_('next iteration')).toBeLessThan(at_('<Handle c()>'));
  });

  it('shows a closed loop with an empty ready queue and heap', () => {
    const state = foldEvents([
      at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 }),
      at(0, { type: 'handle_scheduled', loop: 1, handle: 1, kind: 'Handle', callback: 'a()' }),
      at(0, { type: 'handle_scheduled', loop: 1, handle: 2, kind: 'TimerHandle', when: 1, heapIndex: 0, callback: 'b()' }),
      at(0, { type: 'loop_state', loop: 1, state: 'closed' }),
    ]);
    const lines = text(loopLines(state, 'en'));
    expect(lines.filter((l) => l.includes('(empty)'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('a()');
  });
});
