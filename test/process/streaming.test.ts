// A streamed run hands out the same events, race marks included, as a run that keeps its trace,
// and keeps none of them itself.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import type { RunOptions } from '../../src/scenarios/types.js';

const runs = lessons.flatMap((lesson) => [
  { name: lesson.id, run: (o: RunOptions) => lesson.run(o), until: lesson.defaultUntil, at: lesson.interrupts.map((i) => i.at) },
  ...lesson.variants.map((v) => ({ name: `${lesson.id} --variant ${v.id}`, run: (o: RunOptions) => v.run(o), until: lesson.defaultUntil, at: [] as number[] })),
]);

describe('streamed runs', () => {
  it.each(runs.map((r) => [r.name, r] as const))('%s: the same events as a kept trace', (_name, r) => {
    for (const interrupts of [[], ...r.at.map((t) => [t])]) {
      const options: RunOptions = { asWritten: false, debug: false, interrupts, until: r.until };
      const kept = r.run(options);
      const streamed: TraceEvent[] = [];
      const result = r.run({ ...options, sink: { event: (e) => streamed.push(e) } });
      expect(result.events).toEqual([]);
      expect(result.end).toEqual(kept.end);
      expect(streamed).toEqual(kept.events);
    }
  });

  it('marks races in a streamed run as in a kept one', () => {
    const marked = runs.filter((r) => r.run({ asWritten: false, debug: false, interrupts: [], until: r.until }).events.some((e) => e.race));
    expect(marked.length).toBeGreaterThan(0);
  });

  it('stops when asked, and interrupts at a time given during the run', () => {
    const stopWait = lessons.find((l) => l.id === 'stop-wait')!;
    let control: { stop(): void; interrupt(t: number): void } | undefined;
    const seen: TraceEvent[] = [];
    let pressed = false;
    const end = stopWait.run({
      asWritten: false,
      debug: false,
      interrupts: [],
      until: 60,
      sink: {
        attach: (c) => (control = c),
        event: (e) => seen.push(e),
        beforeAdvance: (t) => {
          if (t >= 1 && !pressed) {
            pressed = true;
            control!.interrupt(1.5);
          }
        },
      },
    }).end;
    const offline = stopWait.run({ asWritten: false, debug: false, interrupts: [1.5], until: 60 });
    expect(seen).toEqual(offline.events);
    expect(end).toEqual(offline.end);
  });
});
