// The runtime is a library of its own: nothing in src/runtime may import the UI, the commands,
// the views, the lessons, the Python engines (Pyodide), or the terminal libraries they use.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const runtimeDir = join(import.meta.dirname, '../../src/runtime');
const forbidden = [/^react/, /^ink/, /^chalk/, /^commander/, /^pyodide/, /^py31\d/, /\/engines\//, /\/ui\//, /\/commands\//, /\/views\//, /\/scenarios\//, /^\.\.\/(\.\.\/)*(ui|commands|views|scenarios|engines)/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push(match[1] ?? match[2]!);
  }
  return specifiers;
}

describe('runtime layering', () => {
  it('finds the runtime sources', () => {
    expect(sourceFiles(runtimeDir).length).toBeGreaterThan(0);
  });

  it('imports nothing from the layers above it or from terminal libraries', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(runtimeDir)) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (forbidden.some((pattern) => pattern.test(specifier))) {
          offences.push(`${relative(runtimeDir, file)} imports ${specifier}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
