// The first half of the corpus (see corpus.ts); the halves run in parallel.
import { describe, expect, it } from 'vitest';
import { corpusTests, PROGRAMS } from './corpus.js';

describe('the corpus, first half', () => {
  it('has at least 40 programs', () => {
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(40);
  });
  corpusTests(PROGRAMS.slice(0, Math.ceil(PROGRAMS.length / 2)));
});
