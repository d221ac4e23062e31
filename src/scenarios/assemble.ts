// A lesson from what a person wrote (define.ts) and the programs in its folder (folders.ts); custom
// scenarios (`asyncio-lab run file.mjs`) are made the same way from their one module.
import type { MainProgram } from '../runtime/process/index.js';
import type { LessonDefinition, Twin } from './define.js';
import type { LessonFiles } from './folders.js';
import { markUnordered, runOn } from './run.js';
import type { Versioned } from './by-version.js';
import type { Lesson, LessonVariant, PythonSource, RunOptions, RunResult, SourceChange } from './types.js';

/**
 * The lines `corrected` changes in `asWritten`, with what they were and why (`why` by line number).
 * A correction replaces lines one for one, so line numbers agree between the two programs. A changed
 * line without a why gets an empty one (a test requires every one to be written).
 */
export function changedLines(asWritten: string, corrected: string, why: Record<number, Versioned> = {}): SourceChange[] {
  const before = asWritten.split('\n');
  const after = corrected.split('\n');
  if (before.length !== after.length) throw new Error(`a corrected program must change lines one for one: ${after.length} lines for the article's ${before.length}`);
  return after.flatMap((line, i) => (line === before[i] ? [] : [{ line: i + 1, was: before[i]!, why: why[i + 1] ?? { zh: '', en: '' } }]));
}

/** The program a twin runs for this choice of as-written or corrected. */
function program(twin: Twin, asWritten: boolean): MainProgram {
  return twin.constructor?.name === 'GeneratorFunction' ? (twin as MainProgram) : (twin as (asWritten: boolean) => MainProgram)(asWritten);
}

export function lessonFrom(id: string, def: LessonDefinition, files: LessonFiles): Lesson {
  const variants: LessonVariant[] = Object.entries(def.variants ?? {}).map(([variantId, v]) => {
    const source: PythonSource | undefined = files.variants[variantId];
    if (source === undefined) throw new Error(`lesson ${id}: variant '${variantId}' has no program in variants/${variantId}/`);
    return {
      id: variantId,
      title: v.title,
      explanation: v.explanation,
      source,
      notes: v.notes,
      run: (options: RunOptions) => runOn(v.twin, source, options, v.notes),
    };
  });
  const corrected = files.corrected && { ...files.corrected, changes: changedLines(files.asWritten.text, files.corrected.text, def.corrections) };
  return {
    id,
    command: def.command,
    ...(def.part === undefined ? {} : { part: def.part }),
    title: def.title,
    explanation: def.explanation,
    asWritten: files.asWritten,
    ...(corrected ? { corrected } : {}),
    errata: def.errata,
    ...(def.asWrittenOn === undefined ? {} : { asWrittenOn: def.asWrittenOn }),
    interrupts: def.interrupts,
    defaultUntil: def.defaultUntil,
    notes: def.notes,
    ...(def.panels === undefined ? {} : { panels: def.panels }),
    ...(def.keyToken === undefined ? {} : { keyToken: def.keyToken }),
    variants,
    run(options: RunOptions): RunResult {
      const source = options.asWritten || !corrected ? files.asWritten : corrected;
      const twin = program(def.twin, options.asWritten);
      if (!def.unordered) return runOn(twin, source, options, def.notes);
      const unordered = markUnordered(options, def.unordered);
      return unordered.mark(runOn(twin, source, unordered.options, def.notes));
    },
  };
}
