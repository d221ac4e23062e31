// Runs the CLI in-process on fixture lessons with fake streams, a fake wall clock (sleeping
// advances it instantly) and scheduled SIGINTs, and records what a fake UI was asked to do.
import { runCli } from '../../src/commands/run-cli.js';
import type { CliIO, LabArgs, UiModule } from '../../src/commands/io.js';
import type { Lesson } from '../../src/scenarios/types.js';
import { simulateInProcess } from '../../src/playback/simulation.js';
import { fixtureLessons } from './fixtures/lessons.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr in the order they were written, stderr lines marked with "! ". */
  both: string;
  labCalls: LabArgs[];
  menuCalls: number;
  /** The row each menu opened on. */
  menuRows: number[];
  /** The seen marks each menu was given, sorted. */
  menuSeen: string[][];
  /** Wall milliseconds the fake clock advanced. */
  wallMs: number;
}

export interface RunSetup {
  tty?: boolean;
  /** The terminal's width (with tty). */
  columns?: number;
  stdinTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  lessons?: readonly Lesson[];
  /** Wall-clock milliseconds at which a SIGINT arrives. */
  sigintAt?: number[];
  /** Lines typed on stdin (for --step); the word SIGINT stands for a Ctrl+C at that point instead. */
  stdinLines?: string[];
  /** The ids the fake menu returns, one per call (then it is left). */
  menuPicks?: string[];
  /** What the fake lab returns. */
  labStatus?: number;
}

export async function cli(args: string[], setup: RunSetup = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let both = '';
  let now = 0;
  const labCalls: LabArgs[] = [];
  let menuCalls = 0;
  const menuRows: number[] = [];
  const menuSeen: string[][] = [];
  const pending = [...(setup.sigintAt ?? [])].sort((a, b) => a - b);
  let sigint: (() => void) | undefined;
  const stdin = [...(setup.stdinLines ?? [])];
  const lessons = setup.lessons ?? fixtureLessons;
  const ui: UiModule = {
    runLab: async (a) => {
      labCalls.push(a);
      return setup.labStatus ?? 0;
    },
    runMenu: async ({ row, seen }) => {
      menuCalls++;
      menuRows.push(row ?? 0);
      menuSeen.push([...(seen ?? [])].sort());
      // A pick is a lesson id, or `id:variant` for one of its variants; its row is its place in the picks.
      const [id, variantId] = (setup.menuPicks?.[menuCalls - 1] ?? '').split(':');
      const lesson = lessons.find((l) => l.id === id);
      if (!lesson) return undefined;
      return { lesson, variant: lesson.variants.find((v) => v.id === variantId), row: menuCalls };
    },
  };
  const io: CliIO = {
    stdout: {
      isTTY: setup.tty ?? false,
      ...(setup.columns ? { columns: setup.columns } : {}),
      // The --json view writes its lines as UTF-8 bytes.
      write: (written: string | Uint8Array) => {
        const s = typeof written === 'string' ? written : Buffer.from(written).toString('utf8');
        stdout += s;
        both += s;
      },
    },
    stderr: {
      isTTY: setup.tty ?? false,
      write: (written: string | Uint8Array) => {
        const s = typeof written === 'string' ? written : Buffer.from(written).toString('utf8');
        stderr += s;
        both += s.replace(/^(?=.)/gm, '! ');
      },
    },
    stdinIsTTY: setup.stdinTTY ?? setup.tty ?? false,
    env: { NO_COLOR: '1', ...setup.env },
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) return;
      const wake = now + ms;
      if (pending.length > 0 && pending[0]! <= wake) {
        now = Math.max(now, pending.shift()!);
        sigint?.();
        return;
      }
      if (!Number.isFinite(wake)) throw new Error('slept forever');
      now = wake;
    },
    nextLine: async (signal) => {
      if (signal.aborted) return undefined;
      const line = stdin.shift();
      if (line === 'SIGINT') {
        sigint?.();
        return undefined;
      }
      return line;
    },
    onSigint: (handler) => {
      sigint = handler;
      return () => {
        sigint = undefined;
      };
    },
    loadUi: async () => ui,
    simulate: (request) => simulateInProcess(request),
  };
  const code = await runCli(args, { lessons, io, version: '9.9.9' });
  return { code, stdout, stderr, both, labCalls, menuCalls, menuRows, menuSeen, wallMs: now };
}
