// Python exceptions as the simulated process raises them. Mirrors the builtin hierarchy that
// asyncio relies on (asyncio/exceptions.py and the builtins): the difference between
// BaseException and Exception matters, because Handle._run and Task.__step catch Exception-like
// errors but let KeyboardInterrupt and SystemExit through.
//
// Every class carries its Python name (`pyName`), so tracebacks and reprs read as CPython's:
// `RuntimeError: This event loop is already running`.
import { callAnchors, callOpenParen } from './carets.js';
import { getRealm } from './realm.js';
import { repr, str, tuple } from './repr.js';
import { stdlibLocation } from './python-version.js';

/** One frame of a simulated traceback. */
export interface PyFrame {
  file: string;
  line: number;
  name: string;
  /** The source line's text, shown under the frame as CPython does. */
  text?: string;
  /** 3.11's caret line under `text` (e.g. `~^~`), without indentation, when CPython shows one. */
  marker?: string;
}

export class PyBaseException extends Error {
  /** The Python class name shown to learners. */
  static pyName = 'BaseException';
  /** The class's module when it is not builtins: a traceback's last line names it (`asyncio.exceptions.CancelledError`). */
  static pyModule: string | undefined = undefined;
  /** Python's `args`. */
  readonly args: readonly unknown[];
  /** Set when raised while handling another exception ("During handling of the above exception..."). */
  __context__: PyBaseException | null = null;
  /** Set by `raise ... from ...`. */
  __cause__: PyBaseException | null = null;
  /** `raise ... from None` sets this to hide the context. */
  __suppress_context__ = false;
  /** Simulated frames, outermost first, when the raiser knows them. */
  frames: PyFrame[] = [];

  constructor(...args: unknown[]) {
    super(args.length > 0 ? String(args[0]) : '');
    this.args = args;
    this.name = (this.constructor as typeof PyBaseException).pyName;
    getRealm().onExceptionMade?.(this);
  }

  /** The Python class name. */
  get pyName(): string {
    return (this.constructor as typeof PyBaseException).pyName;
  }

  /** `isinstance(self, cls)`. */
  is(cls: abstract new (...args: never[]) => PyBaseException): boolean {
    return this instanceof cls;
  }
}

export class PyException extends PyBaseException {
  static override pyName = 'Exception';
}

export class KeyboardInterrupt extends PyBaseException {
  static override pyName = 'KeyboardInterrupt';
}

export class SystemExit extends PyBaseException {
  static override pyName = 'SystemExit';
}

export class GeneratorExit extends PyBaseException {
  static override pyName = 'GeneratorExit';
}

export class RuntimeError extends PyException {
  static override pyName = 'RuntimeError';
}

export class StopIteration extends PyException {
  static override pyName = 'StopIteration';
}

export class ValueError extends PyException {
  static override pyName = 'ValueError';
}

export class TypeError extends PyException {
  static override pyName = 'TypeError';
}

export class AttributeError extends PyException {
  static override pyName = 'AttributeError';
}

/** LookupError: the base of KeyError and IndexError; ContextVar.get raises it. */
export class LookupError extends PyException {
  static override pyName = 'LookupError';
}

export class KeyError extends LookupError {
  static override pyName = 'KeyError';
}

export class IndexError extends LookupError {
  static override pyName = 'IndexError';
}

export class ZeroDivisionError extends PyException {
  static override pyName = 'ZeroDivisionError';
}

/** Builtin TimeoutError; since 3.11 asyncio.TimeoutError is this class. */
export class TimeoutError extends PyException {
  static override pyName = 'TimeoutError';
}

/** asyncio.CancelledError: a BaseException since 3.8, so `except Exception` does not catch it. */
export class CancelledError extends PyBaseException {
  static override pyName = 'CancelledError';
  static override pyModule = 'asyncio.exceptions';
}

/** asyncio.InvalidStateError. */
export class InvalidStateError extends PyException {
  static override pyName = 'InvalidStateError';
  static override pyModule = 'asyncio.exceptions';
}

/** queue.Empty. */
export class QueueEmpty extends PyException {
  static override pyName = 'Empty';
}

/**
 * concurrent.futures.CancelledError: its own class since 3.8, an Exception (`except Exception`
 * catches it), not asyncio's, and a traceback names its module.
 */
export class FuturesCancelledError extends PyException {
  static override pyName = 'CancelledError';
  static override pyModule = 'concurrent.futures._base';
}

/** concurrent.futures.InvalidStateError, likewise not asyncio's. */
export class FuturesInvalidStateError extends PyException {
  static override pyName = 'InvalidStateError';
  static override pyModule = 'concurrent.futures._base';
}

/** concurrent.futures.TimeoutError is the builtin TimeoutError since 3.11. */
export const FuturesTimeoutError = TimeoutError;

