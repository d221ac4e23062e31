// Timeline marks drawn from the drawings kept along a lane's chain must be what drawing every mark
// gives, wherever the replay goes (forward, back, jumping), and on any ruler.
import { describe, expect, it } from 'vitest';
import { glyphs, markCells, type Ruler } from '../../src/ui/panels/marks.js';
import { append, type Chain } from '../../src/ui/state/chain.js';
import type { Mark, MarkKind } from '../../src/ui/state/types.js';

const kinds = Object.keys(glyphs) as MarkKind[];

/** Every mark drawn from the newest back, each column taken only by a higher priority: the newest wins a tie. */
function reference(marks: Chain<Mark> | undefined, ruler: Ruler): string {
  const cells: ({ glyph: string; prio: number } | undefined)[] = new Array(ruler.track).fill(undefined);
  const put = (col: number, g: { glyph: string; prio: number }) => {
    if (col >= 0 && col < ruler.track && (!cells[col] || cells[col]!.prio < g.prio)) cells[col] = g;
  };
  for (let c = marks; c; c = c.prev) {
    const m = c.item;
    const from = ruler.x(m.t, m.index);
    const to = m.end === undefined ? from : ruler.x(m.end, m.index);
    if (m.kind === 'busy' && m.end !== undefined) put(from, { glyph: '▐', prio: glyphs.busy.prio });
    for (let col = from; col <= to; col++) put(col, glyphs[m.kind]);
    if (m.race) put(to, { glyph: '≈', prio: 7 });
  }
  return cells.map((c) => c?.glyph ?? ' ').join('');
}

const text = (cells: ReturnType<typeof markCells>) => cells.map((c) => c?.glyph ?? ' ').join('');

function ruler(track: number, end: number): Ruler {
  return { key: `${track}:${end}`, track, x: (t) => Math.round((Math.min(t, end) / end) * (track - 1)) };
}

describe('markCells', () => {
  it('draws what drawing every mark gives, stepping forward, back and jumping, on two rulers', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const links: Chain<Mark>[] = [];
    let chain: Chain<Mark> | undefined;
    for (let i = 0; i < 700; i++) {
      const t = i / 100 + rand() * 0.05;
      const span = rand() < 0.2;
      chain = append(chain, { t, ...(span ? { end: t + rand() * 0.5 } : {}), kind: kinds[Math.floor(rand() * kinds.length)]!, label: '', index: i, ...(rand() < 0.05 ? { race: true } : {}) });
      links.push(chain);
    }
    const order = [...links.keys()].filter((i) => i % 7 === 0);
    const jumps = Array.from({ length: 60 }, () => Math.floor(rand() * links.length));
    for (const r of [ruler(80, 7), ruler(33, 7)]) {
      for (const i of [...order, ...order.reverse(), ...jumps]) expect(text(markCells(links[i], r)), `mark ${i}`).toBe(reference(links[i], r));
    }
  });

  it('gives a fresh array each time, so drawing on it changes no kept drawing', () => {
    let chain: Chain<Mark> | undefined;
    for (let i = 0; i < 130; i++) chain = append(chain, { t: i, kind: 'run', label: '', index: i });
    const r = ruler(40, 130);
    const first = markCells(chain, r);
    first.fill(undefined);
    expect(text(markCells(chain, r))).toBe(reference(chain, r));
  });
});

describe('the timeline of threads threadsafe --interrupt-at 9', () => {
  it('draws the race at 9.0 s, where it happens, and more_work(6) and more_work(3) as two bars from their own starts', async () => {
    const { findLesson } = await import('../../src/scenarios/index.js');
    const { Replay } = await import('../../src/ui/state/replay.js');
    const { timelineLines } = await import('../../src/ui/panels/timeline.js');
    const lesson = findLesson('threads', 'threadsafe')!;
    const { events } = lesson.run({ asWritten: false, debug: false, interrupts: [9], until: lesson.defaultUntil });
    const replay = new Replay(events);
    const state = replay.stateAt(replay.length - 1);
    const width = 120;
    const lines = timelineLines({ state, endTime: replay.endTime, totalEvents: events.length, width, height: 20, title: 'timeline' });
    const lane = lines.map((segs) => segs.map((s) => s.text).join('')).find((l) => l.startsWith('Thread-1'))!;
    expect(lane).toBeDefined();
    // The track follows the label, which takes the same cells on every line (the ruler's first segment).
    const track = lane.slice(lines[0]![0]!.text.length);
    const col = (t: number) => Math.round((t / replay.endTime) * (track.length - 1));
    expect(track[col(9)]).toBe('≈');
    expect(track[col(6)]).toBe('▐');
    expect(track[col(0)]).toBe('▐');
    expect(track.slice(col(0) + 1, col(6))).toMatch(/^█+$/);
  });
});
