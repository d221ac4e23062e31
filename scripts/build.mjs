// Bundles the CLI into dist/ so the published entry starts fast. The UI (Ink, React) is
// a separate chunk that is only loaded when a lesson is shown in a terminal.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: start from an empty dist/ so old chunks do not pile up.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli.ts'],
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
});
