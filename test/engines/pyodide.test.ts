// Each Pyodide loads offline, captures its output, and runs CPython's own asyncio in virtual time:
// the clock moves only by the selector's timeouts, so a program that sleeps 2.5 s reads exactly
// 2.5 and ends at once. One load per version for the whole file (a load takes seconds).
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedPython, PYODIDE_PACKAGES, type PyodideVersion, loadPython } from '../../src/engines/pyodide.js';

const FULL_VERSIONS: Record<PyodideVersion, string> = { '3.12': '3.12.7', '3.13': '3.13.2', '3.14': '3.14.2', '3.15': '3.15.0rc1' };

const SLEEPS = `
import asyncio, time
async def main():
    loop = asyncio.get_running_loop()
    print(type(loop).__name__, loop.time())
    loop.call_later(1.25, lambda: print('timer at', loop.time()))
    await asyncio.sleep(2)
    await asyncio.sleep(0.5)
    return loop.time()
print('ended at', asyncio.run(main()))
`;

const MODULE_LEVEL_GET_EVENT_LOOP = `
import asyncio
loop = asyncio.get_event_loop()
print(type(loop).__name__, loop.is_running())
`;

for (const version of Object.keys(PYODIDE_PACKAGES) as PyodideVersion[]) {
  describe(`Python ${version} on Pyodide`, () => {
    let py: LoadedPython;
    beforeAll(async () => {
      py = await loadPython(version);
      py.takeOutput();
    });

    it(`is CPython ${FULL_VERSIONS[version]}`, () => {
      expect(py.fullVersion).toBe(FULL_VERSIONS[version]);
    });

    it('captures stdout and stderr', () => {
      py.runPython("import sys; print('out'); print('err', file=sys.stderr); sys.stdout.write('中文')");
      expect(py.takeOutput()).toEqual({ stdout: 'out\n中文', stderr: 'err\n' });
      expect(py.takeOutput()).toEqual({ stdout: '', stderr: '' });
    });

    it('runs asyncio.run on a virtual-time loop: time moves by the timeouts only', () => {
      py.useVirtualTime();
      py.runPython(SLEEPS);
      expect(py.takeOutput()).toEqual({ stdout: 'VirtualTimeLoop 0.0\ntimer at 1.25\nended at 2.5\n', stderr: '' });
    });

    it("answers a module-level get_event_loop() as this version's CPython does", () => {
      py.useVirtualTime();
      let error = '';
      try {
        py.runPython(MODULE_LEVEL_GET_EVENT_LOOP, { filename: 'program.py' });
      } catch (e) {
        error = String((e as Error).message).trim().split('\n').at(-1)!;
      }
      const { stdout, stderr } = py.takeOutput();
      if (version === '3.12' || version === '3.13') {
        expect(stderr).toContain('DeprecationWarning: There is no current event loop');
        expect(stdout).toBe('VirtualTimeLoop False\n');
        expect(error).toBe('');
      } else {
        expect(error).toBe("RuntimeError: There is no current event loop in thread 'MainThread'.");
        expect(stdout).toBe('');
      }
    });

    it('never waits with no timeout: a loop that would hang forever raises Hang', () => {
      py.useVirtualTime();
      py.runPython(`
import asyncio, virtual_time
loop = asyncio.new_event_loop()
try:
    loop.run_forever()
except virtual_time.Hang as e:
    print('hang', e, loop.time())
loop.close()
`);
      expect(py.takeOutput().stdout).toBe('hang select(None) 0.0\n');
    });
  });
}
