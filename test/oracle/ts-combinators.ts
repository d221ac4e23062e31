// gather / wait / wait_for / shield as the oracle programs call them, on the runtime's
// implementations (src/runtime/gather.ts, wait.ts, wait-for.ts, shield.ts). Each returns what the
// runner awaits with `yield*` (a future or a coroutine), as `await asyncio.gather(...)` etc. would.
import type { Future } from '../../src/runtime/futures.js';
import { gather } from '../../src/runtime/gather.js';
import { shield } from '../../src/runtime/shield.js';
import type { Awaitable } from '../../src/runtime/tasks.js';
import { waitFor } from '../../src/runtime/wait-for.js';
import { type ReturnWhen, wait } from '../../src/runtime/wait.js';

/** `asyncio.gather(*items, return_exceptions=...)`. */
export function gatherOp(items: unknown[], returnExceptions: boolean): unknown {
  return gather(...(items as Awaitable<unknown>[]), { returnExceptions });
}

/** `asyncio.wait(futures, timeout=..., return_when=...)`. */
export function waitOp(futures: Future<unknown>[], timeout: number | null, returnWhen: ReturnWhen): unknown {
  return wait(futures, { timeout, returnWhen });
}

/** `asyncio.wait_for(item, timeout)`. */
export function waitForOp(item: unknown, timeout: number | null): unknown {
  return waitFor(item as Awaitable<unknown>, timeout);
}

/** `asyncio.shield(item)`. */
export function shieldOp(item: unknown): unknown {
  return shield(item as Awaitable<unknown>);
}
