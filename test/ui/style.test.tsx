// Rows styled with one SGR sequence per change of style: Ink must end with exactly the cells chalk's
// per-segment styling gives, and no colour must be written when chalk has none.
import chalk from 'chalk';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Seg } from '../../src/ui/components/Lines.js';
import { styled } from '../../src/ui/style.js';

const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

/** The row as chalk styles it, one segment at a time (what the lab wrote before). */
function chalkStyled(segs: readonly Seg[]): string {
  return segs
    .map((seg) => {
      let style = seg.color ? chalk[seg.color] : chalk;
      if (seg.bold) style = style.bold;
      if (seg.dim) style = style.dim;
      if (seg.inverse) style = style.inverse;
      return seg.color || seg.bold || seg.dim || seg.inverse ? style(seg.text) : seg.text;
    })
    .join('');
}

const row: Seg[] = [
  { text: '▶ 4 ', color: 'cyan', bold: true },
  { text: 'print(3)', inverse: true },
  { text: '  ' },
  { text: 'Task ', dim: true },
  { text: 'Task-1 ', bold: true },
  { text: 'Task-2 ', bold: true },
  { text: '', color: 'red' },
  { text: 'PENDING', color: 'yellow', bold: true, dim: true },
  { text: '│', color: 'cyan', inverse: true },
  { text: ' = 1', color: 'green' },
  { text: ' ' },
];

describe('styled', () => {
  it('gives Ink the same cells as styling each segment with chalk', () => {
    chalk.level = 1;
    const ours = render(<Text>{styled(row)}</Text>).lastFrame();
    expect(ours).toBe(render(<Text>{chalkStyled(row)}</Text>).lastFrame());
    expect(ours).toContain('\x1b[33m'); // coloured at all: PENDING is yellow
  });

  it('writes one sequence where the style changes and none between neighbours of the same style', () => {
    chalk.level = 1;
    expect(styled([{ text: 'a', bold: true }, { text: 'b', bold: true }, { text: 'c' }, { text: 'd', color: 'red', dim: true }])).toBe('\x1b[1mab\x1b[0mc\x1b[31;2md\x1b[0m');
  });

  it('writes no escape sequence at all when chalk has no colour (NO_COLOR)', () => {
    chalk.level = 0;
    expect(styled(row)).toBe(row.map((seg) => seg.text).join(''));
  });
});
