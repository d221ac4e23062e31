// Option values: parsing (each bad value is a usage error, exit status 2) and defaults.
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_BUDGETS, type Budgets } from '../playback/budgets.js';
import { DEFAULT_PYTHON_VERSION, PYTHON_VERSIONS, type PythonVersion, isPythonVersion } from '../runtime/python-version.js';
import { MAX_UNTIL, type Lang } from '../scenarios/types.js';
import { helpWords, hw } from './help-words.js';
import { optionErrors as why } from './option-errors.js';
import type { Bilingual } from '../ui/i18n.js';

/**
 * The Python a lesson runs as unless `--python` says otherwise: the runtime's default, 3.14 (every
 * lesson's corrected program runs on it; the article's, as written, stops where 3.14 does).
 */
export const LAB_PYTHON: PythonVersion = DEFAULT_PYTHON_VERSION;

/** A refused value: commander says which option and value, this says why, in `lang`. */
function refused(words: Bilingual, lang: Lang): InvalidArgumentError {
  return new InvalidArgumentError(words[lang]);
}

/** `--python 3.11|3.12|3.13|3.14|3.15`. */
export function parsePython(value: string, lang: Lang = 'en'): PythonVersion {
  if (isPythonVersion(value)) return value;
  throw refused(why.python(PYTHON_VERSIONS.join(', ')), lang);
}

/** Slower than this a second of simulated time takes over a day to watch: surely a typo. */
export const MIN_SPEED = 1e-4;
/** Faster than this pacing means nothing any more (a day of simulated time per millisecond). */
export const MAX_SPEED = 1e8;

/** `--speed`: a number from MIN_SPEED to MAX_SPEED. */
export function parseSpeed(value: string, lang: Lang = 'en'): number {
  const n = parseNumber(value);
  if (n === undefined || n <= 0) throw refused(why.positive, lang);
  if (n < MIN_SPEED || n > MAX_SPEED) throw refused(why.speed(MIN_SPEED, MAX_SPEED), lang);
  return n;
}

export { MAX_UNTIL };

/** `--max-instant-events`, `--max-events`: a whole number of events, at least 1. */
export function parseCount(value: string, lang: Lang = 'en'): number {
  const n = parseNumber(value.replaceAll('_', ''));
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) throw refused(why.count(2 ** 31 - 1), lang);
  return n;
}

/** `--max-memory`: megabytes of heap for the simulation, from 64. */
export function parseMegabytes(value: string, lang: Lang = 'en'): number {
  const n = parseNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 64 || n > 65536) throw refused(why.megabytes, lang);
  return n;
}

/** The budgets a run's flags ask for (the defaults where not given). */
export function budgetsOf(flags: LessonFlags): Budgets {
  return {
    instantEvents: flags.maxInstantEvents ?? DEFAULT_BUDGETS.instantEvents,
    events: flags.maxEvents ?? DEFAULT_BUDGETS.events,
    memoryMb: flags.maxMemory ?? DEFAULT_BUDGETS.memoryMb,
  };
}

/** `--until`: simulated seconds, a finite number from 0 to MAX_UNTIL. */
export function parseSeconds(value: string, lang: Lang = 'en'): number {
  const n = parseNumber(value);
  if (n === undefined || n < 0) throw refused(why.seconds, lang);
  if (n > MAX_UNTIL) throw refused(why.tooLate(MAX_UNTIL), lang);
  return n;
}

/** `--interrupt-at 1.5,3` (and repeated `--interrupt-at`): simulated times, accumulated and sorted. */
export function parseInterrupts(value: string, previous: number[] | undefined, lang: Lang = 'en'): number[] {
  const times = value.split(',').map((part) => {
    const n = parseNumber(part.trim());
    if (n === undefined || n < 0) throw refused(why.moments(part.trim()), lang);
    if (n > MAX_UNTIL) throw refused(why.momentTooLate(MAX_UNTIL, part.trim()), lang);
    return n;
  });
  return [...(previous ?? []), ...times].sort((a, b) => a - b);
}

