// NO_COLOR (https://no-color.org) for the Ink UI. Ink colours through chalk, and chalk reads
// FORCE_COLOR and the terminal's abilities but not NO_COLOR, so the lab applies it here:
// FORCE_COLOR wins when both are set, as it is the more explicit request.
import chalk from 'chalk';

export function applyNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.FORCE_COLOR !== undefined) return;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') chalk.level = 0;
}
