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

/**
 * Reads the recorder's NDJSON as it comes, in pieces of any size: each whole line is an event or
 * the control record; a line that is not JSON ends the reading (the process died mid-line).
 */
export class RecordingParser {
  control: Control | undefined = undefined;
  private rest = '';
  private broken = false;

  /** The events in `text` (and what was left over from the piece before). */
  push(text: string): TraceEvent[] {
    const events: TraceEvent[] = [];
    if (this.broken) return events;
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) {
      if (line === '') continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.broken = true;
        break;
      }
      if ('control' in record) this.control = record as unknown as Control;
      else events.push(record as unknown as TraceEvent);
    }
    return events;
  }

  /** The end of the text: a last line without its newline is read too. */
  finish(): TraceEvent[] {
    const rest = this.rest;
    this.rest = '';
    return rest === '' ? [] : this.push(rest + '\n');
  }
}

/** Parses the recorder's whole NDJSON at once. */
export function parseRecording(text: string): Recording {
  const parser = new RecordingParser();
  const events = parser.push(text);
  for (const e of parser.finish()) events.push(e);
  return parser.control === undefined ? { events } : { events, control: parser.control };
}

/** True when the recorder finished its recording: the program exited, or the recorder said why not. */
export function isFinished(recording: Recording): boolean {
  return recording.control !== undefined || recording.events.at(-1)?.type === 'exit';
}
