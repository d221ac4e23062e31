// A pseudo-terminal session for end-to-end tests: node-pty runs the program as a user's terminal
// would, @xterm/headless interprets what it writes, and the test reads the screen back. Waits are
// for screen conditions with a deadline, never fixed sleeps.
import { afterEach } from 'vitest';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

const { Terminal } = xterm;

export interface SessionOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export interface Session {
  /** Everything the program wrote, escape sequences included. */
  readonly raw: () => string;
  /** The visible screen, one string per row (trailing spaces trimmed). */
  screen(): string[];
  /** The visible screen as one string. */
  text(): string;
  /** 'alternate' while the program draws on the alternate screen. */
  bufferType(): 'normal' | 'alternate';
  write(data: string): void;
  /** Sends a signal to the program. */
  signal(name: NodeJS.Signals): void;
  resize(cols: number, rows: number): void;
  /** Resolves when `predicate(screen text)` holds; rejects with the screen after `timeoutMs`. */
  waitFor(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code; rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number>;
  kill(): void;
}

export const KEYS = { right: '\x1b[C', left: '\x1b[D', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03', enter: '\r', space: ' ' } as const;

/** The sessions a test file starts, each killed after its test (whatever the test left running). */
export function endedAfterEach(): Session[] {
  const sessions: Session[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });
  return sessions;
}

export function spawnSession(file: string, args: string[], options: SessionOptions = {}): Session {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  // The program must believe it runs in a user's terminal: not in CI, colours as the test says.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', ...options.env })) {
    if (v !== undefined && k !== 'CI' && !(k in (options.env ?? {}) && options.env?.[k] === undefined)) env[k] = v;
  }
  const child = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: options.cwd ?? process.cwd(), env });
  let raw = '';
  let exitCode: number | undefined;
  const exitWaiters: ((code: number) => void)[] = [];
  child.onData((data) => {
    raw += data;
    term.write(data);
  });
  child.onExit(({ exitCode: code }) => {
    exitCode = code;
    for (const w of exitWaiters) w(code);
  });
  // xterm parses writes asynchronously: flush before reading the screen.
  const flushed = () => new Promise<void>((resolve) => term.write('', resolve));
  const screen = () => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  return {
    raw: () => raw,
    screen,
    text: () => screen().join('\n'),
    bufferType: () => term.buffer.active.type,
    write: (data) => child.write(data),
    signal: (name) => process.kill(child.pid, name),
    resize: (c, r) => {
      child.resize(c, r);
      term.resize(c, r);
    },
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await flushed();
        const text = screen().join('\n');
        if (predicate(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    exited(timeoutMs = 15_000) {
      if (exitCode !== undefined) return flushed().then(() => exitCode!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`program did not exit; screen:\n${screen().join('\n')}`)), timeoutMs);
        exitWaiters.push((code) => {
          clearTimeout(timer);
          void flushed().then(() => resolve(code));
        });
      });
    },
    kill: () => {
      if (exitCode === undefined) child.kill();
    },
  };
}
