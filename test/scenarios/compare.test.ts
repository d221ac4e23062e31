// The comparison the lesson proofs rely on must reject real differences and accept only what
// legitimately varies between two runs.
import { describe, expect, it } from 'vitest';
import { compareLines } from './compare.js';
import { distinctHidden, normalizeLine } from './normalize.js';
import { loadRecordings, streamLines } from './recordings.js';

describe('normalizeLine', () => {
  it('replaces thread idents, dates, loop times and temporary paths', () => {
    expect(normalizeLine('func : 2 ,time: Wed Nov 25 10:47:29 2026 ,tid: 140364482606784')).toBe(
      'func : 2 ,time: <date> ,tid: <int>',
    );
    expect(normalizeLine('当前的内部时间:637.485269225')).toBe('当前的内部时间:<float>');
    expect(normalizeLine('  File "/tmp/tmpc6sll3c0/stop-wait.py", line 22, in <module>')).toBe(
      '  File "stop-wait.py", line 22, in <module>',
    );
  });

  it('keeps the standard library path relative to the library, with its line numbers', () => {
    expect(normalizeLine('  File "/root/.pyenv/versions/3.11.7/lib/python3.11/threading.py", line 1590, in _shutdown')).toBe(
      '  File "<stdlib>/threading.py", line 1590, in _shutdown',
    );
    expect(normalizeLine('cb=[_run_until_complete_cb() at /usr/lib/python3.11/asyncio/base_events.py:180]>')).toBe(
      'cb=[_run_until_complete_cb() at <stdlib>/asyncio/base_events.py:180]>',
    );
  });

  it('sorts the items of a set of tasks, which CPython orders by address', () => {
    const a = "<Task pending name='Task-2' coro=<w() running at x.py:6> wait_for=<Future pending cb=[Task.task_wakeup()]>>";
    const b = "<Task pending name='Task-1' coro=<main() running at x.py:19>>";
    expect(normalizeLine(`tasks: {${a}, ${b}}`)).toBe(`tasks: {${b}, ${a}}`);
    expect(normalizeLine('{1, 2} and {<a>, b}')).toBe('{1, 2} and {<a>, b}');
  });

  it('counts the distinct values it hides, so one id printed twice differs from two ids', () => {
    const lines = ['loop:139708196758528', 'loop:139708208349136', 'loop:139708196758528', 'now 665.126882177', 'Wed Nov 25 10:47:29 2026'];
    expect(distinctHidden(lines)).toEqual({ ints: 2, dates: 1 });
  });

  it('leaves small numbers and words alone', () => {
    expect(normalizeLine('[Call_back--3]:5 + 7 = 12')).toBe('[Call_back--3]:5 + 7 = 12');
    expect(normalizeLine("Task-12 name='Task-4'")).toBe("Task-12 name='Task-4'");
  });
});

