// The plain view opens with what the lesson tells the learner: what to watch, every changed line
// with its reason, the article's errors, and the documented Ctrl+C moments; never in the
// program's own output (--output-only, --json).
import { describe, expect, it } from 'vitest';
import { findLessonById, lessons } from '../../src/scenarios/index.js';
import { cli } from './harness.js';

function introOf(stdout: string): string[] {
  return stdout.slice(0, stdout.indexOf('\n\n')).split('\n');
}

describe('the lesson intro in the plain view', () => {
  const stopWait = findLessonById('stop-wait')!;

  it('names the lesson, what to watch, each changed line and why, the errata and the Ctrl+C moments', async () => {
    const run = await cli(['stop', 'wait', '--plain'], { lessons });
    const intro = introOf(run.stdout);
    expect(intro[0]).toBe(`» ${stopWait.title.en}`);
    for (const step of stopWait.explanation.en.split('\n')) expect(intro).toContain(`»   ${step}`);
    for (const change of stopWait.corrected!.changes) {
      const line = intro.find((l) => l.startsWith(`»   line ${change.line}: `));
      expect(line).toContain(`${change.was.trim()}  →  `);
      expect(intro[intro.indexOf(line!) + 1]).toBe(`»     ${change.why.en}`);
    }
    for (const erratum of stopWait.errata) expect(intro).toContain(`»   - ${erratum.en}`);
    for (const moment of stopWait.interrupts) expect(intro).toContain(`»   - ${moment.at} s (--interrupt-at ${moment.at}): ${moment.what.en}`);
  });

  it("says when the article's program runs as written, and speaks Chinese with --lang zh", async () => {
    expect(introOf((await cli(['stop', 'wait', '--plain', '--as-written'], { lessons })).stdout)).toContain("» This is the article's program as written; the corrected one changes these lines:");
    const zh = introOf((await cli(['stop', 'wait', '--plain', '--lang', 'zh'], { lessons })).stdout);
    expect(zh[0]).toBe(`» ${stopWait.title.zh}`);
    expect(zh).toContain('» 何时按 Ctrl+C:');
  });

  it("shows a variant's own title and explanation", async () => {
    const daemon = findLessonById('threads-daemon')!.variants.find((v) => v.id === 'daemon')!;
    const intro = introOf((await cli(['threads', 'daemon', '--variant', 'daemon', '--plain'], { lessons })).stdout);
    expect(intro[0]).toBe(`» ${daemon.title.en}`);
    expect(intro).toContain(`»   ${daemon.explanation.en.split('\n')[0]}`);
  });

  it('is not part of --output-only or --json', async () => {
    expect((await cli(['stop', 'wait', '--output-only'], { lessons })).stdout).not.toContain('»');
    const json = (await cli(['stop', 'wait', '--json'], { lessons })).stdout;
    expect(json.split('\n')[0]).toMatch(/^\{"type":/);
  });
});
