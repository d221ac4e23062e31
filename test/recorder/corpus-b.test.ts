// The second half of the corpus (see corpus.ts); the halves run in parallel.
import { describe } from 'vitest';
import { corpusTests, PROGRAMS } from './corpus.js';

describe('the corpus, second half', () => {
  corpusTests(PROGRAMS.slice(Math.ceil(PROGRAMS.length / 2)));
});
