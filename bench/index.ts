// `npm run bench`: runs every bench/*.bench.ts in name order. Each prints its own table of
// figures measured against a reference run in the same process or the same run (never absolute
// thresholds: machines are shared and noisy).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

for (const name of files) {
  const module = (await import(pathToFileURL(join(here, name)).href)) as { default: () => Promise<void> | void };
  console.log(`\n## ${name.replace(/\.bench\.ts$/, '')}\n`);
  await module.default();
}
