// What the loop does with an exception raised by a callback: the default handler's log output
// (message, context lines, traceback) must read exactly as CPython's logger prints it; a custom
// handler receives CPython's context; a failing custom handler is reported by the default one.
import { describe, expect, it } from 'vitest';
import type { BaseEventLoop } from '../../../src/runtime/base-events.js';
import { print } from '../../../src/runtime/builtins.js';
import type { Blocking } from '../../../src/runtime/blocking.js';
import { KeyError, type PyFrame, ValueError, ZeroDivisionError } from '../../../src/runtime/exceptions.js';
import type { ExceptionContext } from '../../../src/runtime/loop-types.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { pyFunction, pyMethod, repr } from '../../../src/runtime/repr.js';
import { runPython } from './cpython.js';
import { runOurs } from './ours.js';

const stopOf = (loop: BaseEventLoop) => pyMethod(loop, 'stop', 'BaseEventLoop.stop');

/** A Python exception raised at `prog.py:line` in `name`, with the traceback frame CPython shows. */
function raisedAt<E extends { frames: PyFrame[] }>(error: E, line: number, name: string, text: string, marker?: string): E {
  error.frames = [{ file: 'prog.py', line, name, text, ...(marker ? { marker } : {}) }];
  return error;
}

const CALLBACK_PROGRAM = `import asyncio
def call_back(x):
    raise ValueError('boom %s' % x)
def divide():
    1/0
loop = asyncio.new_event_loop()
loop.call_soon(call_back, 1)
loop.call_later(0.1, call_back, 2)
loop.call_later(0.2, divide)
loop.call_later(0.5, loop.stop)
loop.run_forever()
print('still running after the errors')
loop.close()
`;

function callbackProgram(realm: { extractStack: (() => PyFrame[]) | undefined }, debug: boolean): void {
  let line = 0;
  if (debug) realm.extractStack = () => [{ file: 'prog.py', line, name: '<module>', text: CALLBACK_PROGRAM.split('\n')[line - 1]! }];
  const callBack = pyFunction((x: number) => {
    throw raisedAt(new ValueError(`boom ${x}`), 3, 'call_back', "raise ValueError('boom %s' % x)");
  }, { name: 'call_back', file: 'prog.py', line: 2 });
  const divide = pyFunction(() => {
    throw raisedAt(new ZeroDivisionError('division by zero'), 5, 'divide', '1/0', '~^~');
  }, { name: 'divide', file: 'prog.py', line: 4 });
  line = 6;
  const loop = newEventLoop();
  line = 7;
  loop.callSoon(callBack, 1);
  line = 8;
  loop.callLater(0.1, callBack, 2);
  line = 9;
  loop.callLater(0.2, divide);
  line = 10;
  loop.callLater(0.5, stopOf(loop));
  line = 11;
  loop.runForever();
  print('still running after the errors');
  loop.close();
}

describe('the default exception handler', () => {
  it("logs 'Exception in callback', the handle and the traceback exactly as CPython does", () => {
    const python = runPython(CALLBACK_PROGRAM);
    const ours = runOurs((realm) => callbackProgram(realm, false));
    expect(ours.stderr).toEqual(python.stderr);
    expect(ours.stdout).toEqual(python.stdout);
    expect(python.stderr[0]).toBe('Exception in callback call_back(1) at prog.py:2');
  });

  it('adds where the handle was created in debug mode (created at, source_traceback)', () => {
    const python = runPython(CALLBACK_PROGRAM, { dev: true });
    const ours = runOurs((realm) => callbackProgram(realm, true), (realm) => (realm.debug = true));
    expect(ours.stderr).toEqual(python.stderr);
    expect(python.stderr).toContain('source_traceback: Object created at (most recent call last):');
  });
});

describe('call_exception_handler from a callback', () => {
  it('logs extra context keys in sorted order and, in debug mode, where the running handle was created', () => {
    const program = `import asyncio
loop = asyncio.new_event_loop()
def cb():
    loop.call_exception_handler({'message': 'custom report', 'extra': [1, 'two'], 'another': None})
loop.call_soon(cb)
loop.call_soon(loop.stop)
loop.run_forever()
loop.call_exception_handler({'message': ''})
loop.close()
`;
    const python = runPython(program, { dev: true });
    const ours = runOurs(
      (realm) => {
        let line = 2;
        realm.extractStack = () => [{ file: 'prog.py', line, name: '<module>', text: program.split('\n')[line - 1]!, marker: '^^^' }];
        const loop = newEventLoop();
        line = 5;
        loop.callSoon(() => loop.callExceptionHandler({ message: 'custom report', extra: [1, 'two'], another: null }));
        line = 6;
        loop.callSoon(stopOf(loop));
        loop.runForever();
        loop.callExceptionHandler({ message: '' });
        loop.close();
      },
      (realm) => (realm.debug = true),
    );
    expect(ours.stderr).toEqual(python.stderr);
    expect(python.stderr).toContain('handle_traceback: Handle created at (most recent call last):');
  });
});

