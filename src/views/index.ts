// Non-interactive views of a trace: plain text and NDJSON.
export { PlainView, timePrefix, type PlainLine, type PlainOptions } from './plain.js';
export { describe, newDescribeState, type Detail, type DescribeState } from './describe.js';
export { eventRecord, eventLine, endLine, ndjsonLines } from './ndjson.js';
export { stoppedWatchingMessage, stillRunningHint } from './ending.js';
export { colorLevel, chalkFor, type ColorStream } from './color.js';
