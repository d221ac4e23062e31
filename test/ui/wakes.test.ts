// One thread waking another on the timeline: the waker's lane gets ⇢ and the woken's ⇣ in the same
// column (or the bar of the callback it runs at once), and the wakes row names the wake-up (who woke whom, from what wait), in each thread lesson
// where it happens: call_soon_threadsafe writing the self-pipe, run_coroutine_threadsafe, a queue
// hand-off, a concurrent future's result waking result().
import { describe, expect, it } from 'vitest';
import { findLessonById } from '../../src/scenarios/index.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { timelineLines } from '../../src/ui/panels/timeline.js';
import { foldEvents } from '../../src/ui/state/reduce.js';

function timeline(id: string, width = 160) {
  const lesson = findLessonById(id)!;
  const run = lesson.run({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil });
  const state = foldEvents(run.events);
  const endTime = run.events.at(-1)!.t;
  return timelineLines({ state, endTime, totalEvents: run.events.length, width, height: 12, title: 'TIMELINE' }).map(lineText);
}

describe('thread wake-ups on the timeline', () => {
  it.each([
    ['threads-threadsafe', 'MainThread ⇢ Thread-1 (start_loop): select'],
    ['threads-coroutine', 'MainThread ⇢ Thread-1 (start_loop): select'],
    ['threads-queue', 'Thread-1 (thread_loop) ⇢ MainThread: q.get()'],
    ['threads-coroutine', 'Thread-1 (start_loop) ⇢ MainThread: future.result()'],
  ])('%s: names "%s" and marks both lanes in one column', (id, wake) => {
    const lines = timeline(id, 400);
    const row = lines.find((l) => l.startsWith('wakes'));
    expect(row, lines.join('\n')).toBeDefined();
    expect(row).toContain(wake);
    const [waker, woken] = wake.split(':')[0]!.split(' ⇢ ');
    const lane = (name: string) => lines.find((l) => l.startsWith(name!))!;
    const columns = (text: string, glyph: string) => [...text].flatMap((ch, i) => (ch === glyph ? [i] : []));
    // The woken thread's mark gives way to a callback bar starting in its column (call_soon_threadsafe's
    // callback runs at once) or to a race flag at that instant (≈ ranks above it).
    const shared = columns(lane(waker!), '⇢').filter((col) => ['⇣', '▐', '≈'].some((glyph) => columns(lane(woken!), glyph).includes(col)));
    expect(shared.length, `${lane(waker!)}\n${lane(woken!)}`).toBeGreaterThan(0);
  });

  it('has no wakes row in a lesson with one thread', () => {
    expect(timeline('call-later').some((l) => l.startsWith('wakes'))).toBe(false);
  });
});
