// Loading a scenario of your own from its file: a JavaScript module imported as it is, a TypeScript
// one through tsx (a development dependency of the lab, so it is there after `npm ci` in a checkout).
// The CLI loads it to read its title and source; the simulation's worker thread loads it again to run it.
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ScenarioError, scenarioLesson } from './custom.js';
import type { Lesson } from './types.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

/** The first line of what went wrong while loading, without a stack. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!;
}

async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  if (!TYPESCRIPT.has(extname(path))) return import(url);
  let tsImport: (specifier: string, parent: string) => Promise<unknown>;
  try {
    // A variable specifier keeps the bundler from pulling tsx into the lab's own bundle.
    const api = 'tsx/esm/api';
    ({ tsImport } = (await import(api)) as { tsImport: typeof tsImport });
  } catch {
    throw new ScenarioError('a TypeScript scenario needs tsx (npm install tsx); or write it as a JavaScript module (.mjs)');
  }
  return tsImport(url, import.meta.url);
}

/** Loads a scenario file as a lesson; every problem is a one-line ScenarioError. */
export async function loadScenario(file: string): Promise<Lesson> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ScenarioError('no such file');
  if (!statSync(path).isFile()) throw new ScenarioError('not a file');
  const ext = extname(path);
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext)) throw new ScenarioError(`expected a JavaScript or TypeScript module (.mjs, .js, .ts), got '${ext || 'no extension'}'`);
  let module: { default?: unknown };
  try {
    module = (await importModule(path)) as { default?: unknown };
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(`it failed to load: ${firstLine(error)}`);
  }
  // tsx hands a CommonJS-compiled module's exports over as `default` once more.
  let exported = module.default;
  if (typeof exported === 'object' && exported !== null && 'default' in exported && !('program' in exported)) exported = (exported as { default: unknown }).default;
  return scenarioLesson(exported, basename(path, ext));
}
