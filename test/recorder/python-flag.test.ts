// `--python` keeps one meaning for a .py file: which CPython runs it. The embedded Python of that
// version where this installation has it (a checkout has the oracles' 3.12 to 3.15), else a one-line
// error naming --interpreter; with --interpreter, the interpreter's own version, and a --python that
// disagrees with it is an error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { cli } from '../cli/harness.js';

const file = join(mkdtempSync(join(tmpdir(), 'asyncio-lab-python-flag-')), 'version.py');
writeFileSync(file, 'import asyncio, sys\nasync def main():\n    await asyncio.sleep(1)\n    print(sys.version_info[:2])\nasyncio.run(main())\n');

describe('--python for a .py file', () => {
  it('runs the embedded Python of that version', async () => {
    const run = await cli(['run', file, '--output-only', '--python', '3.13'], { lessons });
    expect(run.stdout).toBe('(3, 13)\n');
    expect(run.code).toBe(0);
  }, 120_000);

  it('runs the embedded 3.14 without --python', async () => {
    const run = await cli(['run', file, '--output-only'], { lessons });
    expect(run.stdout).toBe('(3, 14)\n');
  }, 120_000);

  it('refuses a version with no embedded Python, naming --interpreter', async () => {
    const run = await cli(['run', file, '--output-only', '--python', '3.11'], { lessons });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --python 3.11: this installation has no embedded Python 3.11; run the program on a local one with --interpreter python3.11\n');
  });

  it('takes the interpreter\'s version, and refuses a --python that disagrees with it', async () => {
    const same = await cli(['run', file, '--output-only', '--interpreter', 'python3', '--python', '3.11'], { lessons });
    expect(same.stdout).toBe('(3, 11)\n');
    const other = await cli(['run', file, '--output-only', '--interpreter', 'python3', '--python', '3.14'], { lessons });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error: --python 3\.14: --interpreter 'python3' is Python 3\.11\.\d+; leave --python out, or give an interpreter of that version\n$/);
  });
});
