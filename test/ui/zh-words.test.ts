// Every word the lab writes on a Chinese screen is Chinese: every lesson's screens in zh (the
// What to watch card, every step at both levels, the ? overlay) may show English only where it is
// code or Python's own: the program's source, what the trace carries (reprs, callbacks, task and
// thread names, printed output), Python's words (PENDING, TimerHandle, KeyboardInterrupt...) and
// calls (`select(0.100)`). Any other English word is the lab's own, left untranslated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON_VERSION } from '../../src/runtime/python-version.js';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { helpMaxScroll, type ScreenProps, screenLines } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { wordsAt } from '../../src/ui/learner/index.js';
import { watchSection } from '../../src/ui/learner/watch.js';
import { programOf } from '../../src/ui/program.js';
import { noteFor } from '../../src/ui/state/notes.js';
import type { Level } from '../../src/ui/state/replay.js';

/** Python's and asyncio's own words, and names a Chinese text keeps as they are. */
const PYTHON = new Set([
  'PENDING', 'FINISHED', 'CANCELLED', 'Task', 'Future', 'Handle', 'TimerHandle', 'Python', 'CPython', 'Ctrl', 'MainThread', 'Thread',
  'KeyboardInterrupt', 'RuntimeError', 'CancelledError', 'DeprecationWarning', 'ResourceWarning', 'Traceback', 'None', 'True', 'False',
  'select', 'epoll', 'heappop', 'heapq', 'asyncio', 'future', 'futures', 'concurrent', 'threading', 'queue', 'coroutine', 'callback',
  'debug', 'stop', 'Esc', 'Enter', 'space', 'learner', 'exact', 'FUTURE', 'TASK', 'repr', 'traceback',
  // asyncio's states and words as the article writes them, discussed in the Chinese text.
  'task', 'pending', 'running', 'done', 'cancelled',
  // Python's keywords, flags and signals, and names.
  'def', 'async', 'await', 'try', 'except', 'finally', 'raise', 'return', 'yield', 'import', 'lambda', 'dev', 'SIGINT', 'Pyodide', 'WebAssembly',
]);
/** Python's exceptions and warnings, by their names. */
const EXCEPTION = /(Error|Warning|Exception|Interrupt|Exit)$/;

/**
 * Words of the lab's own English on `text`: runs of letters that are not part of code (no _ . ( < =
 * - / around them), outside quotes and outside parentheses holding code (no Chinese in them).
 */
function englishWords(text: string): string[] {
  let prose = text.replace(/"[^"\u2e80-\uffff]*"|“[^”\u2e80-\uffff]*”|'[^'\u2e80-\uffff]*'/g, ' ');
  // A call's arguments go; the call stays one (`cancel()(sleep() …` reads `cancel(`).
  for (let before = ''; before !== prose; ) [before, prose] = [prose, prose.replace(/\([^()\u2e80-\uffff]*\)/g, '(')];
  // A word cut at the end of a row (…) is a piece of something longer.
  return [...prose.matchAll(/(?<![\w.<>=\/\\'"-])[A-Za-z]{3,}(?![\w.(<>=\/'"…-])/g)].map((m) => m[0]).filter((w) => !EXCEPTION.test(w));
}

/**
 * Python's own messages in the lesson's Chinese texts, whose words are Python's: inside quotes, and
 * after an exception's name (`AttributeError: type object '_asyncio.Task' has no attribute ...`).
 */
function quotedWords(texts: readonly string[]): string[] {
  const messages = texts.flatMap((t) => [...t.matchAll(/"([^"]*)"|“([^”]*)”|(?:Error|Warning|Exception): ([^\u2e80-\uffff]*)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? ''));
  return messages.flatMap((m) => m.match(/[A-Za-z]+/g) ?? []);
}

/**
 * Every word the lesson's program and trace hold: its code, and the string values of its events
 * (reprs, callbacks, names, printed output; not the events' field names or types).
 */
function ownWords(events: readonly unknown[], source: string): Set<string> {
  const out = new Set<string>(PYTHON);
  const add = (text: string) => {
    for (const m of text.matchAll(/(?<!_)[A-Za-z]+(?!_)/g)) out.add(m[0]);
  };
  add(source);
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (key !== 'type') add(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(events);
  return out;
}

function* screens(lesson: Lesson, level: Level, quoted: Set<string>): Generator<{ where: string; rows: string[]; events: readonly unknown[]; source: string }> {
  const program = programOf(lesson, undefined, 'zh');
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: lesson.interrupts.slice(0, 1).map((m) => m.at), until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level }, 0);
  const intro = program.intro(false, 'zh', DEFAULT_PYTHON_VERSION);
  const source = `${program.source(false, 'zh').text}\n${program.source(true, 'zh').text}`;
  const events = lab.replay.kept;
  const props = (extra: Partial<ScreenProps>): ScreenProps => {
    const state = lab.replay.stateAt(lab.step);
    const words = wordsAt(lab.replay, lab.step);
    return {
      width: 120, height: 36, lang: 'zh', id: program.id, title: program.title, source: program.source(false, 'zh'), state, event: lab.replay.eventAt(lab.step),
      ...(words ? { words } : {}), level, note: noteFor(lab.replay, lab.step), t: state.t, step: lab.step, steps: lab.replay.length,
      endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false, intro,
      ...(program.panels ? { panels: program.panels } : {}), ...extra,
    };
  };
  const rows = (p: ScreenProps) => (screenLines(p) ?? []).map(lineText);
  for (const w of quotedWords(intro.map((l) => l.text))) quoted.add(w);
  yield { where: 'what to watch', rows: rows(props({ watch: watchSection(intro) })), events, source };
  for (let step = 0; step < lab.replay.length; step++) {
    yield { where: `${level} step ${step + 1}`, rows: rows(props({})), events, source };
    if (step < lab.replay.length - 1) lab = update(lab, { type: 'step' }, 0);
  }
  const max = helpMaxScroll(props({}));
  for (let scroll = 0; scroll <= max; scroll += 10) yield { where: `? scrolled ${scroll}`, rows: rows(props({ help: true, helpScroll: scroll })), events, source };
}

describe('a Chinese screen', () => {
  it.each(lessons.map((l) => [l.id, l] as const))('%s: no English word of the lab\'s own', (_id, lesson) => {
    const left = new Map<string, string>();
    for (const level of ['learner', 'exact'] as const) {
      let own: Set<string> | undefined;
      const quoted = new Set<string>();
      for (const { where, rows, events, source } of screens(lesson, level, quoted)) {
        own ??= new Set([...ownWords(events, source), ...quoted]);
        for (const row of rows) for (const word of englishWords(row)) if (!own.has(word) && !left.has(word)) left.set(word, `${where}: ${row.trim()}`);
      }
    }
    expect([...left].map(([word, at]) => `${word}  ← ${at}`)).toEqual([]);
  });
});
