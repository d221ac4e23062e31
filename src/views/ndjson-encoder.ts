// The NDJSON view's lines written straight into UTF-8 bytes: the one definition of an event's line
// (src/views/ndjson.ts reads `eventLine` from here). A long `--json` run writes tens of millions of
// lines; building each as a string, joining them and copying the text to the UI's thread cost
// several times the simulation's own time, so the simulation's worker fills a byte buffer and
// hands it over without a copy (transferred).
//
// A line is the text JSON.stringify gives for the event's record: `type` first, then the event's
// own fields in their order (fields set to undefined left out), then `thread` and `t`; a printed
// line reads type, stream, thread, text, t (and race). test/playback/ndjson-line.test.ts holds it
// to JSON.stringify for every event of every lesson.
import type { TraceEvent } from '../runtime/trace.js';

const utf8 = new TextEncoder();
const decoder = new TextDecoder();
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Numbers this far from zero have a spacing between doubles well under a millionth, so a number
 * that is a whole count of millionths is written with at most six decimals (see `writeNumber`).
 */
const MICRO_EXACT_BELOW = 2 ** 30;

/** How many formatted non-integer numbers an encoder keeps (see `number`). */
const NUMBERS_KEPT = 4;

/** `,"key":` for each key met (keys are few: the fields of the trace's event types). */
const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) keyTexts.set(key, (text = `,"${key}":`));
  return text;
}

/** NDJSON lines written into a growing byte buffer; `take()` hands the bytes over and starts again. */
export class NdjsonEncoder {
  private bytes: Uint8Array;
  private pos = 0;
  /** Lines written since the last `take()`. */
  count = 0;
  private readonly numbers = new Float64Array(NUMBERS_KEPT).fill(Number.NaN);
  private readonly numberTexts: string[] = new Array<string>(NUMBERS_KEPT).fill('');
  private nextNumber = 0;
  private lastThread = '';
  private lastThreadText = '';

  constructor(private readonly capacity = 1 << 19) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Bytes written since the last `take()`. */
  get length(): number {
    return this.pos;
  }

  /** The lines written so far, as bytes (a buffer of their own: they may be transferred). */
  take(): Uint8Array {
    const out = this.bytes.subarray(0, this.pos);
    this.bytes = new Uint8Array(Math.max(this.capacity, this.pos));
    this.pos = 0;
    this.count = 0;
    return out;
  }

  /** The lines written so far, as text; the buffer is then reused. */
  text(): string {
    const text = decoder.decode(this.bytes.subarray(0, this.pos));
    this.pos = 0;
    this.count = 0;
    return text;
  }

  /** Appends one event's line and its newline. */
  add(event: TraceEvent): void {
    this.raw('{"type":"');
    this.raw(event.type);
    if (event.type === 'output') {
      this.raw('","stream":"');
      this.raw(event.stream);
      this.raw('","thread":');
      this.string(event.thread);
      this.raw(',"text":');
      this.string(event.text);
      this.raw(',"t":');
      this.number(event.t);
      if (event.race !== undefined) {
        this.raw(',"race":');
        this.raw(String(event.race));
      }
    } else {
      this.byte(QUOTE);
      const record = event as unknown as Record<string, unknown>;
      for (const key in record) {
        if (key === 'type' || key === 't' || key === 'thread') continue;
        const value = record[key];
        if (value === undefined) continue;
        this.raw(keyText(key));
        this.value(value);
      }
      this.raw(this.threadText(event.thread));
      this.number(event.t);
    }
    this.raw('}\n');
    this.count++;
  }

  private value(value: unknown): void {
    if (typeof value === 'number') this.number(value);
    else if (typeof value === 'string') this.string(value);
    else if (value === true) this.raw('true');
    else if (value === false) this.raw('false');
    else this.utf8(JSON.stringify(value));
  }

  /** `,"thread":"MainThread","t":` for the last thread seen. */
  private threadText(thread: string): string {
    if (thread !== this.lastThread) {
      this.lastThread = thread;
      this.lastThreadText = `,"thread":${JSON.stringify(thread)},"t":`;
    }
    return this.lastThreadText;
  }

  private number(n: number): void {
    if ((n | 0) === n) return this.integer(n | 0);
    // Formatting a double is the dearest part of a line, and the same few numbers come back
    // (an event's time is the previous one's, a thread wakes at the time it said it would): the
    // last few are kept.
    const numbers = this.numbers;
    for (let i = 0; i < NUMBERS_KEPT; i++) if (numbers[i] === n) return this.raw(this.numberTexts[i]!);
    const text = numberText(n);
    const slot = this.nextNumber;
    numbers[slot] = n;
    this.numberTexts[slot] = text;
    this.nextNumber = (slot + 1) % NUMBERS_KEPT;
    this.raw(text);
  }

  /** An int32 as its decimal digits (no string made). */
  private integer(n: number): void {
    this.room(11);
    const bytes = this.bytes;
    if (n < 0) {
      if (n === -2147483648) return this.raw('-2147483648');
      bytes[this.pos++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      bytes[--at] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }

  /** A string as JSON writes it: printable ASCII byte by byte, anything else through JSON.stringify. */
  private string(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const bytes = this.bytes;
    const start = this.pos;
    let at = start;
    bytes[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return this.utf8(JSON.stringify(s));
      bytes[at++] = c;
    }
    bytes[at++] = QUOTE;
    this.pos = at;
  }

  /** Text written as it is (keys, types, numbers: ASCII in practice; anything else as UTF-8). */
  private raw(s: string): void {
    const n = s.length;
    this.room(n);
    const bytes = this.bytes;
    const start = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        this.pos = start;
        return this.utf8(s);
      }
      bytes[start + i] = c;
    }
    this.pos = start + n;
  }

  private utf8(s: string): void {
    // JSON.stringify leaves no lone surrogate, so UTF-8 takes at most three bytes per code unit.
    this.room(3 * s.length);
    this.pos += utf8.encodeInto(s, this.bytes.subarray(this.pos)).written;
  }

  private byte(c: number): void {
    this.room(1);
    this.bytes[this.pos++] = c;
  }

  /** Makes room for `n` more bytes (the buffer doubles as needed). */
  private room(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.pos + n));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }
}

/**
 * A number as JSON writes it (non-finite numbers are null). Simulated times and timeouts are often
 * a whole count of millionths (the clock's tick): such a number is written from that count, which
 * is the shortest text that reads back as it, the one String(n) gives, without V8's general and
 * much slower shortest-digits search.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = n < 0 ? -n : n;
  if (abs >= 1e-6 && abs < MICRO_EXACT_BELOW) {
    const micros = Math.round(abs * 1e6);
    if (micros / 1e6 === abs) {
      // Below 2^30 two doubles are less than a millionth apart, so no other count of millionths
      // reads back as `n`, and no shorter text does (fewer digits would be another count).
      let fraction = micros % 1e6;
      let text = String((micros - fraction) / 1e6);
      if (fraction !== 0) {
        let digits = 6;
        while (fraction % 10 === 0) {
          fraction /= 10;
          digits--;
        }
        text += '.' + String(fraction).padStart(digits, '0');
      }
      return n < 0 ? '-' + text : text;
    }
  }
  return String(n);
}
