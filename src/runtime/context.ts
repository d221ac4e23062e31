// A minimal `contextvars` (PEP 567), as asyncio uses it: every Handle runs its callback inside a
// Context (a copy of the current one taken when the callback was scheduled, or the `context=` given),
// and every Task step runs in the task's context. So a ContextVar set inside a callback is not seen
// by callbacks scheduled before it was set.
//
// Each simulated thread has its own current context (a new thread starts with an empty one), per
// realm. Contexts share their variable maps until one is written to (a write replaces the map), so
// `copyContext()` is O(1), like CPython's HAMT-based copy.
import { LookupError, RuntimeError, ValueError } from './exceptions.js';
import type { ContextLike } from './loop-types.js';
import { type Realm, getRealm } from './realm.js';
import { pyAddress, repr } from './repr.js';

const MISSING: unique symbol = Symbol('MISSING');

/** A context's variables: replaced, never changed, on a write, so a copy can share them. */
export type ContextVars = ReadonlyMap<ContextVar<unknown>, unknown>;

export class Context implements ContextLike {
  /** Replaced (never mutated) on every write, so copies can share it. */
  vars: ContextVars;
  private entered = false;

  constructor(vars: ContextVars = new Map()) {
    this.vars = vars;
  }

  /** `ctx.run(callable, *args)`: runs `fn` with this context current; a context can be entered once at a time. */
  run<T>(fn: (...args: never[]) => T, ...args: unknown[]): T {
    return this.runWithArgs(fn, args);
  }

  /**
   * `ctx.run(callable, *args)` with the arguments as a list: what Handle._run calls, so running a
   * callback does not gather its stored arguments into a new rest list each time.
   */
  runWithArgs<T>(fn: (...args: never[]) => T, args: readonly unknown[]): T {
    if (this.entered) throw new RuntimeError(`cannot enter context: ${repr(this)} is already entered`);
    // `enter()` and `exit()` written out: `fn` runs synchronously, so the thread is the same at both ends.
    const thread = threadState();
    const previous = thread.context;
    this.entered = true;
    thread.context = this;
    try {
      // Most callbacks take no arguments (every task step): a plain call, not a spread of none.
      return args.length === 0 ? (fn as () => T)() : (fn as (...a: unknown[]) => T)(...args);
    } finally {
      this.entered = false;
      thread.context = previous;
    }
  }

  /** Makes this context current for the running thread; returns the one to restore. Used by steppers of blocking callbacks. */
  enter(): Context {
    if (this.entered) throw new RuntimeError(`cannot enter context: ${repr(this)} is already entered`);
    this.entered = true;
    const thread = threadState();
    const previous = thread.context;
    thread.context = this;
    return previous;
  }

  /** Undoes `enter()`. */
  exit(previous: Context): void {
    this.entered = false;
    threadState().context = previous;
  }

  /** `ctx.copy()`. */
  copy(): Context {
    return new Context(this.vars);
  }

  /** `ctx[var]` / `ctx.get(var)`. */
  get<T>(variable: ContextVar<T>): T | undefined {
    return this.vars.get(variable as ContextVar<unknown>) as T | undefined;
  }

  has(variable: ContextVar<unknown>): boolean {
    return this.vars.has(variable);
  }

  get size(): number {
    return this.vars.size;
  }

  __repr__(): string {
    return `<_contextvars.Context object at ${pyAddress(this)}>`;
  }
}

export class Token<T> {
  used = false;
  constructor(
    readonly context: Context,
    readonly variable: ContextVar<T>,
    /** The value before `set` (`Token.MISSING` when there was none). */
    readonly oldValue: T | typeof MISSING,
  ) {}

  static readonly MISSING = MISSING;

  get var(): ContextVar<T> {
    return this.variable;
  }

  __repr__(): string {
    return `<Token${this.used ? ' used' : ''} var=${repr(this.variable)} at ${pyAddress(this)}>`;
  }
}

export class ContextVar<T> {
  private readonly default: T | typeof MISSING;

