// Coroutine objects. Mirrors what CPython's asyncio/coroutines.py needs of them (`iscoroutine`,
// `_format_coroutine`) and the coroutine object's own protocol (send / throw / close, cr_frame).
//
// A simulated coroutine is a JS generator: `yield* fut` awaits, a bare `yield` is `sleep(0)`.
// `asyncDef(name, function* (...) {...}, { file, line })` plays `async def name(...)`: calling it
// makes a Coroutine that carries the Python name and, when known, where it is defined and the line
// it stands at, so a task's repr reads `coro=<do_some_work() running at stop-wait.py:6>`.
//
// A Coroutine is its own iterator, so `const r = yield* coro` awaits it directly; every resumption
// goes through it, which is how it knows it is running and which coroutine `setLine` addresses.
import { warnDeprecated } from './deprecations.js';
import { GeneratorExit, RuntimeError, ValueError } from './exceptions.js';
import { stdlibLocation } from './python-version.js';
import { getRealm } from './realm.js';
import { pyAddress, repr } from './repr.js';

const NO_ARGS: readonly unknown[] = [];

/** What a task steps: a Coroutine, or any plain generator. */
export type CoroutineLike<T = unknown> = Generator<unknown, T, unknown>;

export interface CoroutineOptions {
  /** File shown in reprs (`stop-wait.py`). Without it, reprs show just the name, as for builtins. */
  file?: string;
  /** Line of the `async def` (co_firstlineno). */
  line?: number;
  /** `__qualname__` when it differs from the name (`main.<locals>.task_1`). */
  qualname?: string;
  /** Told when a coroutine of this `async def` gets its frame back and gives it up (the process's source pointer). */
  frames?: FrameHooks;
}

/**
 * What a program that follows its frames (the simulated process) is told as a coroutine is resumed
 * (its frame becomes the innermost, at the line it stands at) and suspended or finished. `thrown`:
 * the exception a resumption raises where the coroutine stands.
 */
export interface FrameHooks {
  enter(coro: Coroutine<unknown>, thrown?: unknown): void;
  leave(coro: Coroutine<unknown>): void;
}

/** The coroutines being resumed right now, innermost last. */
const running: Coroutine<unknown>[] = [];

/**
 * What every coroutine of one `async def` shares, as CPython's share their code object (`cr_code`):
 * the names and where it is defined. One object per asyncDef, so a coroutine carries one field for
 * them instead of four (a `sleep(0)` makes a coroutine per call).
 */
export interface CoroutineCode {
  readonly name: string;
  readonly qualname: string;
  readonly file: string | undefined;
  readonly firstLine: number;
  readonly frames: FrameHooks | undefined;
}

export class Coroutine<T = unknown> implements Generator<unknown, T, unknown> {
  /** The line the coroutine stands at (f_lineno): starts at the `async def` line; lessons move it with `setLine`. */
  line: number;
  /** 'created' (never resumed), 'suspended', 'running', 'closed' (returned, raised or closed: no frame). */
  state: 'created' | 'suspended' | 'running' | 'closed' = 'created';

  constructor(
    private readonly gen: Generator<unknown, T, unknown>,
    private readonly code: CoroutineCode,
    /** The arguments it was called with: its frame's first locals (`cr_frame.f_locals`). */
    private readonly args: readonly unknown[] = NO_ARGS,
  ) {
    this.line = code.firstLine;
  }

  /**
   * The arguments' reprs as CPython's frame holds them before the first step (`worker('a', 0.2)`
   * reads `'a', 0.2`); undefined for a coroutine called without any.
   */
  argsText(): string | undefined {
    return this.args.length === 0 ? undefined : this.args.map(repr).join(', ');
  }

  get __name__(): string {
    return this.code.name;
  }

  get __qualname__(): string {
    return this.code.qualname;
  }

  /** File shown in reprs; undefined for builtins. */
  get file(): string | undefined {
    return this.code.file;
  }

  /** Line of the `async def` (co_firstlineno). */
  get firstLine(): number {
    return this.code.firstLine;
  }

  /** True for a coroutine of the program's own (its frames are followed: the source pointer). */
  get followed(): boolean {
    return this.code.frames !== undefined;
  }

  /** `cr_running`. */
  get cr_running(): boolean {
    return this.state === 'running';
  }

  /** True while the coroutine has a frame (CPython's `cr_frame is not None`). */
  get hasFrame(): boolean {
    return this.state !== 'closed';
  }

  // Each resumption marks the coroutine running and makes it the innermost running one. The three
  // entry points are written out (no shared closure) because they run once per await.

  /** `coro.send(value)`; the first resumption must send undefined (None). */
  next(value?: unknown): IteratorResult<unknown, T> {
    if (this.state === 'closed') throw new RuntimeError('cannot reuse already awaited coroutine');
    if (this.state === 'running') throw new ValueError('coroutine already executing');
    this.state = 'running';
    running.push(this as Coroutine<unknown>);
    const frames = this.code.frames;
    frames?.enter(this as Coroutine<unknown>);
    let result: IteratorResult<unknown, T>;
    try {
      result = this.gen.next(value);
    } catch (error) {
      this.state = 'closed';
      throw error;
    } finally {
      running.pop();
      frames?.leave(this as Coroutine<unknown>);
    }
    this.state = result.done ? 'closed' : 'suspended';
    return result;
  }

