// On which Python versions a lesson's program (the article's, as written) still runs as it does on
// 3.11, where the article was written: derived by running it on the simulation as each version.
import { PYTHON_VERSIONS, type PythonVersion } from '../runtime/python-version.js';
import type { Lesson } from './types.js';

function ending(lesson: Lesson, python: PythonVersion): string {
  const { end } = lesson.run({ asWritten: true, debug: false, interrupts: [], until: lesson.defaultUntil, python });
  return end.kind === 'exit' ? `exit ${end.status}` : 'running';
}

/** The versions on which the article's program ends as it does on 3.11 (3.14 stops most at their first asyncio line). */
export function articleRunsOn(lesson: Lesson): PythonVersion[] {
  const reference = ending(lesson, '3.11');
  return PYTHON_VERSIONS.filter((v) => v === '3.11' || ending(lesson, v) === reference);
}

/** `3.11–3.13`, or a list when the versions are not consecutive. */
export function versionSpan(versions: readonly PythonVersion[]): string {
  if (versions.length === 0) return '-';
  const first = PYTHON_VERSIONS.indexOf(versions[0]!);
  const consecutive = versions.every((v, i) => PYTHON_VERSIONS.indexOf(v) === first + i);
  return consecutive && versions.length > 1 ? `${versions[0]}–${versions.at(-1)}` : versions.join(', ');
}
