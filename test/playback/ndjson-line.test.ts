// The NDJSON line of an event, built directly for speed, is the text of its record (type first,
// its fields, thread, t) as JSON.stringify writes it, for every event of every lesson.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { eventLine, eventRecord } from '../../src/views/ndjson.js';

describe('eventLine', () => {
  it('is JSON.stringify(eventRecord(event)) for every event of every lesson', () => {
    let n = 0;
    for (const lesson of lessons) {
      for (const r of [lesson, ...lesson.variants]) {
        for (const debug of [false, true]) {
          for (const e of r.run({ asWritten: false, debug, interrupts: lesson.interrupts.map((i) => i.at), until: lesson.defaultUntil }).events) {
            expect(eventLine(e)).toBe(JSON.stringify(eventRecord(e)));
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});
