// The timeline zoomed and panned: ] and [ halve and double its window around the cursor, < and >
// move it by quarters; marks outside the window fall off the track, the ruler counts from its start.
import { describe, expect, it } from 'vitest';
import { findLesson } from '../../src/scenarios/index.js';
import { timelineLines, timeWindow } from '../../src/ui/panels/timeline.js';
import { Replay } from '../../src/ui/state/replay.js';

describe('timeWindow', () => {
  it('is the whole run unzoomed, 1/zoom of it around the cursor zoomed, moved in quarters', () => {
    expect(timeWindow(10, 4, undefined)).toEqual({ from: 0, span: 10 });
    expect(timeWindow(10, 4, { zoom: 1, pan: 3 })).toEqual({ from: 0, span: 10 });
    // 2.5 s around 4 s, snapped to quarters (0.625 s): 2.5 s ... 5 s.
    expect(timeWindow(10, 4, { zoom: 4, pan: 0 })).toEqual({ from: 2.5, span: 2.5 });
    expect(timeWindow(10, 4, { zoom: 4, pan: 1 })).toEqual({ from: 3.125, span: 2.5 });
    // Never before the start nor past the end.
    expect(timeWindow(10, 4, { zoom: 4, pan: -99 }).from).toBe(0);
    expect(timeWindow(10, 4, { zoom: 4, pan: 99 }).from).toBe(7.5);
  });
});

describe('a zoomed timeline (threads threadsafe, Ctrl+C at 9 s)', () => {
  const lesson = findLesson('threads', 'threadsafe')!;
  const { events } = lesson.run({ asWritten: false, debug: false, interrupts: [9], until: lesson.defaultUntil });
  const replay = new Replay(events);
  const state = replay.stateAt(replay.stepAtTime(9));
  const draw = (zoom: number, pan: number) =>
    timelineLines({ state, endTime: replay.endTime, totalEvents: events.length, width: 120, height: 20, title: 'TIMELINE', view: { zoom, pan } }).map((segs) => segs.map((s) => s.text).join(''));

  it('says its zoom, labels the ruler from the window\'s start and keeps the cursor on the track', () => {
    const whole = draw(1, 0);
    const zoomed = draw(8, 0);
    expect(whole[0]).toMatch(/^TIMELINE s\s+0/);
    expect(zoomed[0]).toMatch(/^TIMELINE s ×8\s/);
    const { from } = timeWindow(replay.endTime, state.t, { zoom: 8, pan: 0 });
    expect(from).toBeGreaterThan(0);
    expect(zoomed[0]).not.toMatch(/^TIMELINE s ×8\s+0·/);
    // The cursor (cyan, on a label or a ▼) is on the zoomed ruler, and not on one panned far away.
    const cursorOn = (pan: number) =>
      timelineLines({ state, endTime: replay.endTime, totalEvents: events.length, width: 120, height: 20, title: 'TIMELINE', view: { zoom: 8, pan } })[0]!.some((seg) => seg.color === 'cyan');
    expect(cursorOn(0)).toBe(true);
    expect(cursorOn(99)).toBe(false);
  });

  it('draws only the marks in its window: Thread-1\'s busy bar from 0 s is off a window late in the run', () => {
    const lane = (lines: string[]) => lines.find((l) => l.startsWith('Thread-1'))!;
    expect(lane(draw(1, 0))).toContain('▐');
    // Panned to the end, far from the start of more_work(6) at 0 s.
    expect(lane(draw(64, 999))).not.toContain('▐');
    // Every line stays 120 cells at most, however far it is zoomed.
    for (const l of draw(1024, 0)) expect(l.length).toBeLessThanOrEqual(120);
  });
});
