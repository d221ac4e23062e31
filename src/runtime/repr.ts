// Python's repr() and str() of the values a simulated program handles, and the callback formatting
// of asyncio/format_helpers.py (`_format_callback`, `_format_args_and_kwargs`,
// `_format_callback_source`), plus `reprlib.repr`, which asyncio uses to keep argument lists short.
//
// How JS values map to Python values:
//   integer number → int          pyFloat(x) / non-integral number → float     bigint → int
//   string → str                   null / undefined → None                      boolean → bool
//   array → list                   tuple(...) → tuple                           Map / plain object → dict
//   Set → set                      object with __repr__() → whatever it says    function → function
//   PyBaseException → `ValueError('boom')`
import { PyBaseException, excStr } from './exceptions.js';
import { getRealm } from './realm.js';
import { type PythonBehaviour, stdlibLocation } from './python-version.js';

// ── floats ──────────────────────────────────────────────────────────────────

/** A Python float whose value is integral (or any float) and must print as one: `1.0`. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
}

/** Marks `x` as a Python float, so `repr` prints `1.0` rather than `1`. */
export function pyFloat(x: number): PyFloat {
  return new PyFloat(x);
}

/** `repr(float)`: the shortest string that round-trips, in Python's notation (`1.0`, `1e-05`, `1e+16`). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest round-trip digits, like Python's repr.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  // Python's float_repr_style 'short' switches to exponent notation below 1e-4 and from 1e16 on.
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** `'%.Nf' % x`: fixed-point with `digits` decimals, exact halves rounded to even as CPython rounds them. */
export function formatFixed(x: number, digits: number): string {
  const plain = x.toFixed(digits);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return plain;
  // toFixed rounds an exact half up, CPython to even ('%.3f' % 0.0625 == '0.062'). A double's decimal
  // expansion is finite, so toFixed(100) shows whether the part after `digits` is exactly 5000...
  const long = Math.abs(x).toFixed(100);
  const cut = long.indexOf('.') + 1 + digits;
  if (!/^50*$/.test(long.slice(cut))) return plain;
  const kept = long.slice(0, cut).replace('.', '');
  let n = BigInt(kept);
  if (n % 2n === 1n) n += 1n;
  const text = n.toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text;
  return x < 0 ? `-${body}` : body;
}

// ── tuples ──────────────────────────────────────────────────────────────────

const TUPLE = Symbol('tuple');

/** A Python tuple: an array that prints as `(1, 2)` / `(1,)`. */
export function tuple<T extends unknown[]>(...items: T): Readonly<T> {
  Object.defineProperty(items, TUPLE, { value: true });
  return Object.freeze(items);
}

export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

// ── functions with Python metadata ──────────────────────────────────────────

/** What Python knows about a function: its name and where it was defined. */
export interface PyFunctionInfo {
  /** `__qualname__` (e.g. 'call_back', 'BaseEventLoop.stop', 'main.<locals>.cb'). */
  name: string;
  /** `co_filename`; absent for builtins and bound C methods (no ` at FILE:LINE` in reprs). */
  file?: string;
  /** `co_firstlineno`. */
  line?: number;
  /** `__self__` of a bound method (asyncio shows a Task's step handle as the task itself). */
  self?: object;
}

const PY_INFO = Symbol('pyFunctionInfo');
const PARTIAL = Symbol('partial');

type AnyFunction = (...args: never[]) => unknown;

/**
 * `_format_callback_source(func, ())` of functions whose text cannot change: a future's repr lists
 * its done callbacks this way, and the trace formats reprs of pending futures over and over.
 * pyFunction() forgets a function's entry when it renames it.
 */
const callbackSourceTexts = new WeakMap<object, { python: PythonBehaviour; text: string }>();

/** Attaches Python metadata to `fn` (returned for chaining): `pyFunction(callBack, {name: 'call_back', file: 'x.py', line: 3})`. */
export function pyFunction<F extends AnyFunction>(fn: F, info: PyFunctionInfo): F {
  // A plain assignment: defineProperty on a function took ten times as long, and every task names two.
  (fn as unknown as Record<symbol, PyFunctionInfo>)[PY_INFO] = info;
  callbackSourceTexts.delete(fn);
  return fn;
}

/** The Python metadata of a function, if it has some. */
export function pyFunctionInfo(fn: unknown): PyFunctionInfo | undefined {
  return typeof fn === 'function' ? ((fn as unknown as Record<symbol, PyFunctionInfo | undefined>)[PY_INFO]) : undefined;
}

