// loadUi hides `fetch` while the UI chunk loads, so that Yoga (Ink's layout engine) decodes its
// embedded wasm itself instead of making Node load its HTTP client for a data: URL. Checked in a
// fresh process, where Yoga is not loaded yet.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Loads the UI in a new process whose `fetch` is a spy (`hideFetch`: through loadUi, else by a plain import). */
function loadInFreshProcess(hideFetch: boolean): { fetchCalls: number; restored: boolean; ui: string } {
  const script = `
    let calls = 0;
    const spy = () => { calls += 1; return Promise.reject(new Error('offline')); };
    Object.defineProperty(globalThis, 'fetch', { value: spy, configurable: true, writable: true });
    const ui = ${hideFetch ? `await (await import('./src/commands/load-ui.ts')).loadUi()` : `await import('./src/ui/index.tsx')`};
    console.log(JSON.stringify({ fetchCalls: calls, restored: globalThis.fetch === spy, ui: typeof ui.runLab }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { fetchCalls: number; restored: boolean; ui: string };
}

describe('loadUi', () => {
  it('loads the UI without fetch, then puts fetch back', () => {
    expect(loadInFreshProcess(true)).toEqual({ fetchCalls: 0, restored: true, ui: 'function' });
  });

  it('is needed: a plain import of the UI makes Yoga call fetch', () => {
    expect(loadInFreshProcess(false).fetchCalls).toBe(1);
  });
});
