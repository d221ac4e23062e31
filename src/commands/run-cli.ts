// Runs the CLI on an argument list and resolves to the exit status. Usage errors (commander's and
// ours) exit 2 with one `error: ...` line; anything unexpected prints one `error:` line and exits 1
// (the stack only with ASYNCIO_LAB_DEBUG=1).
import { CommanderError } from 'commander';
import type { CliContext } from './io.js';
import { sayCommanderError } from './help-errors.js';
import { buildProgram, helpLang } from './program.js';
import { didYouMean } from './suggest.js';

/** Exit status for a usage error (bad option value, unknown command or part), as POSIX tools use. */
export const USAGE_STATUS = 2;

/** Commander "errors" that are really normal exits. */
const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const { program, exitCode } = buildProgram(ctx, argv);
  // `help <command>` for a command that does not exist: commander would print the root help and
  // succeed; say it is unknown, as for `asyncio-lab bogus`.
  if (argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-')) {
    const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    if (!names.includes(argv[1])) {
      ctx.io.stderr.write(`${sayCommanderError(`error: unknown command '${argv[1]}'${didYouMean(argv[1], names)}`, helpLang(argv, ctx.io.env))}\n`);
      return USAGE_STATUS;
    }
  }
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      if (CLEAN_EXITS.has(error.code)) return 0;
      // Commander has already printed its message; its usage errors use status 1: make them 2.
      // A bare `asyncio-lab <command>` with missing arguments prints help and uses status 1 too.
      return error.exitCode === 0 ? 0 : USAGE_STATUS;
    }
    reportUnexpected(ctx, error);
    return 1;
  }
}

export function reportUnexpected(ctx: CliContext, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  ctx.io.stderr.write(`error: ${message}\n`);
  if (ctx.io.env.ASYNCIO_LAB_DEBUG && error instanceof Error && error.stack) ctx.io.stderr.write(`${error.stack}\n`);
  else ctx.io.stderr.write('(set ASYNCIO_LAB_DEBUG=1 to see where it happened)\n');
}
