// The runtime benches time the runtime as the lab's build compiles it (scripts/build.mjs: esbuild,
// names not kept), not as tsx does. tsx keeps every function's and class's name (esbuild's
// keepNames: a class gets its `name` redefined when it is made), and under it the runtime's task
// steps ran four times slower than in the built lab (measured: 10,000 tasks x 100 sleep(0), about
// 1,300 ms against 300 ms; the bare model 300 ms against 170 ms), which is not what a learner runs.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Bundles bench/<name>.bench.ts beside it (so its import.meta.dirname is still bench/), runs
 * `use` with the bundle's URL, and removes the bundle afterwards.
 */
export async function withBundle<T>(name: string, use: (url: string) => Promise<T>): Promise<T> {
  const outfile = join(here, `.${name}.bench.bundle.mjs`);
  await build({ entryPoints: [join(here, `${name}.bench.ts`)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  try {
    return await use(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
