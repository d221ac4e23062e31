// The panels' memory (src/ui/remember.ts): the same arguments give the last result without the work
// being done again; any other argument (another object, even an equal one) does the work.
import { describe, expect, it } from 'vitest';
import { rememberLast, rememberPer } from '../../src/ui/remember.js';

describe('rememberLast', () => {
  it('calls again only when an argument changed', () => {
    let calls = 0;
    const lines = rememberLast((state: { n: number }, width: number) => {
      calls++;
      return [`${state.n} at ${width}`];
    });
    const state = { n: 1 };
    const first = lines(state, 80);
    expect(lines(state, 80)).toBe(first);
    expect(calls).toBe(1);
    expect(lines(state, 120)).toEqual(['1 at 120']);
    expect(lines({ n: 1 }, 120)).toEqual(['1 at 120']);
    expect(calls).toBe(3);
  });
});

describe('rememberPer', () => {
  it('calls once per object', () => {
    let calls = 0;
    const need = rememberPer((view: { text: string }) => (calls++, view.text.length));
    const a = { text: 'abc' };
    expect([need(a), need(a), need({ text: 'ab' })]).toEqual([3, 3, 2]);
    expect(calls).toBe(2);
  });
});
