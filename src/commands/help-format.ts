// How `--help` is laid out in the chosen language: commander's headings translated, widths counted
// in terminal cells (a CJK character takes two), descriptions wrapped by src/ui/wrap-text.ts (no
// line starting with punctuation) at the terminal's width, and the examples and parts sections
// laid out the same way, so that no line of help is wider than the terminal.
import { Help, type Option } from 'commander';
import type { Lang } from '../scenarios/types.js';
import { cells } from '../ui/format.js';
import { wrapText } from '../ui/wrap-text.js';
import { hw } from './help-words.js';

/** Help is laid out for this width when the output is not a terminal. */
export const DEFAULT_HELP_WIDTH = 80;
/** Narrower than this the description column would be a few characters: it goes under its term. */
const MIN_DESCRIPTION = 24;

const ANSI = /\x1b\[[0-9;]*m/g;
const TITLES = new Set(['Usage:', 'Options:', 'Commands:', 'Arguments:', 'Global Options:']);

/** commander's Help, speaking `lang` and measuring in cells (for `configureHelp`). */
export function helpConfiguration(lang: Lang): Partial<Help> {
  return {
    // commander stops wrapping below 40 columns of description; at 60×18 the options leave about 30.
    minWidthToWrap: MIN_DESCRIPTION / 2,
    styleTitle: (title: string) => (TITLES.has(title) ? hw(title as 'Usage:', lang) : title),
    displayWidth: (text: string) => cells(text.replace(ANSI, '')),
    boxWrap: (text: string, width: number) => wrapText(text, width).join('\n'),
    optionDescription(this: Help, option: Option) {
      const text = Help.prototype.optionDescription.call(this, option);
      return lang === 'zh' ? text.replace(/ \(default: ([^)]*)\)$/, '(默认:$1)') : text;
    },
  };
}

/** A titled section of `term  description` rows, descriptions wrapped within `width`. */
export function helpSection(title: string, rows: readonly (readonly [string, string])[], width: number): string {
  const termWidth = Math.max(...rows.map(([term]) => cells(term)));
  const beside = termWidth + 4 + MIN_DESCRIPTION <= width;
  const lines = ['', title];
  for (const [term, what] of rows) {
    if (beside) {
      const [first = '', ...rest] = wrapText(what, width - termWidth - 4);
      lines.push(`  ${term}${' '.repeat(termWidth - cells(term))}  ${first}`.trimEnd(), ...rest.map((l) => ' '.repeat(termWidth + 4) + l));
    } else {
      lines.push(...wrapText(term, width - 2).map((l) => `  ${l}`), ...wrapText(what, width - 6).map((l) => `      ${l}`));
    }
  }
  return lines.join('\n') + '\n';
}

/** The Examples section: `$ command` and what it shows. */
export function examplesSection(rows: readonly (readonly [string, string])[], lang: Lang, width: number): string {
  return helpSection(hw('examples', lang), rows.map(([command, what]) => [`$ ${command}`, what] as const), width);
}

