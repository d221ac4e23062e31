// The `time` module of the simulated process: time.sleep blocks the calling thread (and only it)
// for virtual seconds; time.monotonic() is the process clock every loop reads; time.time() and
// time.ctime() are wall-clock readings that start at a fixed date, so every run prints the same.
import { ValueError } from '../exceptions.js';
import type { Realm } from '../realm.js';
import type { Op } from './requests.js';

/** The wall clock when a simulated process starts: Wed Nov 25 10:14:23 2026 (UTC, shown as local time). */
export const WALL_CLOCK_START = Date.UTC(2026, 10, 25, 10, 14, 23) / 1000;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface PyTime {
  /** `time.sleep(seconds)`: `yield* py.time.sleep(1)`. */
  sleep(seconds: number): Op<void>;
  /** `time.time()`: seconds since the epoch. */
  time(): number;
  /** `time.monotonic()`: the process clock (what loop.time() reads). */
  monotonic(): number;
  /** `time.perf_counter()`: the same clock. */
  perf_counter(): number;
  /** `time.ctime(secs?)`: 'Wed Nov 25 10:14:23 2026'. */
  ctime(seconds?: number): string;
}

/** `time.ctime(seconds)`: `%a %b %e %H:%M:%S %Y`, the day of month padded with a space. */
export function ctime(seconds: number): string {
  const d = new Date(Math.floor(seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export function createTime(realm: Realm): PyTime {
  // time.time() moves with the monotonic clock (both are reads of one process-wide counter), from a fixed date.
  const time = () => WALL_CLOCK_START + (realm.clock.read() - realm.clock.origin);
  return {
    *sleep(seconds: number) {
      if (seconds < 0) throw new ValueError('sleep length must be non-negative');
      yield { kind: 'sleep', seconds };
    },
    time,
    monotonic: () => realm.clock.read(),
    perf_counter: () => realm.clock.read(),
    ctime: (seconds?: number) => ctime(seconds ?? time()),
  };
}
