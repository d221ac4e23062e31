// `npm run bench`: runs every bench/*.bench.ts in name order. Each prints its own table of
// figures measured against a reference run in the same process or the same run (never absolute
// thresholds: machines are shared and noisy).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withBundle } from './bundled.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

/** The benches that time the runtime itself: they run bundled as the lab's build bundles it (bundled.ts). */
const RUNTIME_BENCHES = new Set(['runtime', 'floor']);

for (const name of files) {
  const stem = name.replace(/\.bench\.ts$/, '');
  console.log(`\n## ${stem}\n`);
  const run = async (url: string) => ((await import(url)) as { default: () => Promise<void> | void }).default();
  if (RUNTIME_BENCHES.has(stem)) await withBundle(stem, run);
  else await run(pathToFileURL(join(here, name)).href);
}
