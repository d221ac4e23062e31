// What the simulation's worker thread and the UI's thread say to each other. Messages carry the
// events; a small shared buffer carries what must reach a worker that is busy or waiting inside the
// simulation (where it cannot read messages): how many events the reader has used, and a Ctrl+C.
import type { TraceEvent } from '../runtime/trace.js';
import type { Budgets } from './budgets.js';
import type { PlainRunOptions, RunTarget, SimulationEnd, TextBatch } from './simulation.js';

export interface WorkerInput {
  target: RunTarget;
  options: PlainRunOptions;
  budgets: Budgets;
  /** How many events the worker may be ahead of what the reader has used. */
  ahead: number;
  /** The shared control buffer (CONTROL_BYTES long). */
  control: SharedArrayBuffer;
  /** 'ndjson': the worker sends the events as NDJSON text (the --json view), formatted there. */
  format: 'events' | 'ndjson';
}

export type WorkerMessage =
  | { type: 'events'; events: TraceEvent[] }
  | ({ type: 'text' } & TextBatch)
  | ({ type: 'end' } & SimulationEnd);

/** Int32 slots of the control buffer. */
export const ACKED = 0;
/** A command from the reader: NONE, or INTERRUPT at the time in the Float64 slot. */
export const COMMAND = 1;
/**
 * What the worker is doing: BUSY (simulating), AT_CLOCK_MOVE (held before its clock moves: the run
 * stands exactly at its latest time) or MID_STRETCH (held between events of a stretch of code that
 * has not waited since). A Ctrl+C reaches the live run in all three.
 */
export const WAITING = 2;
export const BUSY = 0;
export const AT_CLOCK_MOVE = 1;
export const MID_STRETCH = 2;
/** How many more times the clock may move past the allowed time (a step forward at the frontier). */
export const ADVANCES = 3;
export const NONE = 0;
export const INTERRUPT = 1;
/** Byte offset of the Float64 slot holding a Ctrl+C's simulated time. */
export const INTERRUPT_T_OFFSET = 16;
/**
 * Byte offset of the Float64 slot holding the allowed time: the worker holds the run before its
 * clock moves past it (Infinity for views that read as fast as they can; a live view's present).
 */
export const ALLOWED_T_OFFSET = 24;
export const CONTROL_BYTES = 32;
