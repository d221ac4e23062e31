// Checks on what a program wrote to its terminal when it left: the cursor shown again and the
// alternate screen left, after the last time they were hidden/entered.
export const ALT_ON = '\x1b[?1049h';
export const ALT_OFF = '\x1b[?1049l';
export const CURSOR_OFF = '\x1b[?25l';
export const CURSOR_ON = '\x1b[?25h';

export function restoredAtExit(raw: string): { cursorShown: boolean; altScreenLeft: boolean } {
  return {
    cursorShown: raw.lastIndexOf(CURSOR_ON) > raw.lastIndexOf(CURSOR_OFF),
    altScreenLeft: raw.includes(ALT_ON) && raw.lastIndexOf(ALT_OFF) > raw.lastIndexOf(ALT_ON),
  };
}
