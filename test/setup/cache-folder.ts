// The test run's own cache folder: the embedded engine keeps its Pyodide memory snapshot in the
// user's cache ($XDG_CACHE_HOME), and a test run must not write there. Set before the test
// processes start (they and the CLIs they spawn inherit it), removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const cache = mkdtempSync(join(tmpdir(), 'asyncio-lab-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
