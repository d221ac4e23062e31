// What the recorder (recorder.py) writes on its descriptor, read back: the lab's trace events,
// and at most one control record saying why the run ended early (the horizon, a budget), why it
// was refused (standard input, the network, a subprocess), or that it needs real time (threads).
import type { TraceEvent } from '../runtime/trace.js';

export type Control =
  /** The run stopped before the program exited: at the horizon (`until`), or at a budget. */
  | { control: 'end'; why: 'until' | 'cpu' | 'events'; t: number; limit?: number; hang?: string }
  /** The program asked for something a recorded run does not give; `line` is the program's line. */
  | { control: 'refused'; what: 'stdin' | 'network' | 'subprocess' | 'threads' | 'import'; line: number | null; message: string; t: number }
  /** The program started a thread in virtual time: run it again in real time. */
  | { control: 'restart'; why: 'threads'; line: number | null; t: number };

export interface Recording {
  events: TraceEvent[];
  control?: Control;
}

/** Parses the recorder's NDJSON; a line that is not JSON ends the reading (the process died mid-line). */
export function parseRecording(text: string): Recording {
  const events: TraceEvent[] = [];
  let control: Control | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      break;
    }
    if ('control' in record) control = record as unknown as Control;
    else events.push(record as unknown as TraceEvent);
  }
  return control === undefined ? { events } : { events, control };
}