/** `--max-cpu`: wall seconds a recorded program may compute without waiting, from 0.1 to an hour. */
export function parseCpuSeconds(value: string, lang: Lang = 'en'): number {
  const n = parseNumber(value);
  if (n === undefined || n < 0.1 || n > 3600) throw refused(why.cpuSeconds, lang);
  return n;
}

/** `--interrupt-after-event 120,4000`: indexes of a recording's events (from 0), accumulated and sorted. */
export function parseEventIndexes(value: string, previous: number[] | undefined, lang: Lang = 'en'): number[] {
  const indexes = value.split(',').map((part) => {
    const text = part.trim();
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw refused(why.eventIndexes(text), lang);
    return Number(text);
  });
  return [...(previous ?? []), ...indexes].sort((a, b) => a - b);
}

/** `--lang zh|en`. */
export function parseLang(value: string, said: Lang = 'en'): Lang {
  const lang = value.toLowerCase();
  if (lang === 'zh' || lang === 'en') return lang;
  throw refused(why.lang, said);
}

/** The language from the locale: LC_ALL, then LC_MESSAGES, then LANG (the first one set); zh if it starts with zh. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** True when CI is set to anything but an explicit no. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function parseNumber(text: string): number | undefined {
  // Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The options every lesson command takes, as parsed by commander. */
export interface LessonFlags {
  asWritten?: boolean;
  variant?: string;
  speed: number;
  instant?: boolean;
  step?: boolean;
  plain?: boolean;
  outputOnly?: boolean;
  verbose?: boolean;
  json?: boolean;
  interruptAt?: number[];
  /** `--interrupt-after-event` (`run program.py` only): indexes of the recording's events. */
  interruptAfterEvent?: number[];
  until?: number;
  debug?: boolean;
  lang?: Lang;
  /** `--python` (commander fills in the default). */
  python?: PythonVersion;
  maxInstantEvents?: number;
  maxEvents?: number;
  maxMemory?: number;
}

/** Declares the lesson options on a command, their help in `lang`. */
export function lessonOptions(variants: readonly string[], lang: Lang = 'en'): Option[] {
  const variantHelp = variants.length > 0 ? helpWords.variantOf(variants.join(' | '))[lang] : hw('noVariant', lang);
  return [new Option('--as-written', hw('asWritten', lang)), new Option('--variant <id>', variantHelp), ...viewOptions(lang)];
}

/** The options of any run, a lesson's or a scenario of your own: how to watch it, when to press Ctrl+C. */
export function viewOptions(lang: Lang = 'en'): Option[] {
  return [
    new Option('--speed <factor>', hw('speed', lang)).default(1).argParser((v) => parseSpeed(v, lang)),
    new Option('--instant', hw('instant', lang)).conflicts(['speed', 'step']),
    new Option('--step', hw('step', lang)).conflicts(['json']),
    new Option('--plain', hw('plain', lang)),
    new Option('--output-only', hw('outputOnly', lang)).conflicts(['verbose']),
    new Option('--verbose', hw('verbose', lang)),
    new Option('--json', hw('json', lang)).conflicts(['plain', 'outputOnly', 'verbose', 'speed']),
    new Option('--interrupt-at <s[,s...]>', hw('interruptAt', lang)).argParser((v, previous: number[] | undefined) => parseInterrupts(v, previous, lang)),
    new Option('--until <s>', hw('until', lang)).argParser((v) => parseSeconds(v, lang)),
    new Option('--debug', hw('debug', lang)),
    new Option('--python <version>', helpWords.python(PYTHON_VERSIONS.join(' | '))[lang]).default(LAB_PYTHON).argParser((v) => parsePython(v, lang)),
    new Option('--lang <lang>', hw('lang', lang)).argParser((v) => parseLang(v, lang)),
    new Option('--max-instant-events <n>', helpWords.maxInstantEvents(DEFAULT_BUDGETS.instantEvents)[lang]).argParser((v) => parseCount(v, lang)),
    new Option('--max-events <n>', helpWords.maxEvents(DEFAULT_BUDGETS.events)[lang]).argParser((v) => parseCount(v, lang)),
    new Option('--max-memory <MB>', helpWords.maxMemory(DEFAULT_BUDGETS.memoryMb)[lang]).argParser((v) => parseMegabytes(v, lang)),
  ];
}
