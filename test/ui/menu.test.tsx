// The lesson menu: every lesson with its variants under it, moving with the arrows, opening with
// enter (a lesson or a variant, with the row it sits on), leaving with q.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Menu, type MenuChoice } from '../../src/ui/components/Menu.js';
import { lessons } from '../../src/scenarios/index.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const DOWN = '\x1b[B';
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function pick(keys: string[], row = 0): Promise<{ frame: string; choice: MenuChoice | undefined; chosen: boolean }> {
  let choice: MenuChoice | undefined;
  let chosen = false;
  const app = render(
    <Menu
      lessons={lessons}
      lang="en"
      row={row}
      onChoose={(c) => {
        choice = c;
        chosen = true;
      }}
    />,
  );
  const frame = (app.lastFrame() ?? '').replace(ANSI, '');
  for (const key of keys) {
    await tick();
    const before = app.lastFrame();
    app.stdin.write(key);
    // Wait for an arrow to be drawn before the next key: two keys read as one chunk (a busy
    // machine) would be one unknown sequence to Ink, and the second key would be lost.
    if (key === DOWN) for (let i = 0; i < 100 && app.lastFrame() === before; i++) await tick();
  }
  await tick();
  app.unmount();
  return { frame, choice, chosen };
}

describe('the lesson menu', () => {
  it('lists every lesson and, under it, each variant', async () => {
    const { frame } = await pick([]);
    const rows = frame.split('\n');
    const future = rows.findIndex((r) => r.includes('future ') && r.includes(lessons.find((l) => l.id === 'future')!.title.en));
    expect(rows[future + 1]).toContain('--variant stop-before-run');
    expect(rows[future + 3]).toContain('--variant close-running');
    expect(frame).toContain('--variant daemon');
    expect(rows.filter((r) => /^[▶ ] \S/.test(r))).toHaveLength(lessons.length);
  });

  it('opens the lesson or the variant on the selected row, and starts on the row it is given', async () => {
    const first = await pick(['\r']);
    expect(first.choice?.lesson.id).toBe('call-soon');
    expect(first.choice?.variant).toBeUndefined();
    // call-soon, call-later, call-at, future, then future's first variant.
    const variant = await pick([DOWN, DOWN, DOWN, DOWN, '\r']);
    expect([variant.choice?.lesson.id, variant.choice?.variant?.id, variant.choice?.row]).toEqual(['future', 'stop-before-run', 4]);
    const again = await pick(['\r'], 4);
    expect(again.frame.split('\n').find((r) => r.startsWith('▶'))).toContain('--variant stop-before-run');
    expect(again.choice?.variant?.id).toBe('stop-before-run');
  });

  it('opens the row the arrows reached when Enter follows them at once (typed fast or pasted)', async () => {
    let choice: MenuChoice | undefined;
    const app = render(<Menu lessons={lessons} lang="en" onChoose={(c) => (choice = c)} />);
    await tick();
    await tick();
    app.stdin.write(DOWN);
    app.stdin.write(DOWN);
    app.stdin.write('\r');
    await tick();
    app.unmount();
    expect([choice?.lesson.id, choice?.row]).toEqual(['call-at', 2]);
  });

  it('acts on keys sent in one burst in order, each on the row the one before left', async () => {
    let choice: MenuChoice | undefined;
    const app = render(<Menu lessons={lessons} lang="en" onChoose={(c) => (choice = c)} />);
    await tick();
    // One chunk: down, down, j, k, up, down, down, enter: rows 1, 2, 3, 2, 1, 2, 3 → future.
    app.stdin.write(`${DOWN}${DOWN}jk\x1b[A${DOWN}${DOWN}\r`);
    await tick();
    app.unmount();
    expect([choice?.lesson.id, choice?.variant, choice?.row]).toEqual(['future', undefined, 3]);
  });

  it('marks the lessons and variants already seen, and says how to clear the marks', async () => {
    const app = render(<Menu lessons={lessons} lang="zh" seen={new Set(['call-later', 'future:stop-in-batch'])} onChoose={() => {}} />);
    const rows = (app.lastFrame() ?? '').replace(ANSI, '').split('\n');
    app.unmount();
    expect(rows.filter((r) => r.includes('✓ ')).map((r) => r.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(['call-later ✓', '--variant stop-in-batch', '✓ 已看过(清除标记:asyncio-lab']);
    const fresh = render(<Menu lessons={lessons} lang="en" onChoose={() => {}} />);
    expect(fresh.lastFrame()).not.toContain('✓');
    fresh.unmount();
  });

  it('is left with q, choosing nothing', async () => {
    const left = await pick(['q']);
    expect(left.chosen).toBe(true);
    expect(left.choice).toBeUndefined();
  });
});
