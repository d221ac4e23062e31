// Bundles the CLI into dist/ so the published entry starts fast. The UI (Ink, React) is
// a separate chunk that is only loaded when a lesson is shown in a terminal.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  sourcemap: true,
  logLevel: 'warning',
});
