import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { fixtureLessons } from './fixtures/lessons.js';
import { cli } from './harness.js';

/** What the plain view says about the fixture lesson `greet` before its run. */
const greetIntro = ['» Greeting', '» What to watch:', '»   What greet shows.', ''];

describe('choosing a view', () => {
  it('opens the interactive UI in a terminal, with the options the flags ask for', async () => {
    const run = await cli(['ticker', 'plain', '--speed', '2', '--step', '--debug', '--interrupt-at', '2', '--lang', 'zh', '--python', '3.13'], { tty: true });
    expect(run.stdout).toBe('');
    expect(run.labCalls).toHaveLength(1);
    const [call] = run.labCalls;
    expect(call!.lesson.id).toBe('ticker-plain');
    expect(call).toMatchObject({ speed: 2, startPaused: true, instant: false, lang: 'zh' });
    // Without --until: the lesson's span (3 s), then as long again after the last Ctrl+C.
    expect(call!.options).toEqual({ asWritten: false, debug: true, interrupts: [2], until: 5, python: '3.13' });
  });

  it('passes the chosen variant to the UI', async () => {
    const run = await cli(['ticker', 'loud', '--variant', 'loud', '--as-written'], { tty: true });
    expect(run.labCalls[0]!.variant).toBe('loud');
    expect(run.labCalls[0]!.options.asWritten).toBe(true);
  });

  it('falls back to plain when stdout is not a terminal, or CI is set', async () => {
    expect((await cli(['greet'])).labCalls).toHaveLength(0);
    const ci = await cli(['greet'], { tty: true, env: { CI: '1' } });
    expect(ci.labCalls).toHaveLength(0);
    expect(ci.stdout).toContain('hello: \'hi\' "x"');
  });
});

describe('--plain', () => {
  it('prints the program lines unprefixed between learner steps prefixed with the simulated time', async () => {
    const run = await cli(['greet', '--plain']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        ...greetIntro,
        // One line per learner step, what it printed and the lesson's notes inside it, then its other changes.
        '   0.000  MainThread prints 1 line',
        '   0.000  » registering the callback',
        '注册callback函数',
        "   0.000    greet('hi') appended to the ready queue",
        "   0.500  greet('hi') runs",
        'hello: \'hi\' "x"',
        '   1.000  The process exits with status 0',
        '',
      ].join('\n'),
    );
  });

  it('prints only the program lines with --output-only, stdout and stderr apart', async () => {
    const run = await cli(['ticker', '--output-only', '--interrupt-at', '1.5']);
    expect(run.stdout).toBe('start\ntick 1\n');
    expect(run.stderr).toBe('Traceback (most recent call last):\nKeyboardInterrupt\n');
    expect(run.code).toBe(1);
  });

  it('shows every event with --verbose, quoting the executing source line', async () => {
    const run = await cli(['greet', '--verbose']);
    expect(run.stdout).toContain('   0.000  line 1: print("hi")\n');
    expect(run.stdout).toContain("   0.500  greet('hi') returned after 0.000 s\n");
  });

  it('writes the timeline in Chinese with --lang zh', async () => {
    const run = await cli(['greet', '--plain', '--lang', 'zh']);
    expect(run.stdout).toContain('   0.000  » 注册回调\n');
    expect(run.stdout).toContain('   1.000  进程退出,状态码 0\n');
  });

  it('runs the article program with --as-written, a variant with --variant, debug mode with --debug', async () => {
    expect((await cli(['greet', '--output-only', '--as-written'])).stdout).toContain('注册callback函数 (as written)');
    expect((await cli(['ticker', 'loud', '--output-only', '--variant', 'loud'])).stdout).toContain('HELLO');
    expect((await cli(['greet', '--plain', '--debug'])).stdout).toContain('ResourceWarning: unclosed event loop');
  });

  it('stops at the lesson default for a run that never ends, and says so on stderr', async () => {
    const run = await cli(['ticker', '--output-only']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('start\ntick 1\ntick 2\ntick 3\n');
    expect(run.stderr).toMatch(/^stopped watching at 3\.000 s: the process is still running; .*--interrupt-at <s>.*--until <s>\n$/);
  });

  it('watches until --until when given', async () => {
    const run = await cli(['ticker', '--output-only', '--until', '1.5']);
    expect(run.stdout).toBe('start\ntick 1\n');
    expect(run.stderr).toContain('stopped watching at 1.500 s');
  });

  it('colours the timeline only when colour is allowed', async () => {
    const plain = await cli(['greet', '--plain']);
    expect(plain.stdout).not.toContain('\x1b[');
    const forced = await cli(['greet', '--plain'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(forced.stdout).toContain('\x1b[2m');
    // The program's own lines are never coloured.
    expect(forced.stdout).toContain('\n注册callback函数\n');
  });
});

describe('--json', () => {
  it('prints one event per line, each with type and t, output lines as Python printed them', async () => {
    const run = await cli(['greet', '--json']);
    const events = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toHaveLength(8);
    for (const event of events) {
      expect(typeof event.type).toBe('string');
      expect(typeof event.t).toBe('number');
    }
    const outputs = run.stdout.split('\n').filter((line) => line.includes('"type":"output"'));
    expect(outputs).toEqual([
      '{"type":"output","stream":"stdout","thread":"MainThread","text":"注册callback函数","t":0}',
      '{"type":"output","stream":"stdout","thread":"MainThread","text":"hello: \'hi\' \\"x\\"","t":0.5}',
    ]);
  });

  it('closes a run that never ends with a stopped_watching line', async () => {
    const run = await cli(['ticker', '--json']);
    const last = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!);
    expect(last).toEqual({ type: 'stopped_watching', running: true, t: 3 });
    expect(run.stderr).toContain('stopped watching at 3.000 s');
  });

  it('changes the trace with --interrupt-at', async () => {
    const plain = await cli(['ticker', '--json']);
    const interrupted = await cli(['ticker', '--json', '--interrupt-at', '1.5']);
    const types = (out: string) => out.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; t: number });
    expect(types(plain.stdout).some((e) => e.type === 'interrupt')).toBe(false);
    expect(types(interrupted.stdout).filter((e) => e.type === 'interrupt')).toEqual([{ type: 'interrupt', n: 1, thread: 'MainThread', t: 1.5 }]);
    expect(interrupted.code).toBe(1);
  });
});

