// A scenario of your own: a module whose default export names a Python program and gives the same
// program written against the simulated process. It becomes a Lesson, so every view (the
// interactive lab, --plain, --json) shows it as it shows the article's programs.
//
//   export default {
//     title: 'Two timers, one deadline',            // a string, or { zh, en }
//     explanation: 'What to watch ...',              // optional: a string, or { zh, en }
//     source: { file: 'ties.py', text: '...' },      // the Python program as the learner reads it
//     until: 10,                                     // optional: where to stop watching a run that never ends
//     notes: [{ when: { type: 'handle_cancelled' }, zh: '...', en: '...' }],  // optional: notes.ts
//     *program(py) { ... },                          // the same program on the simulated process
//   };
import type { MainProgram } from '../runtime/process/index.js';
import type { LessonNote } from './notes.js';
import { lessonFrom } from './assemble.js';
import { MAX_UNTIL, type Bilingual, type Lesson, type PythonSource } from './types.js';

/** What a scenario module's default export holds. */
export interface ScenarioDefinition {
  title: string | Bilingual;
  explanation?: string | Bilingual;
  source: PythonSource;
  /** Simulated seconds after which a run that never ends is no longer watched (default 60). */
  until?: number;
  /** Explanations tied to the events they explain (see notes.ts). */
  notes?: LessonNote[];
  program: MainProgram;
}

/** A scenario module that cannot become a lesson; the message says what is wrong in one line. */
export class ScenarioError extends Error {}

/** Lets a scenario written in TypeScript check its own shape: `export default defineScenario({...})`. */
export function defineScenario(definition: ScenarioDefinition): ScenarioDefinition {
  return definition;
}

const DEFAULT_UNTIL = 60;
const EXPECTED = 'export default { title, source: { file, text }, program }';

function bilingual(value: unknown, what: string): Bilingual {
  if (typeof value === 'string') return { zh: value, en: value };
  if (typeof value === 'object' && value !== null) {
    const { zh, en } = value as Partial<Bilingual>;
    if (typeof zh === 'string' && typeof en === 'string') return { zh, en };
  }
  throw new ScenarioError(`${what} must be a string or { zh, en } strings`);
}

function checkNotes(value: unknown): LessonNote[] {
  if (value === undefined) return [];
  const shape = 'notes must be a list of { when: { type, ...fields }, zh, en }';
  if (!Array.isArray(value)) throw new ScenarioError(shape);
  for (const note of value as unknown[]) {
    const { when, zh, en } = (note ?? {}) as Partial<LessonNote>;
    if (typeof when !== 'object' || when === null || typeof when.type !== 'string' || typeof zh !== 'string' || typeof en !== 'string') {
      throw new ScenarioError(shape);
    }
  }
  return value as LessonNote[];
}

function isGeneratorFunction(value: unknown): value is MainProgram {
  return typeof value === 'function' && value.constructor?.name === 'GeneratorFunction';
}

/**
 * Checks a loaded module's default export and makes it a lesson named `id` (the command line shows
 * it as `asyncio-lab run <file>`).
 */
export function scenarioLesson(exported: unknown, id: string): Lesson {
  if (typeof exported !== 'object' || exported === null) throw new ScenarioError(`it has no default export (expected ${EXPECTED})`);
  const definition = exported as Partial<ScenarioDefinition>;
  if (definition.title === undefined) throw new ScenarioError(`its default export has no title (expected ${EXPECTED})`);
  const title = bilingual(definition.title, 'title');
  const source = definition.source;
  if (typeof source !== 'object' || source === null || typeof source.file !== 'string' || typeof source.text !== 'string') {
    throw new ScenarioError('source must be { file, text }: the Python file name tracebacks show and its text');
  }
  if (!isGeneratorFunction(definition.program)) {
    throw new ScenarioError('program must be a generator function (function* (py) { ... }) that runs the Python program on the simulated process');
  }
  const until = definition.until ?? DEFAULT_UNTIL;
  if (typeof until !== 'number' || !Number.isFinite(until) || until < 0) throw new ScenarioError('until must be simulated seconds, a number >= 0');
  if (until > MAX_UNTIL) throw new ScenarioError(`until must be at most ${MAX_UNTIL} simulated seconds (an hour), as --until is; got ${until}`);
  const notes = checkNotes(definition.notes);
  const explanation = definition.explanation === undefined ? { zh: '', en: '' } : bilingual(definition.explanation, 'explanation');
  // The same assembly as a lesson folder's, with the module's one program as the article's.
  return lessonFrom(
    id,
    { command: 'run', title, summary: '', explanation, errata: [], interrupts: [], defaultUntil: until, notes, recordings: [], twin: definition.program },
    { asWritten: { file: source.file, text: source.text }, variants: {} },
  );
}
