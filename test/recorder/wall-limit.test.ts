// A recorder stuck past its wall-clock limit (a program inside one long call of C code, where the
// recorder's budgets are never checked) is killed, and the learner reads why and which option gives
// it longer, not "stopped unexpectedly". A Node process that never ends stands in for the recorder.
import { describe, expect, it } from 'vitest';
import { aliveRecorders, recordAtOnce, startRecorder, type RecorderCommand } from '../../src/recorder/child.js';

const stuck: RecorderCommand = {
  executable: process.execPath,
  args: ['-e', 'setInterval(() => {}, 1000)'],
  source: '',
  wallSeconds: 1,
  longerWith: '--max-cpu <s>',
  who: { en: 'the recorder', zh: '录制器' },
  missing: { en: 'no such executable', zh: '没有这个可执行文件' },
};

const WHY = 'the recorder was stopped after 1 s: the program computed inside one call without returning to Python code, where the budgets are checked; give it longer with --max-cpu <s>';

describe('a recorder past its wall-clock limit', () => {
  it('is killed, and the streamed recording fails naming the limit and the option', async () => {
    await expect(startRecorder(stuck).done).rejects.toThrow(WHY);
    expect(aliveRecorders()).toBe(0);
  });

  it('is killed, and a recording waited for fails the same way', () => {
    expect(() => recordAtOnce(stuck)).toThrow(WHY);
  });
});

describe('a recorder that has written its last word', () => {
  // On the embedded engine a run stopped by a budget unwinds by an exception a program may swallow
  // (`except BaseException`, or Handle._run's), running on untraced: once the control line (why the
  // run ended) is in, the process is not waited for to its wall-clock limit.
  const silentAfterControl: RecorderCommand = {
    ...stuck,
    args: ['-e', `require('fs').writeSync(3, JSON.stringify({ control: 'end', why: 'cpu', limit: 1, t: 0 }) + '\\n'); setInterval(() => {}, 1000)`],
    wallSeconds: 120,
  };

  it('is killed as soon as its control line arrives, and the recording ends with it', async () => {
    const recording = await startRecorder(silentAfterControl).done;
    expect(recording.control).toEqual({ control: 'end', why: 'cpu', limit: 1, t: 0 });
    expect(aliveRecorders()).toBe(0);
  }, 20_000);
});
