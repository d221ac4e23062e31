// The simulated monotonic clock, as a program reads it on CPython (time.monotonic, what loop.time()
// returns). Mirrors no CPython file: it stands for the machine's clock.
//
// On a real machine the clock moves while code runs: two reads from successive statements never
// return the same value, so two `call_later(1.0)` from successive statements get different deadlines
// and run first in, first out. A lab clock that stood still while code ran would make them tie, and
// heapq would then pop them in an order CPython never shows. So:
//
//   * every read by the program or by the loop (`loop.time()`, `time.monotonic()`, `time.time()`,
//     a queue's deadline) is one more tick of one process-wide counter:
//         reading = (origin + instant) + reads * tick        (`reads` counts this read too)
//     evaluated in exactly that order, in IEEE doubles, so a Python harness computes the same bits;
//   * a wait (the selector's select(), time.sleep, a blocking get or join) adds its timeout to
//     `instant`: the next reading is the reading before the wait plus the timeout plus one tick;
//   * observers (the trace's `t`, the kernel's bookkeeping) look without reading: `elapsed()`, the
//     last reading less the origin (computed as `instant + reads * tick`), is the time since the
//     process started and every trace event's `t`.
//
// `instant` is the time advanced by waits only: what the lab calls "the same instant". An endless
// call_soon chain never waits, so it stays at one instant however far its ticks take the clock;
// two threads woken by one wait of the kernel share one instant (and race).

/** One tick: how much a reading moves per read (small enough that no lesson's output changes). */
export const CLOCK_TICK = 1e-6;

/**
 * `time.get_clock_info('monotonic').resolution` on Windows (GetTickCount64: 15.625 ms), for a coarse
 * clock: readings move in steps this large, so deadlines computed a few statements apart often tie.
 */
export const WINDOWS_CLOCK_RESOLUTION = 0.015625;

/** `time.get_clock_info('monotonic').resolution` on Linux: the loop's window for due timers. */
export const LINUX_CLOCK_RESOLUTION = 1e-9;

/** Where a simulated process's monotonic clock starts: an arbitrary, fixed origin, as on a real machine. */
export const PROCESS_CLOCK_ORIGIN = 4521.302017;

export interface ClockOptions {
  /** The reading before any wait or read (CPython's monotonic clock starts at boot: any value). Default 0. */
  origin?: number;
  /** Seconds added to the reading by each read. Default CLOCK_TICK; 0 freezes the clock between waits. */
  tick?: number;
  /**
   * A coarse clock: every reading is rounded down to a whole multiple of this many seconds
   * (`Math.floor(raw / resolution) * resolution`), as Windows' 15.6 ms clock reads; loops on it use it
   * as their clock resolution (the window for due timers). Default: a fine clock (1 ns, not rounded).
   */
  resolution?: number;
}

/** The simulated monotonic clock. */
export interface Clock {
  /** A read by the program or the loop: one tick later than the read before. */
  read(): number;
}

export class VirtualClock implements Clock {
  readonly origin: number;
  readonly tick: number;
  /** Time advanced by waits only, since start (seconds): events at one instant happen "at the same time". */
  instant = 0;
  /** How many times the program or the loop has read the clock. */
  reads = 0;
  /** `time.get_clock_info('monotonic').resolution`: what a loop on this clock takes as its resolution. */
  readonly resolution: number;
  private readonly coarse: boolean;

  constructor(options: ClockOptions = {}) {
    this.origin = options.origin ?? 0;
    this.tick = options.tick ?? CLOCK_TICK;
    this.coarse = options.resolution !== undefined;
    this.resolution = options.resolution ?? LINUX_CLOCK_RESOLUTION;
  }

  /** A read by the program or the loop: `(origin + instant) + reads * tick`, one tick on. */
  read(): number {
    this.reads += 1;
    return this.peek();
  }

  /** The last reading, without reading again (for observers: views, tests). */
  peek(): number {
    const raw = this.origin + this.instant + this.reads * this.tick;
    return this.coarse ? Math.floor(raw / this.resolution) * this.resolution : raw;
  }

  /** Time since start, ticks included, without reading: the `t` of trace events. */
  elapsed(): number {
    return this.instant + this.reads * this.tick;
  }

  /** A wait of `seconds` (a selector's timeout, time.sleep): the same float addition the Python harness does. */
  advance(seconds: number): void {
    this.instant = this.instant + seconds;
  }

  /** A wait until `elapsed` (time since start); never backwards. */
  waitUntil(elapsed: number): void {
    const now = this.elapsed();
    if (elapsed > now) this.advance(elapsed - now);
  }
}