/** True for exceptions that `except Exception` catches (everything but KeyboardInterrupt, SystemExit, CancelledError...). */
export function isException(error: unknown): boolean {
  return !(error instanceof PyBaseException) || error instanceof PyException;
}

/** True for the two exceptions that event-loop machinery must never swallow. */
export function isExitException(error: unknown): boolean {
  return error instanceof KeyboardInterrupt || error instanceof SystemExit;
}

/**
 * Wraps whatever JS threw as a Python exception: a PyBaseException is returned as is; a JS error
 * (a bug in a simulated program, e.g. a TypeError) becomes a Python exception of the same name.
 */
export function toPyException(error: unknown): PyBaseException {
  if (error instanceof PyBaseException) return error;
  if (error instanceof Error) {
    const wrapped = new PyException(error.message);
    wrapped.name = error.name;
    Object.defineProperty(wrapped, 'pyName', { value: error.name });
    wrapped.stack = error.stack;
    return wrapped;
  }
  return new PyException(String(error));
}

/** `str(exc)`: the message as Python prints it after the colon (KeyError shows its key's repr, as CPython does). */
export function excStr(error: PyBaseException): string {
  if (error.args.length === 0) return '';
  if (error.args.length === 1) return error instanceof KeyError ? repr(error.args[0]) : str(error.args[0]);
  return repr(tuple(...error.args));
}

/** The last line of a traceback: `RuntimeError: message`, or just `KeyboardInterrupt` when there is no message. */
export function excLine(error: PyBaseException): string {
  const message = excStr(error);
  return message === '' ? error.pyName : `${error.pyName}: ${message}`;
}

/**
 * The last line of a traceback (`traceback.format_exception_only`): the class named with its module
 * unless that is builtins, `asyncio.exceptions.CancelledError` where a repr says `CancelledError()`.
 */
export function tracebackExcLine(error: PyBaseException): string {
  // A class's own module (`__module__`), not one inherited from the class it extends.
  const cls = error.constructor as typeof PyBaseException;
  const module = Object.hasOwn(cls, 'pyModule') ? cls.pyModule : undefined;
  const line = excLine(error);
  return module === undefined ? line : `${module}.${line}`;
}

// ── traceback.format_exception ──────────────────────────────────────────────

/**
 * 3.13+ carets under a line that is one call statement, `callee(args)`, executing as a whole: 3.11
 * and 3.12 show none when the expression is the whole line, but 3.13's traceback.py shows a call's
 * anchors anyway (`_should_show_carets`: anchors, which a call always has, make the carets worth
 * showing), `~` under the callee and `^` under the parenthesized arguments. An assignment to a name
 * or a `return` of such a call keeps none (the same function's exception), and so does anything
 * that is not a plain call statement here.
 */
function wholeLineCallMarker(text: string): string | undefined {
  const open = callOpenParen(text);
  const callee = text.slice(0, open);
  if (open <= 0 || !/^[A-Za-z_][\w.]*$/.test(callee) || callee === 'return') return undefined;
  return callAnchors(text, open);
}

/**
 * `traceback.format_list`: the `File "...", line N, in name` lines with their source text and
 * carets. `carets: false` for stacks extracted without positions (asyncio's `source_traceback`,
 * `walk_stack`'s frame and line only), which no version underlines.
 */
export function formatFrames(frames: readonly PyFrame[], { carets = true }: { carets?: boolean } = {}): string[] {
  const lines: string[] = [];
  const python = getRealm().python;
  for (const frame of frames) {
    const shown = stdlibLocation(python, frame.file, frame.line);
    lines.push(`  File "${shown.file}", line ${shown.line}, in ${frame.name}`);
    if (frame.text !== undefined) {
      const text = frame.text.trim();
      lines.push(`    ${text}`);
      const marker = !carets ? undefined : frame.marker ?? (python.callAnchors ? wholeLineCallMarker(text) : undefined);
      if (marker !== undefined) lines.push(`    ${marker}`);
    }
  }
  return lines;
}

/**
 * `traceback.format_exception(exc)` as lines (no trailing newlines): the chain of causes and
 * contexts first, then `Traceback (most recent call last):`, the frames, and `ExcType: message`.
 * An exception with no known frames prints only its last line, as CPython does for one without a traceback.
 */
export function formatException(error: PyBaseException, seen: Set<PyBaseException> = new Set()): string[] {
  seen.add(error);
  const lines: string[] = [];
  if (error.__cause__ && !seen.has(error.__cause__)) {
    lines.push(...formatException(error.__cause__, seen), '', 'The above exception was the direct cause of the following exception:', '');
  } else if (error.__context__ && !error.__suppress_context__ && !seen.has(error.__context__)) {
    lines.push(...formatException(error.__context__, seen), '', 'During handling of the above exception, another exception occurred:', '');
  }
  if (error.frames.length > 0) lines.push('Traceback (most recent call last):', ...formatFrames(error.frames));
  lines.push(tracebackExcLine(error));
  return lines;
}
