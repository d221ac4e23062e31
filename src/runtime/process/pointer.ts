// CPython's source pointer, thread by thread: the line of the innermost frame of the program's own
// file, as `sys.settrace` sees it at every event (call, line, return, exception), consecutive
// repeats dropped (src/recorder/pointer.py records the same on a real interpreter). The program's
// frames are the module, its `py.def` functions and its coroutines (`py.asyncDef`), kept per thread
// innermost last; the pointer follows structurally:
//   - a call pushes a frame at its `def` line (CPython's `call` event);
//   - a coroutine resumed pushes its frame at the line it stands at (its `async def` line on the first
//     step, its `await` on later ones: 3.11's `call` event of a resumption);
//   - a return, a suspension or an exception leaving a frame pops it, and the pointer goes back to
//     the caller's line (while the loop runs, the module's `loop.run_until_complete(...)`);
//   - `py.line(n)` moves the innermost frame (a `line` event).
// Each move the pointer makes is a `line` event of the thread that made it.
import { getRealm } from '../realm.js';
import type { SimThread } from './thread.js';

/** A program frame as the pointer sees it: a StackFrame or a Coroutine, both standing at `line`. */
export interface PointerFrame {
  line: number;
}

export function enterFrame(thread: SimThread, frame: PointerFrame): void {
  thread.frames.push(frame);
  showPointer(thread);
}

export function leaveFrame(thread: SimThread): void {
  thread.frames.pop();
  showPointer(thread);
}

/** The innermost program frame of `thread`, if it is in one. */
export function innermostFrame(thread: SimThread): PointerFrame | undefined {
  return thread.frames[thread.frames.length - 1];
}

/** Emits a `line` event if the innermost frame's line is not where the thread's pointer already is. */
export function showPointer(thread: SimThread): void {
  const top = thread.frames[thread.frames.length - 1];
  // Line 0: a frame with no line of the source (CPython's module frame before its first line, a thread
  // target the program did not define).
  if (top === undefined || top.line <= 0 || top.line === thread.pointer) return;
  thread.pointer = top.line;
  const tracer = getRealm().tracer;
  if (tracer.enabled) tracer.emit({ type: 'line', line: top.line });
}