/**
 * A bound method as a callback: `pyMethod(loop, 'stop', 'BaseEventLoop.stop')` calls `loop.stop()`
 * and prints as `BaseEventLoop.stop()` (a bound method has no source location in asyncio's reprs
 * unless `file` is given).
 */
export function pyMethod<O extends object, K extends keyof O>(obj: O, key: K, qualname: string, where?: { file: string; line: number }): O[K] {
  const method = obj[key] as unknown as (...args: unknown[]) => unknown;
  const bound = (...args: unknown[]) => method.apply(obj, args);
  return pyFunction(bound, { name: qualname, ...where }) as unknown as O[K];
}

interface PartialInfo {
  func: AnyFunction;
  args: readonly unknown[];
  keywords: Readonly<Record<string, unknown>>;
}

/**
 * `functools.partial(func, *args, **keywords)`. Calling it calls `func(...args, ...callArgs)`; when
 * keywords are given they are passed as one trailing plain object (JS has no keyword arguments).
 */
export function partial<F extends AnyFunction>(func: F, args: readonly unknown[] = [], keywords: Record<string, unknown> = {}): (...callArgs: unknown[]) => ReturnType<F> {
  const hasKeywords = Object.keys(keywords).length > 0;
  const wrapper = (...callArgs: unknown[]) =>
    (func as unknown as (...a: unknown[]) => ReturnType<F>)(...args, ...callArgs, ...(hasKeywords ? [keywords] : []));
  Object.defineProperty(wrapper, PARTIAL, { value: { func, args, keywords } satisfies PartialInfo });
  return wrapper;
}

function partialInfo(fn: unknown): PartialInfo | undefined {
  return typeof fn === 'function' ? ((fn as unknown as Record<symbol, PartialInfo | undefined>)[PARTIAL]) : undefined;
}

/** A function's `__qualname__`: its metadata name, else its JS name. */
export function functionName(fn: AnyFunction): string {
  return pyFunctionInfo(fn)?.name ?? (fn.name || 'function');
}

// ── id() ────────────────────────────────────────────────────────────────────

const ids = new WeakMap<object, number>();

/** `id(obj)`: an address-like number, stable for the object's lifetime, allocated from the current realm. */
export function pyId(obj: object): number {
  let id = ids.get(obj);
  if (id === undefined) {
    id = getRealm().allocatePyId();
    ids.set(obj, id);
  }
  return id;
}

/** `hex(id(obj))` as CPython shows it in default reprs: `0x7f3c5a1e0000`. */
export function pyAddress(obj: object): string {
  return `0x${pyId(obj).toString(16)}`;
}

// ── repr / str ──────────────────────────────────────────────────────────────