describe('compareLines', () => {
  it('accepts equal output and rejects a changed, missing or extra line', () => {
    const rec = ['a', 'b'];
    expect(compareLines([{ text: 'a' }, { text: 'b' }], rec).ok).toBe(true);
    expect(compareLines([{ text: 'a' }, { text: 'c' }], rec).ok).toBe(false);
    expect(compareLines([{ text: 'a' }], rec).ok).toBe(false);
    expect(compareLines([{ text: 'a' }, { text: 'b' }, { text: 'c' }], rec).ok).toBe(false);
  });

  it('rejects two lines in the wrong order unless they are marked as a race', () => {
    const rec = ['b', 'a'];
    expect(compareLines([{ text: 'a' }, { text: 'b' }], rec).ok).toBe(false);
    expect(compareLines([{ text: 'a', race: true }, { text: 'b', race: true }], rec).ok).toBe(true);
    expect(compareLines([{ text: 'a', race: true }, { text: 'b' }], rec).ok).toBe(false);
  });

  it("accepts a racing line torn by another thread between print()'s writes, not inside one", () => {
    const rec = ['main says hiworker says hi', '', 'after'];
    const sim = [{ text: 'main says hi', race: true }, { text: 'worker says hi', race: true }, { text: 'after' }];
    expect(compareLines(sim, rec).ok).toBe(true);
    expect(compareLines(sim, ['main says hiworker', ' says hi', 'after']).ok).toBe(true);
    expect(compareLines(sim, ['main saworker says hi', 'ys hi', 'after']).ok).toBe(false);
    expect(compareLines(sim, ['main says hi', 'worker says hi', 'after', 'extra']).ok).toBe(false);
  });

  it('accepts pending tasks reported at exit in another garbage-collection order, but not other differences', () => {
    const destroyed = (name: string) => ['Task was destroyed but it is pending!', `task: <Task pending name='${name}'>`];
    const rec = [...destroyed('Task-6'), ...destroyed('Task-9'), ...destroyed('Task-8')];
    const sim = (names: string[]) => names.flatMap(destroyed).map((text) => ({ text }));
    expect(compareLines(sim(['Task-6', 'Task-8', 'Task-9']), rec).ok).toBe(true);
    expect(compareLines(sim(['Task-6', 'Task-8']), rec).ok).toBe(false);
    expect(compareLines(sim(['Task-6', 'Task-8', 'Task-7']), rec).ok).toBe(false);
  });

  it("accepts a reported task's coroutine closed or not (the collector's order), nothing else in the report", () => {
    const report = (coro: string, cb = '') => ['Task was destroyed but it is pending!', `task: <Task pending name='Task-3' coro=<${coro}> wait_for=<Future pending cb=[Task.task_wakeup()]>${cb}>`];
    const onCompletion = ' cb=[_wait.<locals>._on_completion() at /usr/lib/python3.11/asyncio/tasks.py:519]';
    const recorded = report('do_some_work() done, defined at /tmp/x/stop-nested.py:3');
    const sim = (lines: string[]) => lines.map((text) => ({ text }));
    expect(compareLines(sim(report('do_some_work() running at stop-nested.py:6', onCompletion)), recorded).ok).toBe(true);
    expect(compareLines(sim(report('do_some_work() done, defined at stop-nested.py:3')), recorded).ok).toBe(true);
    expect(compareLines(sim(report('main() running at stop-nested.py:6')), recorded).ok).toBe(false);
    expect(compareLines(sim(report('do_some_work() running at stop-nested.py:6', ' cb=[other()]')), recorded).ok).toBe(false);
    expect(compareLines(sim(['Task was destroyed but it is pending!', "task: <Task pending name='Task-4' coro=<do_some_work() running at stop-nested.py:6>>"]), recorded).ok).toBe(false);
  });

  it('sorts debug mode\'s reports, each with its source traceback, as whole blocks', () => {
    const report = (name: string, line: number) => [
      'Task was destroyed but it is pending!',
      'source_traceback: Object created at (most recent call last):',
      `  File "x.py", line ${line}, in <module>`,
      `task: <Task pending name='${name}'>`,
    ];
    const rec = [...report('Task-2', 5), ...report('Task-1', 4)];
    expect(compareLines([...report('Task-1', 4), ...report('Task-2', 5)].map((text) => ({ text })), rec).ok).toBe(true);
    expect(compareLines([...report('Task-1', 5), ...report('Task-2', 4)].map((text) => ({ text })), rec).ok).toBe(false);
  });

  it('never lets racing lines of different instants trade places', () => {
    const rec = ['b1', 'a1', 'a2'];
    const line = (text: string, instant: number) => ({ text, race: true, instant });
    expect(compareLines([line('a1', 0), line('a2', 0), line('b1', 0)], rec).ok).toBe(true);
    expect(compareLines([line('a1', 0), line('a2', 0), line('b1', 1)], rec).ok).toBe(false);
  });

  it('matches a torn line from a real threads-pool recording only with the right prints', () => {
    // Recorded by real CPython: print()'s text and newline are two writes, so lines interleave.
    const torn = ['The main thread conducts on loop:140132198426064The task_1 is ready...', 'The task_1 conducts on loop:140132207683280', ''];
    const prints = ['The main thread conducts on loop:140132198426064', 'The task_1 is ready...', 'The task_1 conducts on loop:140132207683280'];
    expect(compareLines(prints.map((text) => ({ text, race: true })), torn).ok).toBe(true);
    expect(compareLines(prints.slice(0, 2).map((text) => ({ text, race: true })), torn).ok).toBe(false);
  });
});

describe('the recordings', () => {
  const recordings = loadRecordings();

  it('cover every lesson of the article, each recorded on CPython 3.11', () => {
    const lessons = new Set(recordings.map((r) => r.lesson));
    expect([...lessons].sort()).toEqual(
      ['call-at', 'call-later', 'call-soon', 'future', 'stop-nested', 'stop-wait', 'threads-coroutine', 'threads-daemon', 'threads-pool', 'threads-queue', 'threads-threadsafe'],
    );
    for (const r of recordings) expect(r.python).toMatch(/^3\.11\./);
  });

  it('hold the documented CPython behaviour (spot checks of the fixtures themselves)', () => {
    const byName = new Map(recordings.map((r) => [r.name, r]));
    const callLater = byName.get('call-later')!;
    expect(streamLines(callLater, 'stdout').slice(1, 3)).toEqual(['[Call_back--call_soon 方法]:9 + 9 = 18', '[Call_back--1]:1 + 2 = 3']);
    const asWritten = byName.get('stop-wait.as-written.ctrl-c-1.5')!;
    expect(asWritten.end).toMatchObject({ kind: 'exit', status: 1 });
    expect(streamLines(asWritten, 'stderr')).toContain("AttributeError: type object '_asyncio.Task' has no attribute 'all_tasks'");
  });
});