  /** `coro.throw(exc)`: raises `exc` where the coroutine stands (a finished coroutine refuses it, as send). */
  throw(error: unknown): IteratorResult<unknown, T> {
    if (this.state === 'closed') throw new RuntimeError('cannot reuse already awaited coroutine');
    if (this.state === 'running') throw new ValueError('coroutine already executing');
    this.state = 'running';
    running.push(this as Coroutine<unknown>);
    const frames = this.code.frames;
    frames?.enter(this as Coroutine<unknown>, error);
    let result: IteratorResult<unknown, T>;
    try {
      result = this.gen.throw(error);
    } catch (thrown) {
      this.state = 'closed';
      throw thrown;
    } finally {
      running.pop();
      frames?.leave(this as Coroutine<unknown>);
    }
    this.state = result.done ? 'closed' : 'suspended';
    return result;
  }

  /** Runs the coroutine's `finally` blocks and ends it, returning `value` (the iterator protocol's return()). */
  return(value: T): IteratorResult<unknown, T> {
    if (this.state === 'closed') return { done: true, value };
    if (this.state === 'running') throw new ValueError('coroutine already executing');
    this.state = 'running';
    running.push(this as Coroutine<unknown>);
    const frames = this.code.frames;
    frames?.enter(this as Coroutine<unknown>);
    let result: IteratorResult<unknown, T>;
    try {
      result = this.gen.return(value);
    } catch (thrown) {
      this.state = 'closed';
      throw thrown;
    } finally {
      running.pop();
      frames?.leave(this as Coroutine<unknown>);
    }
    this.state = result.done ? 'closed' : 'suspended';
    return result;
  }

  /**
   * `coro.close()`: raises GeneratorExit where the coroutine stands, so its `finally` blocks (and
   * `except BaseException`) run, as when CPython finalizes a coroutine. A coroutine that was never
   * started just becomes closed.
   */
  close(): void {
    if (this.state === 'closed') return;
    if (this.state === 'created') {
      this.state = 'closed';
      this.gen.return(undefined as T);
      return;
    }
    let result: IteratorResult<unknown, T>;
    try {
      result = this.throw(new GeneratorExit());
    } catch (error) {
      if (error instanceof GeneratorExit) return;
      throw error;
    }
    if (!result.done) throw new RuntimeError('coroutine ignored GeneratorExit');
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** `_format_coroutine(coro)`. */
  format(): string {
    const name = `${this.__qualname__}()`;
    if (this.file === undefined) return this.cr_running ? `${name} running` : name;
    const python = getRealm().python;
    if (this.hasFrame) {
      const at = stdlibLocation(python, this.file, this.line);
      return `${name} running at ${at.file}:${at.line}`;
    }
    const defined = stdlibLocation(python, this.file, this.firstLine);
    return `${name} done, defined at ${defined.file}:${defined.line}`;
  }

  __repr__(): string {
    return `<coroutine object ${this.__qualname__} at ${pyAddress(this)}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  get [Symbol.toStringTag](): string {
    return 'Coroutine';
  }
}

/** A coroutine function: calling it makes a Coroutine (nothing runs until a task steps it). */
export type AsyncDef<A extends unknown[], T> = ((...args: A) => Coroutine<T>) & { readonly __qualname__: string };

/** `async def name(...)`: wraps a generator function so its calls are named coroutine objects. */
export function asyncDef<A extends unknown[], T>(
  name: string,
  body: (...args: A) => Generator<unknown, T, unknown>,
  options: CoroutineOptions = {},
): AsyncDef<A, T> {
  const code = coroutineCode(name, options);
  const fn = (...args: A) => new Coroutine<T>(body(...args), code, args);
  return markCoroutineFunction(Object.assign(fn, { __qualname__: code.qualname }));
}

/** The functions `async def` made (asyncDef, or a wrapper of one marked as such). */
const coroutineFunctions = new WeakSet<object>();

/** Marks `fn` (a wrapper of an asyncDef) as an `async def` function for iscoroutinefunction(). */
export function markCoroutineFunction<F extends object>(fn: F): F {
  coroutineFunctions.add(fn);
  return fn;
}

/**
 * `asyncio.iscoroutinefunction(func)`: whether func is an `async def` function. Deprecated from
 * 3.14 in favour of inspect.iscoroutinefunction (deprecations.ts).
 */
export function iscoroutinefunction(func: unknown): boolean {
  warnDeprecated('asyncio.iscoroutinefunction', 'use inspect.iscoroutinefunction() instead');
  return typeof func === 'function' && coroutineFunctions.has(func);
}

/** The code object of `async def name`, for a coroutine made by hand (`new Coroutine(gen, code)`). */
export function coroutineCode(name: string, options: CoroutineOptions = {}): CoroutineCode {
  return { name, qualname: options.qualname ?? name, file: options.file, firstLine: options.line ?? 0, frames: options.frames };
}

/** Moves the running coroutine (the innermost one being resumed) to `line`, for reprs. */
export function setLine(line: number): void {
  const coro = running[running.length - 1];
  if (coro !== undefined) coro.line = line;
}

/** The coroutine being resumed right now, if any. */
export function runningCoroutine(): Coroutine<unknown> | undefined {
  return running[running.length - 1];
}

/** A JS generator object (what `function*` returns). */
export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Coroutine) &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    (value as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === 'Generator'
  );
}

/** `asyncio.iscoroutine(obj)`: coroutine objects and generators (CPython accepts both). */
export function isCoroutine(value: unknown): value is CoroutineLike {
  return value instanceof Coroutine || isGenerator(value);
}

/** `_format_coroutine(coro)`; a plain generator carries no name JS can read, so it shows CPython's fallback. */
export function formatCoroutine(coro: CoroutineLike): string {
  if (coro instanceof Coroutine) return coro.format();
  return '<generator without __name__>()';
}
