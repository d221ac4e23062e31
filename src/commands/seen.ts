// Which lessons the learner has opened, kept between sessions in the user's config folder
// ($XDG_CONFIG_HOME/asyncio-lab/seen.json, else ~/.config/asyncio-lab/seen.json) so the menu can
// mark them. A mark is a convenience, never a reason to fail: when the folder cannot be read or
// written (read-only home, no HOME at all) nothing is written and nothing is reported.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'seen.json';

/** The config folder the marks live in, or undefined when there is no home to put it in. */
export function configDir(env: NodeJS.ProcessEnv): string | undefined {
  // The XDG spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'asyncio-lab');
  // HOME from the injected environment only (not os.homedir()): no HOME, no marks.
  return env.HOME ? join(env.HOME, '.config', 'asyncio-lab') : undefined;
}

/** The key a lesson (or one of its variants) is marked under: `future`, `future:stop-in-batch`. */
export function seenKey(lessonId: string, variantId?: string): string {
  return variantId ? `${lessonId}:${variantId}` : lessonId;
}

/** The marks kept so far (none when the file is missing, unreadable or not ours). */
export function readSeen(env: NodeJS.ProcessEnv): Set<string> {
  const dir = configDir(env);
  if (!dir) return new Set();
  try {
    const data: unknown = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
    const seen = (data as { seen?: unknown } | null)?.seen;
    return new Set(Array.isArray(seen) ? seen.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Adds `key` to the marks; returns the marks as they now are (unchanged when nothing could be written). */
export function markSeen(env: NodeJS.ProcessEnv, key: string): Set<string> {
  const seen = readSeen(env);
  if (seen.has(key)) return seen;
  const dir = configDir(env);
  if (!dir) return seen;
  const next = new Set([...seen, key]);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, FILE), JSON.stringify({ seen: [...next].sort() }, null, 2) + '\n');
    return next;
  } catch {
    return seen;
  }
}

/** Forgets every mark. True when there is nothing left (also when there was nothing to forget). */
export function resetSeen(env: NodeJS.ProcessEnv): boolean {
  const dir = configDir(env);
  if (!dir) return true;
  try {
    rmSync(join(dir, FILE), { force: true });
    return true;
  } catch {
    return false;
  }
}
