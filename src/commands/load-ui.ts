// Loads the Ink UI, only when a lesson is shown in a terminal: `--help`, `list`, `--plain` and
// `--json` never load React.
import type { UiModule } from './io.js';

/**
 * Imports the UI chunk. Its import instantiates Yoga (Ink's layout engine), an Emscripten build
 * that loads its embedded wasm with `fetch(dataUrl)` whenever `fetch` is a function, and Node's
 * first call to fetch loads its HTTP client: about 30 ms of the lab's first frame. With `fetch`
 * hidden during the import, Yoga decodes the same embedded bytes itself.
 */
export async function loadUi(): Promise<UiModule> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../ui/index.js');
  } finally {
    if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
