#!/usr/bin/env python3
"""The CPython side of bench/runtime.bench.ts: the same four workloads on real asyncio, on the same
kind of virtual-time loop the oracle uses (a SelectorEventLoop whose time() is virtual and whose
select(timeout) advances it; _run_once untouched), plus tracemalloc's bytes per pending timer.

Usage: python3 bench/cpython_workloads.py [scale] [repeats] [workload name | timer-bytes]
Prints one JSON object: {"python": version, "results": {workload: {"ops": n, "seconds": best}}, "timerBytes": b}.
scale (default 1) multiplies every workload size; the best of `repeats` runs (default 3) is reported.
With a workload name only that workload runs; with 'timer-bytes' only the memory measurement.
"""
import asyncio
import gc
import json
import random
import selectors
import sys
import time
import tracemalloc


class VirtualSelector(selectors.SelectSelector):
    def __init__(self, clock):
        super().__init__()
        self._clock = clock

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('the workload would hang')
        self._clock[0] += timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._clock = [0.0]
        super().__init__(VirtualSelector(self._clock))

    def time(self):
        return self._clock[0]


def chained_call_soon(loop, n):
    """n callbacks, each scheduling the next with call_soon (one per loop iteration)."""
    left = [n]

    def step():
        left[0] -= 1
        if left[0] > 0:
            loop.call_soon(step)
        else:
            loop.stop()

    loop.call_soon(step)
    loop.run_forever()
    return n


def timers_half_cancelled(loop, n):
    """n call_later timers with random deadlines in [0, 10) s; every other one cancelled."""
    rng = random.Random(1)
    fired = [0]

    def tick():
        fired[0] += 1

    handles = [loop.call_later(rng.random() * 10, tick) for _ in range(n)]
    for h in handles[::2]:
        h.cancel()
    loop.call_later(10, loop.stop)
    loop.run_forever()
    assert fired[0] == n - len(handles[::2]), fired[0]
    return n


def tasks_sleep0(loop, n_tasks, steps):
    """n_tasks tasks, each awaiting sleep(0) `steps` times."""
    async def worker():
        for _ in range(steps):
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*[worker() for _ in range(n_tasks)])

    loop.run_until_complete(main())
    return n_tasks * steps


def gather_futures(loop, n):
    """gather over n futures, each resolved by its own call_soon callback."""
    async def main():
        futs = [loop.create_future() for _ in range(n)]
        for i, f in enumerate(futs):
            loop.call_soon(f.set_result, i)
        results = await asyncio.gather(*futs)
        assert len(results) == n

    loop.run_until_complete(main())
    return n


def timer_bytes(n):
    """Bytes traced by tracemalloc per pending call_later timer (handle + heap slot)."""
    loop = VirtualLoop()

    def cb():
        pass

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(n):
        loop.call_later(1 + i * 1e-6, cb)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    # Only the loop holds the handles (its heap), as in the runtime's measurement.
    per = (after - before) / len(loop._scheduled)
    loop.close()
    return per


def main():
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    s = lambda n: max(1, int(n * scale))
    workloads = {
        'call_soon chain': lambda loop: chained_call_soon(loop, s(1_000_000)),
        'call_later, half cancelled': lambda loop: timers_half_cancelled(loop, s(200_000)),
        'tasks x sleep(0)': lambda loop: tasks_sleep0(loop, s(10_000), 100),
        'gather futures': lambda loop: gather_futures(loop, s(100_000)),
    }
    only = sys.argv[3] if len(sys.argv) > 3 else None
    results = {}
    for name, fn in workloads.items():
        if only is not None and only != name:
            continue
        best = None
        ops = 0
        for _ in range(repeats):
            loop = VirtualLoop()
            gc.collect()
            t0 = time.perf_counter()
            ops = fn(loop)
            dt = time.perf_counter() - t0
            loop.close()
            best = dt if best is None else min(best, dt)
        results[name] = {'ops': ops, 'seconds': best}
    out = {'python': sys.version.split()[0], 'results': results}
    if only is None or only == 'timer-bytes':
        out['timerBytes'] = timer_bytes(s(100_000))
    print(json.dumps(out))


if __name__ == '__main__':
    main()
