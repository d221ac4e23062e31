// What the lessons' simulated runs add for the UI: `line` events that point at real statements of
// the source the learner is shown, and notes in both languages.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { PythonSource, RunOptions, RunResult } from '../../src/scenarios/types.js';

interface Case {
  name: string;
  source: PythonSource;
  run: () => RunResult;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const lesson of lessons) {
    const interrupts = lesson.interrupts.map((m) => m.at);
    const options = (asWritten: boolean): RunOptions => ({ asWritten, debug: false, interrupts, until: lesson.defaultUntil });
    out.push({ name: `${lesson.id} (as written)`, source: lesson.asWritten, run: () => lesson.run(options(true)) });
    if (lesson.corrected) out.push({ name: `${lesson.id} (corrected)`, source: lesson.corrected, run: () => lesson.run(options(false)) });
    for (const variant of lesson.variants) {
      out.push({ name: `${lesson.id} --variant ${variant.id}`, source: variant.source, run: () => variant.run(options(false)) });
    }
  }
  return out;
}

describe.each(cases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const result = c.run();
  const lines = c.source.text.split('\n');

  it('marks only lines that hold a statement of the shown source', () => {
    const marked = result.events.flatMap((e) => (e.type === 'line' ? [e.line] : []));
    expect(marked.length).toBeGreaterThan(0);
    for (const n of new Set(marked)) {
      const text = lines[n - 1];
      expect(text, `line ${n}`).toBeDefined();
      expect(text!.trim(), `line ${n}`).not.toBe('');
      expect(text!.trim().startsWith('#'), `line ${n} is a comment: ${text}`).toBe(false);
    }
  });

  it('explains its moments in Chinese and English', () => {
    const notes = result.events.flatMap((e) => (e.type === 'note' ? [e] : []));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(note.en).toMatch(/[A-Za-z]{3}/);
    }
  });

  it('replays identically (the UI steps backwards by re-running)', () => {
    expect(c.run().events).toEqual(result.events);
  });
});
