// warnings.warn as the simulated process shows it: `FILE:LINE: Category: message` and the source
// line under it, on stderr, once per (place, message) as the default filter does, plus a `warning`
// trace event. The default filters (PEP 565): DeprecationWarning is shown when the code that
// triggers it is in __main__ (the program's own file) and ignored elsewhere; ResourceWarning and
// PendingDeprecationWarning are ignored. Dev mode (`python -X dev`, the lab's debug option) shows all.
import { runningCoroutine } from '../coroutines.js';
import type { SourceFiles } from './frames.js';
import type { ProcessOutput } from './output.js';
import type { Kernel } from './kernel.js';

const HIDDEN_BY_DEFAULT = new Set(['DeprecationWarning', 'PendingDeprecationWarning', 'ResourceWarning', 'ImportWarning']);

export class Warnings {
  private readonly shown = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly output: ProcessOutput,
    private readonly sources: SourceFiles,
    private readonly devMode: boolean,
    /** The program's file: code there is `__main__`. */
    private readonly mainFile: string,
  ) {}

  warn(category: string, message: string): void {
    // The innermost Python frame: the running coroutine's, else the thread's.
    const thread = this.kernel.current;
    const coro = runningCoroutine();
    const frame = coro?.file !== undefined ? { file: coro.file, line: coro.line } : thread.stack[thread.stack.length - 1];
    const inMain = frame?.file === this.mainFile;
    if (!this.devMode && HIDDEN_BY_DEFAULT.has(category) && !(category === 'DeprecationWarning' && inMain)) return;
    const where = frame === undefined ? this.kernel.realm.python.noFrameWarningPlace : `${frame.file}:${frame.line}`;
    const key = `${where}|${category}|${message}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    this.kernel.emit({ type: 'warning', category, message });
    const text = frame === undefined ? undefined : this.sources.line(frame.file, frame.line);
    this.output.stderrLines(text === undefined ? [`${where}: ${category}: ${message}`] : [`${where}: ${category}: ${message}`, `  ${text}`]);
  }

  /**
   * A warning raised at exit, where CPython names the place (`sys:1` when no Python frame runs) but
   * shows no source line; still once per (place, message), as the default filter does.
   */
  warnAtExit(where: string, category: string, message: string): void {
    if (HIDDEN_BY_DEFAULT.has(category) && !this.devMode) return;
    const key = `${where}|${category}|${message}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    this.kernel.emit({ type: 'warning', category, message });
    this.output.stderrLines([`${where}: ${category}: ${message}`]);
  }

  /** A warning raised where Python has no source line to show (e.g. from a finalizer at exit). */
  warnUnlocated(category: string, message: string, lines: readonly string[]): void {
    if (HIDDEN_BY_DEFAULT.has(category) && !this.devMode) return;
    this.kernel.emit({ type: 'warning', category, message });
    this.output.stderrLines(lines);
  }
}
