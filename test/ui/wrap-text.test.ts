// Wrapping by terminal cells: CJK characters take two cells and may break anywhere, but no line
// starts with closing punctuation or ends with an opening bracket (kinsoku); nothing exceeds the width.
import { describe, expect, it } from 'vitest';
import { cells } from '../../src/ui/format.js';
import { wrapText } from '../../src/ui/wrap-text.js';

const NO_START = /^[，。、：；！？）」』】》”,.;:!?)]/;

describe('wrapText', () => {
  it('breaks Latin text at spaces, within the width', () => {
    expect(wrapText('the timer heap releases by deadline', 16)).toEqual(['the timer heap', 'releases by', 'deadline']);
  });

  it('counts CJK characters as two cells', () => {
    const lines = wrapText('定时器堆按截止时间释放', 10);
    expect(lines).toEqual(['定时器堆按', '截止时间释', '放']);
    for (const line of lines) expect(cells(line)).toBeLessThanOrEqual(10);
  });

  it('never starts a line with closing punctuation: the character before comes down with it', () => {
    // Width 8 = four CJK characters; the comma would start line 2.
    expect(wrapText('一二三四，五六七八。', 8)).toEqual(['一二三', '四，五六', '七八。']);
    expect(wrapText('一二三四五六七八。', 8)).toEqual(['一二三四', '五六七', '八。']);
    expect(wrapText('run call_later(0.1), then', 20)).toEqual(['run call_later(0.1),', 'then']);
  });

  it('never ends a line with an opening bracket', () => {
    expect(wrapText('一二三（四五）', 8)).toEqual(['一二三', '（四五）']);
  });

  it('keeps every line of mixed text within the width and without leading punctuation, at every width', () => {
    const text = '按 ? 看这一课讲什么、文章哪里错了、何时按 Ctrl+C;空格播放,→ 单步。run_until_complete() 在 future 完成时停止循环:它的完成回调 _run_until_complete_cb 调用 loop.stop()。';
    // From the longest word's width up (a narrower line has to cut words, see below).
    for (let width = 26; width <= 80; width++) {
      const lines = wrapText(text, width, '  ');
      for (const line of lines) {
        expect(cells(line), `width ${width}: ${line}`).toBeLessThanOrEqual(width);
        expect(line.trimStart(), `width ${width}`).not.toMatch(NO_START);
      }
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('keeps CJK prose within the width and without leading punctuation down to four cells', () => {
    const text = '按 ? 看这一课讲什么、文章哪里错了、何时按 Ctrl+C；空格播放，→ 单步。「定时器」（堆）按截止时间释放。';
    for (let width = 8; width <= 80; width++) {
      for (const line of wrapText(text, width)) {
        expect(cells(line), `width ${width}: ${line}`).toBeLessThanOrEqual(width);
        expect(line, `width ${width}`).not.toMatch(NO_START);
        expect(line, `width ${width}`).not.toMatch(/[（「]$/);
      }
    }
  });

  it('indents the lines after the first, keeps line breaks, and cuts a word wider than the line', () => {
    expect(wrapText('aaa bbb ccc\nddd', 8, '  ')).toEqual(['aaa bbb', '  ccc', 'ddd']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
