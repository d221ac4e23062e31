// warnings.warn as the simulated process shows it: `FILE:LINE: Category: message` and the source
// line under it, on stderr, once per (place, message) as the default filter does, plus a `warning`
// trace event. DeprecationWarning and ResourceWarning are ignored by default and shown in dev mode
// (`python -X dev`), which is what the lab's debug option stands for.
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
  ) {}

  warn(category: string, message: string): void {
    if (HIDDEN_BY_DEFAULT.has(category) && !this.devMode) return;
    const thread = this.kernel.current;
    const frame = thread.stack[thread.stack.length - 1];
    const where = frame === undefined ? 'sys:1' : `${frame.file}:${frame.line}`;
    const key = `${where}|${category}|${message}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    this.kernel.emit({ type: 'warning', category, message });
    const text = frame === undefined ? undefined : this.sources.line(frame.file, frame.line);
    this.output.stderrLines(text === undefined ? [`${where}: ${category}: ${message}`] : [`${where}: ${category}: ${message}`, `  ${text}`]);
  }

  /** A warning raised where Python has no source line to show (e.g. from a finalizer at exit). */
  warnUnlocated(category: string, message: string, lines: readonly string[]): void {
    if (HIDDEN_BY_DEFAULT.has(category) && !this.devMode) return;
    this.kernel.emit({ type: 'warning', category, message });
    this.output.stderrLines(lines);
  }
}