  constructor(
    readonly name: string,
    options: { default?: T } = {},
  ) {
    this.default = 'default' in options ? (options.default as T) : MISSING;
  }

  /** `var.get([default])`: the value in the current context, else the given default, else the variable's default; LookupError otherwise. */
  get(...fallback: [] | [T]): T {
    const context = currentContext();
    if (context.vars.has(this as ContextVar<unknown>)) return context.vars.get(this as ContextVar<unknown>) as T;
    if (fallback.length > 0) return fallback[0] as T;
    if (this.default !== MISSING) return this.default;
    throw new LookupError(this);
  }

  /** `var.set(value)`: returns a Token for `reset`. */
  set(value: T): Token<T> {
    const context = currentContext();
    const key = this as ContextVar<unknown>;
    const old = context.vars.has(key) ? (context.vars.get(key) as T) : MISSING;
    const vars = new Map(context.vars);
    vars.set(key, value);
    context.vars = vars;
    return new Token(context, this, old);
  }

  /** `var.reset(token)`: restores the value the variable had before the `set` that made `token`. */
  reset(token: Token<T>): void {
    if (token.used) throw new RuntimeError(`${repr(token)} has already been used once`);
    if (token.variable !== this) throw new ValueError(`${repr(token)} was created by a different ContextVar`);
    const context = currentContext();
    if (token.context !== context) throw new ValueError(`${repr(token)} was created in a different Context`);
    token.used = true;
    const vars = new Map(context.vars);
    if (token.oldValue === MISSING) vars.delete(this as ContextVar<unknown>);
    else vars.set(this as ContextVar<unknown>, token.oldValue);
    context.vars = vars;
  }

  __repr__(): string {
    const def = this.default === MISSING ? '' : ` default=${repr(this.default)}`;
    return `<ContextVar name=${repr(this.name)}${def} at ${pyAddress(this)}>`;
  }
}

// ── the current context of each simulated thread ────────────────────────────

/** What contextvars keeps per thread: its current context. */
interface ThreadState {
  context: Context;
}

const threads = new WeakMap<Realm, WeakMap<object, ThreadState>>();

// The thread asked about last. Callbacks run one after another on one thread, so nearly every
// lookup (two per callback: entering its context and leaving it) is for that same thread.
let lastRealm: Realm | null = null;
let lastThreadKey: object | null = null;
let lastThread: ThreadState | null = null;

/** The running thread's state (a new thread starts with an empty context). */
function threadState(): ThreadState {
  const realm = getRealm();
  const key = realm.threads.currentThreadKey();
  if (realm === lastRealm && key === lastThreadKey) return lastThread!;
  let map = threads.get(realm);
  if (!map) {
    map = new WeakMap();
    threads.set(realm, map);
  }
  let state = map.get(key);
  if (!state) {
    state = { context: new Context() };
    map.set(key, state);
  }
  lastRealm = realm;
  lastThreadKey = key;
  lastThread = state;
  return state;
}

/** The running thread's current context (created empty on first use, as for a new thread). */
export function currentContext(): Context {
  return threadState().context;
}

/**
 * What a handle or a done callback keeps of the context it will run in: the Context itself when
 * one was given (`context=`), or the variables of the current one, as `copy_context()` would copy
 * them. A copy is a new Context over the same variables (they are replaced, never changed, on a
 * write), so keeping the variables and making the Context once it is needed is the same copy,
 * without a long-lived object per pending timer or done callback.
 */
export type HeldContext = ContextLike | ContextVars;

/** The current context's variables: a copy of the context to make later (see HeldContext). */
export function holdCurrentContext(): ContextVars {
  return currentContext().vars;
}

/** The Context a HeldContext stands for (a new one when it holds variables: store it back). */
export function contextOf(held: HeldContext): ContextLike {
  return held instanceof Map ? new Context(held as ContextVars) : (held as ContextLike);
}

/** `contextvars.copy_context()`. */
export function copyContext(): Context {
  return currentContext().copy();
}
