// Key g: go to a simulated time typed in seconds, or, with nothing typed, to the lesson's next
// documented Ctrl+C moment. A small line editor (digits and one point), pure, so the controller
// can keep what is typed in its state.

/** What a key does to the time being typed: new text, go, or cancel. */
export type TypedKey = { text: string } | 'go' | 'cancel' | undefined;

/** The longest time one can type (in characters): enough for hours with milliseconds. */
const MAX_CHARS = 9;

export function typeTimeKey(text: string, input: string, key: { return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean; ctrl?: boolean }): TypedKey {
  if (key.return || input === '\r' || input === '\n') return 'go';
  if (key.escape || (key.ctrl && input === 'c')) return 'cancel';
  if (key.backspace || key.delete || input === '\x7f' || input === '\b') return { text: text.slice(0, -1) };
  if (/^[0-9]$/.test(input) && text.length < MAX_CHARS) return { text: text + input };
  if ((input === '.' || input === ',') && !text.includes('.') && text.length < MAX_CHARS) return { text: `${text === '' ? '0' : text}.` };
  return undefined;
}

/** The typed time in seconds, or undefined when nothing (or only a point) was typed. */
export function typedSeconds(text: string): number | undefined {
  if (!/[0-9]/.test(text)) return undefined;
  const t = Number(text);
  return Number.isFinite(t) ? t : undefined;
}

/** The first documented Ctrl+C moment strictly after `t` (a moment shown already is behind us). */
export function nextMoment(moments: readonly number[], t: number): number | undefined {
  return [...moments].sort((a, b) => a - b).find((m) => m > t + 1e-9);
}
