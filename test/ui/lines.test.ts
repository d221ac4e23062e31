// Rows as Ink gets them: cut to the width, panels aligned by inner padding, no padding at the end
// (Ink would only measure it), and a blank row still one row high.
import { describe, expect, it } from 'vitest';
import { beside, styledRows } from '../../src/ui/components/Lines.js';

describe('styledRows', () => {
  it('cuts to the width, keeps the padding between panels and drops it at the end', () => {
    const rows = styledRows(beside([[{ text: 'left' }]], 8, [{ text: '│' }], [[{ text: 'right' }]], 10, 1), 30);
    expect(rows).toEqual(['left    │right']);
    expect(styledRows([[{ text: 'x'.repeat(40) }]], 10)[0]).toBe(`${'x'.repeat(9)}…`);
  });

  it('keeps a blank row one space wide, so Ink does not fold it away', () => {
    expect(styledRows([[{ text: 'a' }], [], [{ text: '   ' }]], 20, 4)).toEqual(['a', ' ', ' ', ' ']);
  });
});