describe('a custom exception handler', () => {
  it("receives CPython's context: message, exception and handle", () => {
    const python = runPython(`import asyncio
def call_back(x):
    raise ValueError('boom %s' % x)
def handler(loop, context):
    print('message:', context['message'])
    print('keys:', sorted(context))
    print('exception:', repr(context['exception']))
    print('handle:', context['handle'])
loop = asyncio.new_event_loop()
print(loop.get_exception_handler())
loop.set_exception_handler(handler)
print(loop.get_exception_handler() is handler)
loop.call_soon(call_back, 'x')
loop.call_soon(loop.stop)
loop.run_forever()
loop.set_exception_handler(None)
print(loop.get_exception_handler())
loop.close()
`);
    const ours = runOurs(() => {
      const callBack = pyFunction((x: string) => {
        throw new ValueError(`boom ${x}`);
      }, { name: 'call_back', file: 'prog.py', line: 2 });
      const handler = (_loop: BaseEventLoop, context: ExceptionContext) => {
        print('message:', context.message);
        print('keys:', Object.keys(context).sort());
        print('exception:', repr(context.exception));
        print('handle:', context.handle);
      };
      const loop = newEventLoop();
      print(loop.getExceptionHandler());
      loop.setExceptionHandler(handler);
      print(loop.getExceptionHandler() === handler);
      loop.callSoon(callBack, 'x');
      loop.callSoon(stopOf(loop));
      loop.runForever();
      loop.setExceptionHandler(null);
      print(loop.getExceptionHandler());
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stderr).toEqual([]);
  });

  it('that raises is reported by the default handler, chained to the callback exception', () => {
    const python = runPython(`import asyncio
def call_back(x):
    raise ValueError('boom %s' % x)
def bad_handler(loop, context):
    print('handler got', context['message'])
    raise KeyError('oops')
loop = asyncio.new_event_loop()
loop.set_exception_handler(bad_handler)
loop.call_soon(call_back, 1)
loop.call_later(0.2, loop.stop)
loop.run_forever()
loop.close()
`);
    const ours = runOurs(() => {
      const callBack = pyFunction((x: number) => {
        throw raisedAt(new ValueError(`boom ${x}`), 3, 'call_back', "raise ValueError('boom %s' % x)");
      }, { name: 'call_back', file: 'prog.py', line: 2 });
      const badHandler = (_loop: BaseEventLoop, context: ExceptionContext) => {
        print('handler got', context.message);
        throw raisedAt(new KeyError('oops'), 6, 'bad_handler', "raise KeyError('oops')");
      };
      const loop = newEventLoop();
      loop.setExceptionHandler(badHandler);
      loop.callSoon(callBack, 1);
      loop.callLater(0.2, stopOf(loop));
      loop.runForever();
      loop.close();
    });
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stderr).toEqual(python.stderr);
    expect(python.stderr).toContain('During handling of the above exception, another exception occurred:');
  });
});

describe('debug mode', () => {
  it("logs 'Executing <Handle ...> took N seconds' for a callback that blocks the loop's thread", () => {
    const program = `import asyncio, sitecustomize
def more_work(x):
    print('More work', x)
    sitecustomize.CLOCK.advance(x)  # time.sleep(x), on the virtual clock
    print('Finished more work', x)
loop = asyncio.new_event_loop()
loop.call_soon(more_work, 6)
loop.call_soon(more_work, 0.05)
loop.call_soon(more_work, 3)
loop.call_later(20, loop.stop)
loop.run_forever()
loop.close()
`;
    const python = runPython(program, { dev: true });
    const ours = runOurs(
      (realm) => {
        let line = 0;
        realm.extractStack = () => [{ file: 'prog.py', line, name: '<module>', text: program.split('\n')[line - 1]! }];
        const moreWork = pyFunction(function* (x: number): Blocking<void> {
          print('More work', x);
          yield { kind: 'sleep', seconds: x };
          print('Finished more work', x);
        }, { name: 'more_work', file: 'prog.py', line: 2 });
        const loop = newEventLoop();
        line = 7;
        loop.callSoon(moreWork, 6);
        line = 8;
        loop.callSoon(moreWork, 0.05);
        line = 9;
        loop.callSoon(moreWork, 3);
        line = 10;
        loop.callLater(20, stopOf(loop));
        loop.runForever();
        loop.close();
      },
      (realm) => (realm.debug = true),
    );
    expect(ours.stdout).toEqual(python.stdout);
    expect(ours.stderr).toEqual(python.stderr);
    expect(python.stderr).toEqual([
      'Executing <Handle more_work(6) at prog.py:2 created at prog.py:7> took 6.000 seconds',
      'Executing <Handle more_work(3) at prog.py:2 created at prog.py:9> took 3.000 seconds',
    ]);
  });
});
