// repr.ts decides how every value a learner sees is printed. Expected texts come from python3.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { floatRepr, formatCallbackSource, formatFixed, partial, pyFloat, pyFunction, repr, reprlibRepr, str, tuple } from '../../../src/runtime/repr.js';
import { ValueError } from '../../../src/runtime/exceptions.js';

function python(expression: string, input: unknown, setup = ''): unknown {
  const program = `import json, sys, reprlib, functools\nfrom asyncio import format_helpers\n${setup}\ndata = json.load(sys.stdin)\nprint(json.dumps(${expression}))`;
  const result = spawnSync('python3', ['-c', program], { input: JSON.stringify(input), encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('repr of floats', () => {
  it('matches Python repr(float) for integral, tiny, huge and ordinary values', () => {
    const values = [1, -1, 0.1, 0.5, 2.5, 1e-5, 1.5e-7, 0.0001, 0.00012345, 1e15, 1e16, 123456789012345.6, 1.5e300, 5e-324, 1 / 3, 100, 1e22, -0.0001, 6.000000001, 0.30000000000000004];
    let seed = 7;
    for (let i = 0; i < 200; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      values.push((seed / 2147483648) * 10 ** ((seed % 40) - 20));
    }
    expect(values.map(floatRepr)).toEqual(python('[repr(float(x)) for x in data]', values));
  });

  it('prints pyFloat-marked integral numbers as floats and plain integers as ints', () => {
    expect(repr(pyFloat(1))).toBe('1.0');
    expect(repr(1)).toBe('1');
    expect(str(pyFloat(2))).toBe('2.0');
    expect(floatRepr(-0)).toBe('-0.0');
  });
});

describe('repr of values', () => {
  it('quotes strings as Python does', () => {
    const strings = ['abc', "it's", 'say "hi"', `both ' and "`, 'tab\there', 'new\nline', 'back\\slash', '中文 ok', '\u0001'];
    expect(strings.map((s) => repr(s))).toEqual(python('[repr(s) for s in data]', strings));
  });

  it('prints containers, None and booleans as Python does', () => {
    expect(repr([1, 'a', null, true, false, tuple(1), tuple(1, 2), tuple(), new Map([['k', 0.5]]), new Set([3]), new Set(), { a: [1] }])).toBe(
      python(`repr([1, 'a', None, True, False, (1,), (1, 2), (), {'k': 0.5}, {3}, set(), {'a': [1]}])`, null),
    );
  });

  it('prints exceptions as their constructor call, and str() as their message', () => {
    expect(repr(new ValueError('boom'))).toBe("ValueError('boom')");
    expect(str(new ValueError('boom'))).toBe('boom');
  });

  it('elides long values as reprlib.repr does', () => {
    const inputs = ['x'.repeat(40), 'short', [1, 2, 3, 4, 5, 6, 7], 12345678901234567890123456789012345678901234567890n.toString(), { b: 1, a: 2, c: 3, d: 4, e: 5 }, [[[[[[[1]]]]]]]];
    const ours = [reprlibRepr('x'.repeat(40)), reprlibRepr('short'), reprlibRepr([1, 2, 3, 4, 5, 6, 7]), reprlibRepr(12345678901234567890123456789012345678901234567890n), reprlibRepr({ b: 1, a: 2, c: 3, d: 4, e: 5 }), reprlibRepr([[[[[[[1]]]]]]])];
    expect(ours).toEqual(python('[reprlib.repr(data[0]), reprlib.repr(data[1]), reprlib.repr(data[2]), reprlib.repr(int(data[3])), reprlib.repr(data[4]), reprlib.repr(data[5])]', inputs));
  });
});

describe('callback formatting (format_helpers)', () => {
  const callBack = pyFunction((_a: unknown, _b?: unknown) => undefined, { name: 'call_back', file: 'prog.py', line: 4 });

  it('formats a callback with its arguments and where it is defined', () => {
    expect(formatCallbackSource(callBack, [1, 'x', pyFloat(2)])).toBe('call_back(1, \'x\', 2.0) at prog.py:4');
  });

  it('formats a functools.partial with its keywords, then the call arguments', () => {
    const wrapped = partial(callBack, [], { kwargs: 'xxoo' });
    const expected = python(
      `format_helpers._format_callback_source(functools.partial(call_back, kwargs='xxoo'), (2,)).replace('<string>:3', 'prog.py:4')`,
      null,
      'def call_back(args, kwargs="default"): pass',
    );
    expect(formatCallbackSource(wrapped, [2])).toBe(expected);
  });

  it('shows a function renamed after it was formatted under its new name, and a partial with its arguments as they are now', () => {
    const fn = pyFunction(() => undefined, { name: 'before', file: 'prog.py', line: 1 });
    expect(formatCallbackSource(fn, [])).toBe('before() at prog.py:1');
    pyFunction(fn, { name: 'after', file: 'prog.py', line: 2 });
    expect(formatCallbackSource(fn, null)).toBe('after() at prog.py:2');
    const items: number[] = [];
    const bound = partial(callBack, [items]);
    expect(formatCallbackSource(bound, [])).toBe('call_back([])() at prog.py:4');
    items.push(1);
    expect(formatCallbackSource(bound, [])).toBe('call_back([1])() at prog.py:4');
  });

  it('passes partial keywords to the function as a trailing object', () => {
    const seen: unknown[] = [];
    partial((...args: unknown[]) => seen.push(...args), [1], { k: 'v' })(2);
    expect(seen).toEqual([1, 2, { k: 'v' }]);
  });
});

describe("'%.3f' formatting (slow-callback durations)", () => {
  it('rounds as CPython does, exact halves to even', () => {
    const values = [0.0625, 0.1875, -0.0625, 6, 2.5005, 0.0005, 1e-9, 123.4565, 0.3125, 6.000000001, 0.1 + 0.2, 99.9995, 1.0625];
    expect(values.map((x) => formatFixed(x, 3))).toEqual(python("['%.3f' % x for x in data]", values));
    expect(formatFixed(2.5, 0)).toBe('2');
  });
});
