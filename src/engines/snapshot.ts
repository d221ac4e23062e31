// A memory snapshot of the embedded Python right after it loaded, with the standard-library modules
// the recorder imports and, for the embedded engine, the recorder compiled ahead of time
// (recorder_bytecode.py) (Pyodide's `_makeSnapshot` and `_loadSnapshot` options of loadPyodide):
// starting from it takes a fraction of a fresh load (`npm run bench run-program` measures both).
// The first run of an installation makes it while it loads and goes on running on that same
// interpreter; later runs start from it. It is kept in the user's cache folder ($XDG_CACHE_HOME, or
// ~/.cache, then asyncio-lab/), under a name that carries the Pyodide package's version, Node's and
// a hash of what it holds (one per Pyodide and Node: a new one replaces the others); one that cannot
// be read or loaded is made again. ASYNCIO_LAB_SNAPSHOT=off loads without one.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { PyodideAPI } from 'pyodide';

/**
 * What the snapshot has imported: the modules the recorder imports before any program runs, and
 * `platform`, which loadPython reads the version with (importing it takes Pyodide a good half second).
 */
export const PRELOADED =
  'import platform, asyncio, asyncio.base_events, asyncio.events, asyncio.format_helpers, asyncio.selector_events, asyncio.tasks, asyncio.unix_events, ' +
  'atexit, builtins, collections, concurrent.futures, concurrent.futures.thread, gc, importlib.util, io, json, linecache, math, os, queue, ' +
  'selectors, signal, subprocess, threading, time, traceback, types, warnings, weakref, _thread';

/** What a user of the snapshot adds to it (the embedded engine: the recorder compiled ahead of time). */
export interface SnapshotPreparation {
  /** What it adds, as a part of the snapshot's name (a hash of what it is made from). */
  readonly key: string;
  /** Runs in the interpreter after the preloaded imports, before the snapshot is taken. */
  prepare(pyodide: PyodideAPI): void;
}

/** Where the snapshot of the npm package `specifier` is kept, or undefined when snapshots are off. */
export function snapshotFile(specifier: string, env: NodeJS.ProcessEnv = process.env, key = ''): string | undefined {
  if (env.ASYNCIO_LAB_SNAPSHOT === 'off') return undefined;
  let version: string;
  try {
    const require = createRequire(import.meta.url);
    version = (JSON.parse(readFileSync(require.resolve(`${specifier}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  // What it holds is part of its name: a lab that preloads other modules makes a snapshot of its own.
  const preloaded = createHash('sha256').update(PRELOADED).update(key).digest('hex').slice(0, 8);
  return join(cache, 'asyncio-lab', `pyodide-${version}-node-${process.versions.node}-${preloaded}.snapshot`);
}

/** The snapshot's bytes, or undefined when there is none yet. */
export function readSnapshot(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Keeps a snapshot: written beside and renamed, so a run that reads it never sees half of it. */
export function writeSnapshot(file: string, bytes: Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    dropOlder(file);
  } catch {
    // No cache folder to write in (read-only home): every run loads without a snapshot.
    rmSync(partial, { force: true });
  }
}

/**
 * Drops the snapshots of the same Pyodide and Node made for other contents (an older lab's: about
 * 30 MB each), so that the cache folder keeps one per interpreter.
 */
function dropOlder(file: string): void {
  const folder = dirname(file);
  const name = basename(file);
  const family = name.slice(0, name.lastIndexOf('-') + 1);
  for (const other of readdirSync(folder)) {
    if (other !== name && other.startsWith(family) && other.endsWith('.snapshot')) rmSync(join(folder, other), { force: true });
  }
}

/** Drops a snapshot that could not be loaded (the next run makes it again). */
export function discardSnapshot(file: string): void {
  rmSync(file, { force: true });
}