describe('paced plain playback', () => {
  it('paces by simulated time divided by speed when --speed is given', async () => {
    const run = await cli(['greet', '--output-only', '--speed', '2']);
    expect(run.stdout).toBe('注册callback函数\nhello: \'hi\' "x"\n');
    // The last event (exit) is at 1 s simulated: 500 ms of wall time at 2x.
    expect(run.wallMs).toBeCloseTo(500);
  });

  it('does not pace piped output, nor with --instant', async () => {
    expect((await cli(['greet', '--output-only'])).wallMs).toBe(0);
    expect((await cli(['greet', '--plain', '--instant'], { tty: true })).wallMs).toBe(0);
  });

  it('delivers a real Ctrl+C to the simulated program at the simulated present', async () => {
    // At 1x, the SIGINT at wall 1.5 s lands at simulated 1.5 s: tick 1 printed, then KeyboardInterrupt.
    const run = await cli(['ticker', '--plain', '--speed', '1'], { sigintAt: [1500] });
    expect(run.code).toBe(1);
    expect(run.both).toContain(
      [
        'tick 1',
        '   1.000  Timer tick(2) pushed on the heap',
        '   1.000    select() waits',
        '   1.500  Ctrl+C: KeyboardInterrupt is raised in MainThread',
        '   1.500    Ctrl+C breaks select()',
        '   1.500  MainThread prints a traceback (2 lines to stderr)',
        '! Traceback (most recent call last):',
        '! KeyboardInterrupt',
        '   1.500    the process exits with status 1',
        '',
      ].join('\n'),
    );
    expect(run.stdout).not.toContain('tick 2');
  });

  it('keeps watching a run that never ends until Ctrl+C when no --until is given', async () => {
    const run = await cli(['ticker', '--output-only', '--speed', '10'], { sigintAt: [950] });
    // 950 ms at 10x is 9.5 s simulated, three times past the lesson's default span of 3 s.
    expect(run.stdout).toBe(['start', ...Array.from({ length: 9 }, (_, i) => `tick ${i + 1}`), ''].join('\n'));
    expect(run.stderr).toBe('(the process is still running, it never exits by itself; press Ctrl+C)\nTraceback (most recent call last):\nKeyboardInterrupt\n');
  });

  it('stops at --until when given', async () => {
    const run = await cli(['ticker', '--output-only', '--speed', '10', '--until', '2']);
    expect(run.stdout).toBe('start\ntick 1\ntick 2\n');
    expect(run.stderr).toContain('stopped watching at 2.000 s');
    expect(run.wallMs).toBeCloseTo(200);
  });

  it('leaves after three Ctrl+C within a second', async () => {
    // At 0.001x the run takes 1000 s of wall time; the presses 10 ms apart do not wait for it.
    const run = await cli(['greet', '--output-only', '--speed', '0.001'], { sigintAt: [10, 20, 30] });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('(three Ctrl+C within a second: leaving)');
  });
});

describe('--step in the plain view', () => {
  it('shows one learner step per Enter and quits on q', async () => {
    // The first step shows at once, the second after Enter; q leaves before the third (the exit).
    const run = await cli(['greet', '--plain', '--step'], { stdinLines: ['', 'q'] });
    const steps = ['   0.000  MainThread prints 1 line', '   0.000  » registering the callback', '注册callback函数', "   0.000    greet('hi') appended to the ready queue", "   0.500  greet('hi') runs", 'hello: \'hi\' "x"'];
    expect(run.stdout).toBe([...greetIntro, ...steps, ''].join('\n'));
    expect(run.stderr).toContain('(stepping: Enter shows the next step');
    expect(run.code).toBe(0);
  });

  it('runs to the end and exits with the program status when Enter is pressed enough', async () => {
    const run = await cli(['greet', '--output-only', '--step'], { stdinLines: Array(10).fill('') });
    expect(run.stdout).toBe('注册callback函数\nhello: \'hi\' "x"\n');
    expect(run.code).toBe(0);
  });

  it('delivers Ctrl+C at the time of the last step shown', async () => {
    const run = await cli(['ticker', '--output-only', '--step'], { stdinLines: ['', 'SIGINT', '', '', ''] });
    // Steps: start (t=0), tick 1 (t=1); Ctrl+C at 1 s: KeyboardInterrupt while waiting for tick 2.
    expect(run.stdout).toBe('start\ntick 1\n');
    expect(run.stderr).toContain('Traceback (most recent call last):\nKeyboardInterrupt\n');
    expect(run.code).toBe(1);
  });
});

describe('exit status', () => {
  it('is 128 + the signal when the program dies by one (an uncaught KeyboardInterrupt is SIGINT: 130)', async () => {
    const killed = [
      {
        ...fixtureLessons[0]!,
        run: () => ({ events: [{ type: 'exit', status: -2, t: 1, thread: 'MainThread' }] as TraceEvent[], end: { kind: 'exit', status: -2 } as const }),
      },
    ];
    expect((await cli(['greet', '--plain'], { lessons: killed })).code).toBe(130);
  });
});
