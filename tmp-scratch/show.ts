import { findLessonById } from '../src/scenarios/index.js';
import { lineText } from '../src/ui/components/Lines.js';
import { type ScreenProps, screenLines } from '../src/ui/components/Screen.js';
import { DEFAULT_PYTHON_VERSION } from '../src/runtime/python-version.js';
import { createLab, update } from '../src/ui/controller.js';
import { wordsAt } from '../src/ui/learner/index.js';
import { programOf } from '../src/ui/program.js';
import { noteFor } from '../src/ui/state/notes.js';
const [id, w, h, level, lang, from, to] = process.argv.slice(2);
const lesson = findLessonById(id!)!;
const program = programOf(lesson, undefined, lang as 'en');
let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level: level as 'learner' }, 0);
const intro = program.intro(false, lang as 'en', DEFAULT_PYTHON_VERSION);
for (let step = 0; step < lab.replay.length; step++) {
  if (step >= Number(from ?? 0) && step <= Number(to ?? 999)) {
    const state = lab.replay.stateAt(lab.step);
    const words = wordsAt(lab.replay, lab.step);
    const p: ScreenProps = { width: Number(w), height: Number(h), lang: lang as 'en', id: program.id, title: program.title, source: program.source(false, lang as 'en'), state, event: lab.replay.eventAt(lab.step), ...(words ? { words } : {}), level: level as 'learner', note: noteFor(lab.replay, lab.step), t: state.t, step: lab.replay.length ? lab.step : 0, steps: lab.replay.length, endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false, intro, ...(program.panels ? { panels: program.panels } : {}) } as ScreenProps;
    console.log(`--- step ${step}`);
    console.log((screenLines(p) ?? []).map(lineText).join('\n'));
  }
  if (step < lab.replay.length - 1) lab = update(lab, { type: 'step' }, 0);
}
