// The clock as a program reads it: every read one tick later, waits adding their timeout, the
// instant moved by waits only; and the same arithmetic, bit for bit, as the Python harnesses' clock
// (VirtualClock in src/engines/virtual_time.py), which the oracle relies on.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOCK_TICK, VirtualClock } from '../../../src/runtime/clock.js';
import { newEventLoop } from '../../../src/runtime/policy.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { nativeRealm } from '../native-python.js';

/** A script of clock operations: a number is a wait of that many seconds, 'r' a read. */
const SCRIPT: (number | 'r')[] = ['r', 'r', 0.1, 'r', 'r', 'r', 0.099999, 'r', 1e-7, 'r', 86400, 'r', 'r', 2.5e-10, 'r'];

function runTs(origin: number): number[] {
  const clock = new VirtualClock({ origin });
  const out: number[] = [];
  for (const op of SCRIPT) {
    if (op === 'r') out.push(clock.read());
    else clock.advance(op);
    out.push(clock.peek(), clock.instant, clock.elapsed());
  }
  return out;
}

function runPython(origin: number): number[] {
  const dir = join(import.meta.dirname, '../../../src/engines');
  const program = `
import json, sys
sys.path.insert(0, ${JSON.stringify(dir)})
from virtual_time import VirtualClock
clock = VirtualClock(origin=${origin})
out = []
for op in json.loads(sys.argv[1]):
    if op == 'r':
        out.append(clock.read())
    else:
        clock.advance(op)
    out += [clock.peek(), clock.instant, clock.instant + clock.reads * clock.tick]
print(json.dumps([x.hex() for x in out]))
`;
  const run = spawnSync('python3', ['-c', program, JSON.stringify(SCRIPT)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as string[]).map(fromPythonHex);
}

/** A float from Python's float.hex() ('0x1.999999999999ap-4'), exactly. */
function fromPythonHex(hex: string): number {
  const m = /^(-)?0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(hex);
  if (m === null) {
    if (hex === '0x0.0p+0') return 0;
    throw new Error(`not a float hex: ${hex}`);
  }
  const mantissa = BigInt(`0x${m[2]}${(m[3] ?? '').padEnd(13, '0')}`);
  const value = Number(mantissa) * 2 ** (Number(m[4]) - 52);
  return m[1] ? -value : value;
}

describe('the clock', () => {
  it('ticks once per read, adds waits to the instant, and leaves the instant alone on reads', () => {
    const clock = new VirtualClock({ origin: 100 });
    expect(clock.read()).toBe(100 + CLOCK_TICK);
    expect(clock.read()).toBe(100 + 2 * CLOCK_TICK);
    expect(clock.instant).toBe(0);
    clock.advance(0.5);
    expect(clock.instant).toBe(0.5);
    expect(clock.peek()).toBe(100 + 0.5 + 2 * CLOCK_TICK);
    expect(clock.read()).toBe(100 + 0.5 + 3 * CLOCK_TICK);
    expect(clock.elapsed()).toBe(0.5 + 3 * CLOCK_TICK);
    const frozen = new VirtualClock({ tick: 0 });
    expect([frozen.read(), frozen.read()]).toEqual([0, 0]);
  });

  it('computes every reading with the same bits as the Python harnesses do', () => {
    for (const origin of [0, 4521.302017]) expect(runTs(origin)).toEqual(runPython(origin));
  });

  it('keeps an endless call_soon chain at one instant while its reads move the clock', () => {
    const realm = nativeRealm();
    withRealm(realm, () => {
      const loop = newEventLoop();
      let n = 0;
      const again = () => {
        loop.time();
        if (++n < 1000) loop.callSoon(again);
        else loop.stop();
      };
      loop.callSoon(again);
      loop.runForever();
      loop.close();
    });
    expect(realm.clock.instant).toBe(0);
    expect(realm.clock.elapsed()).toBeGreaterThan(1000 * CLOCK_TICK);
  });
});
