// Runs the lab on a fixture lesson, for end-to-end tests of the UI independent of the real lessons:
// `tsx test/e2e/fixture-lab.tsx <call-later|wait-forever> [--paused] [--instant] [--lang zh] [--learner]`
// (the exact level unless --learner: these tests are about the lab's mechanics, step by step).
import { runLab } from '../../src/ui/index.js';
import { callLaterLesson, waitForeverLesson } from '../ui/fixtures/lessons.js';

const args = process.argv.slice(2);
const lesson = args[0] === 'wait-forever' ? waitForeverLesson : callLaterLesson;
if (args.includes('--throw')) {
  // An error while drawing: the terminal must be restored all the same.
  lesson.run = () => {
    throw new Error('fixture failure');
  };
}
const code = await runLab({
  lesson,
  options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil },
  speed: Number(args[args.indexOf('--speed') + 1]) || 1,
  instant: args.includes('--instant'),
  startPaused: args.includes('--paused'),
  level: args.includes('--learner') ? 'learner' : 'exact',
  lang: args.includes('--zh') ? 'zh' : 'en',
});
process.exitCode = code;
