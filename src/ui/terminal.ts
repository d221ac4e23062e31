// Taking over the terminal and always giving it back. The lab draws on the alternate screen with
// the cursor hidden and stdin in raw mode; whatever way the process ends (q, Ctrl+C, an uncaught
// error, SIGTERM/SIGHUP, the terminal or the output pipe going away) the cursor is shown again, the
// alternate screen is left and raw mode is turned off.
import { writeSync } from 'node:fs';

export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
const CLEAR = '\x1b[2J\x1b[H';

export interface TakenTerminal {
  /** Gives the terminal back (idempotent). */
  restore(): void;
  /** Wipes the screen (after a resize, before the next full frame). */
  clear(): void;
}

const SIGNALS = { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 } as const;

export function takeTerminal(stdout: NodeJS.WriteStream = process.stdout, stdin: NodeJS.ReadStream = process.stdin): TakenTerminal {
  let restored = false;
  const write = (text: string) => {
    try {
      // Synchronous: the sequences must be out before the process exits.
      const fd = (stdout as { fd?: unknown }).fd;
      if (typeof fd === 'number') writeSync(fd, text);
      else stdout.write(text);
    } catch {
      // The terminal is gone (EPIPE/EIO): nothing left to restore on it.
    }
  };
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    process.off('exit', restore);
    process.off('uncaughtException', onUncaught);
    stdout.off('error', onStreamError);
    stdin.off('error', onStreamError);
  };
  const signalHandlers = Object.entries(SIGNALS).map(([signal, n]) => {
    const handler = () => {
      restore();
      process.exit(128 + n);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const onUncaught = (error: unknown) => {
    restore();
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
  // The output pipe or the terminal went away (EPIPE on a closed pipe, EIO on a closed pty).
  const onStreamError = (error: NodeJS.ErrnoException) => {
    restore();
    process.exit(error.code === 'EPIPE' || error.code === 'EIO' ? 0 : 1);
  };
  process.on('exit', restore);
  process.on('uncaughtException', onUncaught);
  stdout.on('error', onStreamError);
  stdin.on('error', onStreamError);
  write(ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR);
  // Raw mode at once, not when Ink gets round to it: keys pressed before the first frame would
  // otherwise wait in the terminal's line buffer (and be echoed over the screen).
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
  } catch {
    // not a terminal after all
  }
  return { restore, clear: () => write(CLEAR) };
}
