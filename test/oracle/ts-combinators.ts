// gather / wait / wait_for / shield as the oracle programs call them, on the runtime's
// implementations (src/runtime/gather.ts, wait.ts, wait-for.ts, shield.ts).
// Each returns something the runner awaits with `yield*`.

import { gather } from '../../src/runtime/gather.js';
import type { Awaitable } from '../../src/runtime/tasks.js';

function missing(name: string): never {
  throw new Error(`the runtime has no ${name} yet`);
}

export function gatherOp(items: unknown[], returnExceptions: boolean): unknown {
  return gather(...(items as Awaitable<unknown>[]), { returnExceptions });
}

export function waitOp(_futures: unknown[], _timeout: number | null, _returnWhen: string): unknown {
  return missing('wait');
}

export function waitForOp(_item: unknown, _timeout: number | null): unknown {
  return missing('wait_for');
}

export function shieldOp(_item: unknown): unknown {
  return missing('shield');
}
