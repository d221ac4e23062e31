// The --json view's byte encoder writes what JSON.stringify writes: numbers (its shortcut for whole
// counts of millionths included), strings that need escaping or are not ASCII, and lines longer
// than its buffer.
import { describe, expect, it } from 'vitest';
import { random } from '../random.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { eventRecord } from '../../src/views/ndjson.js';
import { NdjsonEncoder, numberText } from '../../src/views/ndjson-encoder.js';

describe('numberText', () => {
  it('is what JSON.stringify writes for times, their sums, near misses and anything else', () => {
    const next = random(11);
    const cases: number[] = [0, -0, 1e-6, 1e-7, 5e-7, 0.1, 0.5, 1, 2 ** 30, 2 ** 30 - 1e-6, 2 ** 31, 1e21, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, Number.MAX_VALUE];
    let clock = 0;
    for (let i = 0; i < 200_000; i++) {
      const micros = Math.floor(next() * 4e9);
      // Whole millionths of every size: from 2^33 up, two doubles can be more than a millionth apart.
      const big = Math.floor(next() * 2 ** 52) / 1e6;
      cases.push(micros / 1e6, -micros / 1e6, Math.floor(next() * 1e6) / 1e6, big, big * (1 + next()), Math.floor(next() * 2 ** 20) * 1e3 + 1e-6);
      // A clock read tick by tick drifts off whole millionths, as the simulated clock does.
      clock += 0.000001 * (1 + Math.floor(next() * 1000));
      cases.push(clock, clock + 1e-9, 3600 - clock, next(), next() * 1e6, (next() - 0.5) * 2 ** (Math.floor(next() * 200) - 100));
      const near = micros / 1e6;
      cases.push(near + Number.EPSILON * near, near - Number.EPSILON * near);
    }
    for (const n of cases) if (numberText(n) !== JSON.stringify(n)) expect([n, numberText(n)]).toEqual([n, JSON.stringify(n)]);
  });
});

describe('NdjsonEncoder', () => {
  const line = (event: TraceEvent) => JSON.stringify(eventRecord(event)) + '\n';
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('escapes strings as JSON does: quotes, backslashes, control characters, non-ASCII and lone surrogates', () => {
    const texts = ['plain', 'say "hi"', 'back\\slash', 'tab\tnew\nline\r', '\u0000\u001f\u007f', 'café ☕ 漢字', '😀', '\ud800 lone', 'end \udfff', ''];
    const encoder = new NdjsonEncoder(16);
    let expected = '';
    for (const text of texts) {
      const output: TraceEvent = { type: 'output', stream: 'stdout', thread: 'Thread-1 "x"', text, t: 0.1 + 0.2, instant: 0 };
      const warning: TraceEvent = { type: 'warning', category: 'RuntimeWarning', message: text, thread: 'MainThread', t: 1 / 3 };
      encoder.add(output);
      encoder.add(warning);
      expected += line(output) + line(warning);
    }
    expect(encoder.count).toBe(2 * texts.length);
    expect(decode(encoder.take())).toBe(expected);
  });

  it('writes fields left undefined out, arrays, booleans, null, negative and large numbers, and grows past its buffer', () => {
    const events: TraceEvent[] = [
      { type: 'future_state', loop: 1, future: 2, state: 'FINISHED', result: undefined, exception: 'ValueError: x', thread: 'MainThread', t: 2 ** 40 + 0.5 },
      { type: 'future_callbacks', loop: 1, future: 2, callbacks: ['a()', 'b() at "f.py":3'], thread: 'MainThread', t: 1e-7 },
      { type: 'thread_blocked', name: 'MainThread', on: 'select', until: null, thread: 'MainThread', t: 12.000001 },
      { type: 'timer_ready', loop: 1, handle: 2 ** 31 + 1, lastTo: -2147483648, thread: 'MainThread', t: 3 },
      { type: 'loop_created', loop: -7, debug: true, timeOrigin: 4521.303017, thread: 'MainThread', t: -0 },
      { type: 'note', zh: '说明'.repeat(500), en: 'x'.repeat(5000), thread: 'MainThread', t: Number.POSITIVE_INFINITY },
    ];
    const encoder = new NdjsonEncoder(8);
    for (const event of events) encoder.add(event);
    expect(decode(encoder.take())).toBe(events.map(line).join(''));
    // Taken bytes belong to the caller: writing more does not change them.
    encoder.add(events[0]!);
    const first = encoder.take();
    encoder.add(events[3]!);
    expect(decode(first)).toBe(line(events[0]!));
  });
});
