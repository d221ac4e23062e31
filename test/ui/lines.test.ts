// Rows as Ink gets them: cut to the width, panels aligned by inner padding, no padding at the end
// (Ink would only measure it), and a blank row still one row high.
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { beside, styledRows } from '../../src/ui/components/Lines.js';
import { cells } from '../../src/ui/format.js';

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

describe('cells', () => {
  it("counts wide characters as string-width (and so Ink) does, beyond the lessons' own text", () => {
    for (const text of ['call_soon 方法', '查看：任务', '🚀 launch', 'ｱｲｳ', '한국어', '─│·▪▸■❚≈↑▶…']) expect(cells(text)).toBe(stringWidth(text));
  });
});
