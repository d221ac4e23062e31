// asyncio's own deprecations that depend on the version: 3.14 deprecated the event loop policy
// system and asyncio.iscoroutinefunction, slated for removal in 3.16 (Lib/asyncio/events.py's
// get_event_loop_policy / set_event_loop_policy, coroutines.py's iscoroutinefunction, __init__.py's
// module __getattr__ for the policy classes). Each calls `warnings._deprecated(name, remove=(3, 16))`,
// which warns with stacklevel=3: the place shown is the line that called the asyncio function, as
// the realm's warn() names it (the running program's current line). Before 3.14 nothing is said.
import { getRealm } from './realm.js';

/**
 * `warnings._deprecated(name, message, remove=...)` from asyncio, if this version deprecates it:
 * `'asyncio.get_event_loop_policy' is deprecated and slated for removal in Python 3.16`, and
 * `advice` after a semicolon when the message carries one.
 */
export function warnDeprecated(name: string, advice?: string): void {
  const realm = getRealm();
  const remove = realm.python.policyRemovedIn;
  if (remove === null) return;
  const message = `'${name}' is deprecated and slated for removal in Python ${remove}`;
  realm.warn?.('DeprecationWarning', advice === undefined ? message : `${message}; ${advice}`);
}