/** `type(value).__name__` for a value a program passes: `int`, `float`, `str`, `bool`, `NoneType`, `list`, else the class's name. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  return (value as object).constructor?.name ?? 'object';
}

/** `repr(str)`: Python's quoting (single quotes unless the text has ' and no "). */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16)}`;
    else out += ch;
  }
  return out + quote;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python's `repr(value)`. */
export function repr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return strRepr(value);
    case 'number':
      return Number.isInteger(value) ? String(value) : floatRepr(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'symbol':
      return value.description ?? 'symbol';
    case 'function': {
      const p = partialInfo(value);
      if (p) return `functools.partial(${[repr(p.func), ...p.args.map(repr), ...Object.entries(p.keywords).map(([k, v]) => `${k}=${repr(v)}`)].join(', ')})`;
      return `<function ${functionName(value as AnyFunction)} at ${pyAddress(value)}>`;
    }
    case 'object':
      break;
  }
  if (value === null) return 'None';
  const obj = value as object;
  const custom = (obj as { __repr__?: unknown }).__repr__;
  if (typeof custom === 'function') return String(custom.call(obj));
  if (obj instanceof PyFloat) return floatRepr(obj.value);
  if (obj instanceof PyBaseException) {
    return `${obj.pyName}(${obj.args.map(repr).join(', ')})`;
  }
  if (Array.isArray(obj)) {
    if (isTuple(obj)) return obj.length === 1 ? `(${repr(obj[0])},)` : `(${obj.map(repr).join(', ')})`;
    return `[${obj.map(repr).join(', ')}]`;
  }
  if (obj instanceof Map) return `{${[...obj].map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}}`;
  if (obj instanceof Set) return obj.size === 0 ? 'set()' : `{${[...obj].map(repr).join(', ')}}`;
  if (isPlainObject(obj)) return `{${Object.entries(obj).map(([k, v]) => `${strRepr(k)}: ${repr(v)}`).join(', ')}}`;
  return `<${obj.constructor?.name ?? 'object'} object at ${pyAddress(obj)}>`;
}

/** Python's `str(value)`: strings as they are, exceptions as their message, everything else as repr (or `__str__()`). */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyBaseException) return excStr(value);
  if (value !== null && typeof value === 'object') {
    const custom = (value as { __str__?: unknown }).__str__;
    if (typeof custom === 'function') return String(custom.call(value));
  }
  return repr(value);
}

// ── reprlib.repr ────────────────────────────────────────────────────────────

// reprlib.Repr's limits (Lib/reprlib.py).
const MAX_LEVEL = 6;
const MAX_ITEMS = 6; // maxtuple, maxlist, maxset
const MAX_DICT = 4;
const MAX_STRING = 30;
const MAX_LONG = 40;
const MAX_OTHER = 30;

function elide(s: string, limit: number): string {
  if (s.length <= limit) return s;
  const i = Math.max(0, Math.floor((limit - 3) / 2));
  const j = Math.max(0, limit - 3 - i);
  return s.slice(0, i) + '...' + s.slice(s.length - j);
}

function reprIterable(items: readonly unknown[], level: number, left: string, right: string, max: number, trail = ''): string {
  if (items.length === 0) return left + right;
  if (level <= 0) return `${left}...${right}`;
  const pieces = items.slice(0, max).map((item) => reprlibRepr1(item, level - 1));
  if (items.length > max) pieces.push('...');
  const inner = pieces.join(', ');
  return items.length === 1 && trail ? `${left}${inner}${trail}${right}` : `${left}${inner}${right}`;
}

/** reprlib's `_possibly_sorted`: sorted when the items are comparable (all numbers or all strings). */
function possiblySorted(items: unknown[]): unknown[] {
  if (items.every((x) => typeof x === 'number')) return [...items].sort((a, b) => (a as number) - (b as number));
  if (items.every((x) => typeof x === 'string')) return [...items].sort((a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0));
  return items;
}

function reprlibRepr1(value: unknown, level: number): string {
  if (typeof value === 'string') {
    let s = strRepr(value.slice(0, MAX_STRING));
    if (s.length > MAX_STRING) {
      const i = Math.max(0, Math.floor((MAX_STRING - 3) / 2));
      const j = Math.max(0, MAX_STRING - 3 - i);
      s = strRepr(value.slice(0, i) + value.slice(value.length - j));
      s = s.slice(0, i) + '...' + s.slice(s.length - j);
    }
    return s;
  }
  if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') return elide(String(value), MAX_LONG);
  if (Array.isArray(value) && !(value as { __repr__?: unknown }).__repr__) {
    return isTuple(value) ? reprIterable(value, level, '(', ')', MAX_ITEMS, ',') : reprIterable(value, level, '[', ']', MAX_ITEMS);
  }
  if (value instanceof Set) {
    if (value.size === 0) return 'set()';
    return reprIterable(possiblySorted([...value]), level, '{', '}', MAX_ITEMS);
  }
  const entries = value instanceof Map ? [...value] : value !== null && typeof value === 'object' && isPlainObject(value) && !(value as { __repr__?: unknown }).__repr__ ? Object.entries(value) : undefined;
  if (entries) {
    if (entries.length === 0) return '{}';
    if (level <= 0) return '{...}';
    const sortedKeys = possiblySorted(entries.map(([k]) => k));
    entries.sort((a, b) => sortedKeys.indexOf(a[0]) - sortedKeys.indexOf(b[0]));
    const pieces = entries.slice(0, MAX_DICT).map(([k, v]) => `${reprlibRepr1(k, level - 1)}: ${reprlibRepr1(v, level - 1)}`);
    if (entries.length > MAX_DICT) pieces.push('...');
    return `{${pieces.join(', ')}}`;
  }
  return elide(repr(value), MAX_OTHER);
}

/** `reprlib.repr(value)`: repr with reprlib's size limits (long strings and lists elided with `...`). */
export function reprlibRepr(value: unknown): string {
  return reprlibRepr1(value, MAX_LEVEL);
}

// ── format_helpers.py ───────────────────────────────────────────────────────

/** `_format_args_and_kwargs(args, kwargs)`: `(1, 'a', key=2)`. */
export function formatArgsAndKwargs(args: readonly unknown[] | null, kwargs: Readonly<Record<string, unknown>> | null, showArgs = true): string {
  // 3.13+ outside debug mode: "arguments may contain sensitive information" (format_helpers.py).
  if (!showArgs) return '()';
  // The usual call in the trace's callback labels: a task step, or a callback without arguments.
  if (kwargs === null) {
    if (args === null || args.length === 0) return '()';
    // The other usual one: positional arguments only (a future, an index), without a list to join.
    let text = `(${reprlibRepr(args[0])}`;
    for (let i = 1; i < args.length; i++) text += `, ${reprlibRepr(args[i])}`;
    return `${text})`;
  }
  const items: string[] = [];
  if (args) for (const arg of args) items.push(reprlibRepr(arg));
  if (kwargs) for (const [k, v] of Object.entries(kwargs)) items.push(`${k}=${reprlibRepr(v)}`);
  return `(${items.join(', ')})`;
}

/** `_format_callback(func, args, kwargs)`: `call_back(1, 2)`; a partial shows its own and the call's arguments. */
export function formatCallback(func: unknown, args: readonly unknown[] | null, kwargs: Readonly<Record<string, unknown>> | null, suffix = '', showArgs = true): string {
  const p = partialInfo(func);
  if (p) {
    return formatCallback(p.func, p.args, p.keywords, formatArgsAndKwargs(args, kwargs, showArgs) + suffix, showArgs);
  }
  const name = typeof func === 'function' ? functionName(func as AnyFunction) : repr(func);
  return name + formatArgsAndKwargs(args, kwargs, showArgs) + suffix;
}

/**
 * True when `repr(value)` can never change: a primitive, or an object whose `_reprIsFinal()` says
 * so (a done Future with a primitive result). Lists, dicts and other objects may be mutated.
 */
function reprIsFinal(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return true;
  const final = (value as { _reprIsFinal?: unknown })._reprIsFinal;
  return typeof final === 'function' && (final as () => boolean).call(value) === true;
}

/**
 * True when `formatCallback(func, args, null)` will always give the same text, so it can be kept
 * (a handle's trace label): a function (its name is fixed) or a partial of one, and arguments
 * (the partial's too) whose reprs cannot change.
 */
export function formatCallbackIsFinal(func: unknown, args: readonly unknown[] | null): boolean {
  if (typeof func !== 'function') return false;
  if (args !== null) for (let i = 0; i < args.length; i++) if (!reprIsFinal(args[i])) return false;
  const p = partialInfo(func);
  if (p) return formatCallbackIsFinal(p.func, p.args) && Object.values(p.keywords).every(reprIsFinal);
  return true;
}

/** `_get_function_source(func)`: where a function (or a partial's function) was defined. */
export function functionSource(func: unknown): { file: string; line: number } | undefined {
  const p = partialInfo(func);
  if (p) return functionSource(p.func);
  const info = pyFunctionInfo(func);
  return info?.file !== undefined && info.line !== undefined ? { file: info.file, line: info.line } : undefined;
}

/**
 * `_format_callback_source(func, args)`: `call_back(1) at x.py:3`. Without `showArgs` (3.13+
 * outside debug mode) the arguments are left out: `call_back() at x.py:3`. A function of CPython's
 * own names the line where the realm's version defines it.
 */
export function formatCallbackSource(func: unknown, args: readonly unknown[] | null, showArgs = true): string {
  const python = getRealm().python;
  if (showArgs && typeof func === 'function' && (args === null || args.length === 0)) {
    const known = callbackSourceTexts.get(func);
    if (known !== undefined && known.python === python) return known.text;
    const text = formatCallbackSourceAnew(func, args, showArgs, python);
    if (formatCallbackIsFinal(func, args)) callbackSourceTexts.set(func, { python, text });
    return text;
  }
  return formatCallbackSourceAnew(func, args, showArgs, python);
}

function formatCallbackSourceAnew(func: unknown, args: readonly unknown[] | null, showArgs: boolean, python: PythonBehaviour): string {
  const source = functionSource(func);
  const text = formatCallback(func, args, null, '', showArgs);
  if (!source) return text;
  const shown = stdlibLocation(python, source.file, source.line);
  return `${text} at ${shown.file}:${shown.line}`;
}

/** Where CPython's standard library lives in the simulated process (shown in tracebacks and reprs). */
export const PY_STDLIB_DIR = '/usr/lib/python3.11';
