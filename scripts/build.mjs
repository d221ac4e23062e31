// Bundles the CLI into dist/ so the published entry starts fast. The UI (Ink, React) is
// a separate chunk that is only loaded when a lesson is shown in a terminal; the simulation's worker
// thread is an entry of its own (dist/simulation-worker.js, beside the chunk that starts it).
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const result = await build({
  // The embedded Python's runner is a process of its own (src/recorder/embedded.ts starts it).
  entryPoints: { cli: 'src/cli.ts', 'simulation-worker': 'src/playback/simulation-worker.ts', 'embedded-runner': 'src/engines/embedded-runner.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled too: loading Ink and React from node_modules as separate CommonJS
  // modules costs Node several hundred milliseconds before the lab's first frame (measured in
  // bench/ui.bench.ts). react-devtools-core is Ink's optional development-only import.
  external: ['react-devtools-core'],
  // React's production builds only (the development ones check and profile every render).
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS dependencies call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __asyncioLabRequire } from 'node:module'; const require = __asyncioLabRequire(import.meta.url);" },
  jsx: 'automatic',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
});

// Chunk names carry content hashes: remove the chunks of earlier builds so they do not pile up.
// (Files are overwritten in place, never removed first: tests may run the CLI while it rebuilds.)
const written = new Set(Object.keys(result.metafile.outputs).map((file) => relative('dist', file)));
for (const name of readdirSync('dist')) if (!written.has(name)) rmSync(join('dist', name));
