// Colour for the non-interactive views. chalk detects terminals and FORCE_COLOR itself but not
// NO_COLOR (https://no-color.org), so the level is decided here, once per output stream.
import { Chalk, type ChalkInstance } from 'chalk';

export interface ColorStream {
  isTTY?: boolean;
}

/** 0 (none) to 3 (truecolor): NO_COLOR wins, then FORCE_COLOR, then whether the stream is a terminal. */
export function colorLevel(stream: ColorStream, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === 'false' || force === '0') return 0;
    if (force === '' || force === 'true') return 1;
    const n = Number.parseInt(force, 10);
    if (Number.isFinite(n)) return Math.max(0, Math.min(3, n)) as 0 | 1 | 2 | 3;
    return 1;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}

/** A chalk instance for writing to `stream`. */
export function chalkFor(stream: ColorStream, env: NodeJS.ProcessEnv): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env) });
}
