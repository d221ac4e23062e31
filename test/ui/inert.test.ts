// What a program prints is drawn inert in the lab: control characters as Python's repr writes
// them, so \r, ESC[31m or ESC]0;title never act on the terminal.
import { describe, expect, it } from 'vitest';
import { lineText } from '../../src/ui/components/Lines.js';
import { inert } from '../../src/ui/inert.js';
import { outputLines } from '../../src/ui/panels/output.js';
import { foldEvents } from '../../src/ui/state/reduce.js';
import type { TraceEvent } from '../../src/runtime/trace.js';

describe('inert output', () => {
  it('writes control characters as repr escapes', () => {
    expect(inert('a\rb')).toBe('a\\rb');
    expect(inert('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(inert('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(inert('tab\there\x7f\x9b')).toBe('tab\\there\\x7f\\x9b');
    expect(inert('中文 plain')).toBe('中文 plain');
  });

  it('draws the OUTPUT panel with no control character in it', () => {
    const printed: TraceEvent = { type: 'output', stream: 'stdout', text: 'progress\r\x1b[31mred\x1b]0;owned\x07', t: 0, thread: 'MainThread' };
    const text = outputLines(foldEvents([printed]), 'en', 5).map(lineText).join('\n');
    expect(text).toContain('progress\\r\\x1b[31mred\\x1b]0;owned\\x07');
    expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)).toBe(false);
  });
});
