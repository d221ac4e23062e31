// Text a program printed, made inert for the lab's screen: a control character would act on the
// terminal (\r overwrites the line, ESC[31m colours the screen, ESC]0; retitles the window), so
// each is drawn as Python's repr() writes it in a string: \t \n \r, else \xNN.
// (--output-only is not the lab: it writes the program's bytes as python3 would.)

// C0 controls, DEL and C1 controls (a terminal takes 0x9b as CSI).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text` with every control character written as a visible escape. */
export function inert(text: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) return text;
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
