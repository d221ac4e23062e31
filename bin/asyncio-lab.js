#!/usr/bin/env node
// The executable entry: runs the bundled CLI (built by `npm run build`, which `npm ci` runs).
import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('error: asyncio-lab is not built; run `npm run build` first\n');
    process.exit(1);
  }
  throw error;
});
