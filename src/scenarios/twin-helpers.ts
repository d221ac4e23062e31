// What more than one lesson's twin needs.
import { AttributeError, type KeyboardInterrupt } from '../runtime/exceptions.js';

/** What asyncio.Task.all_tasks() raises on Python 3.9+ (the article's stop programs call it in their except). */
export function allTasksRemoved(context: KeyboardInterrupt): AttributeError {
  const error = new AttributeError("type object '_asyncio.Task' has no attribute 'all_tasks'");
  error.__context__ = context;
  return error;
}
