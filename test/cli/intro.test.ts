// The plain view opens with what the lesson tells the learner: what to watch, every changed line
// with its reason, the article's errors, and the documented Ctrl+C moments; never in the
// program's own output (--output-only, --json).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON_VERSION } from '../../src/runtime/python-version.js';
import { atVersion, versionedText } from '../../src/scenarios/by-version.js';
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
      // A line the corrected program adds where the article's was blank shows as `+ new line`.
      expect(line).toContain(change.was.trim() === '' ? '+ ' : `${change.was.trim()}  →  `);
      expect(intro[intro.indexOf(line!) + 1]).toBe(`»     ${versionedText(change.why, DEFAULT_PYTHON_VERSION).en}`);
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

  it('says, for the chosen --python, what the article\'s program does there and why each line changes there, in both languages', async () => {
    const callSoon = findLessonById('call-soon')!;
    const change = callSoon.corrected!.changes[0]!;
    for (const [python, says, why] of [
      ['3.11', 'Runs as the article shows', '3.11: '],
      ['3.13', 'call-soon.py:16: DeprecationWarning: There is no current event loop', '3.12 and 3.13: '],
      ['3.14', "Stops at line 16: \"RuntimeError: There is no current event loop in thread 'MainThread'.\"", '3.14 on: '],
      ['3.15', 'Stops at line 16', '3.14 on: '],
    ] as const) {
      const intro = introOf((await cli(['call-soon', '--plain', '--as-written', '--python', python], { lessons })).stdout);
      const heading = intro.indexOf(`» The article's program on Python ${python}:`);
      expect(heading, python).toBeGreaterThan(0);
      expect(intro[heading + 1], python).toContain(says);
      expect(intro[heading + 1]).toBe(`»   ${atVersion(callSoon.asWrittenOn!, python).en}`);
      const line = intro.findIndex((l) => l.startsWith(`»   line ${change.line}: `));
      expect(intro[line + 1], python).toBe(`»     ${versionedText(change.why, python).en}`);
      expect(intro[line + 1], python).toContain(why);
    }
    const zh = introOf((await cli(['call-soon', '--plain', '--python', '3.14', '--lang', 'zh'], { lessons })).stdout);
    expect(zh).toContain('» 文章原文的程序在 Python 3.14 上:');
    expect(zh).toContain(`»   ${atVersion(callSoon.asWrittenOn!, '3.14').zh}`);
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
