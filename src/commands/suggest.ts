// "Did you mean ...?" for parts and variants, in the same spirit and wording as commander's
// suggestion for unknown commands: the closest candidates by edit distance, if close enough.

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Candidates at most 3 edits away and more than 40% alike, the closest ones only. */
export function closest(word: string, candidates: readonly string[]): string[] {
  let best = 4;
  let found: string[] = [];
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(word, candidate);
    const similarity = 1 - distance / Math.max(word.length, candidate.length);
    if (similarity <= 0.4 || distance > best) continue;
    if (distance < best) {
      best = distance;
      found = [];
    }
    found.push(candidate);
  }
  // A prefix is a good guess too ("thread" for "threadsafe").
  if (found.length === 0 && word.length >= 2) found = candidates.filter((c) => c.startsWith(word));
  return found.sort();
}

/** "\n(Did you mean x?)", or "" when nothing is close: appended to an error line, as commander does. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const found = closest(word, candidates);
  if (found.length === 0) return '';
  return `\n(Did you mean ${found.length === 1 ? found[0] : `one of ${found.join(', ')}`}?)`;
}
