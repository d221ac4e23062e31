// asyncio-lab's entry point: wires the real process into the commands and exits with their status.
// The Ink UI is a dynamic import, so `--help`, `list`, `--plain` and `--json` never load React.
import pkg from '../package.json' with { type: 'json' };
import { loadUi } from './commands/load-ui.js';
import { processIO } from './commands/process-io.js';
import { reportUnexpected, runCli } from './commands/run-cli.js';
import { lessons } from './scenarios/index.js';

// Piping into `head` closes stdout early: stop quietly, as a well-behaved filter does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const ctx = { lessons, io: processIO(loadUi), version: pkg.version };

try {
  process.exitCode = await runCli(process.argv.slice(2), ctx);
} catch (error) {
  reportUnexpected(ctx, error);
  process.exitCode = 1;
}
