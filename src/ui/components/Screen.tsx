// The whole lab screen at one step: header, source | loop & futures, timeline, output, the
// explanation of the step and the key bar. It only draws what it is given.
import { Text } from 'ink';
import { shellStatus } from '../../runtime/process/shell-status.js';
import type { TraceEvent } from '../../runtime/trace.js';
import type { IntroLine } from '../../scenarios/intro.js';
import type { Lang } from '../../scenarios/types.js';
import { explainEvent } from '../explain.js';
import { type StepWords, stepText } from '../learner/words.js';
import type { Level } from '../state/replay.js';
import { watchLines } from '../learner/watch.js';
import { type Bilingual, say } from '../i18n.js';
import { EXPLAIN_ROWS, layout, rank } from '../layout.js';
import type { PanelName } from '../../scenarios/types.js';
import { explainCut, explainWrap, headerLine, keyBarLine } from '../panels/chrome.js';
import { futureLines } from '../panels/futures.js';
import { awaitingTasks } from '../state/futures.js';
import { laneCount } from '../state/lanes.js';
import { helpLines } from '../panels/help.js';
import { loopLines } from '../panels/loop.js';
import { overlayView } from '../panels/overlay.js';
import { outputLines } from '../panels/output.js';
import { type SourceMarks, sourceLines, type SourceView, sourceWidthNeeded } from '../panels/source.js';
import { type TimelineInput, type TimelineView, timelineLines, wakeRows } from '../panels/timeline.js';
import type { LabState } from '../state/types.js';
import { type Band, Bands, bandLines } from './Bands.js';
import type { Line } from './Lines.js';
import { rememberLast, rememberPer } from '../remember.js';
import type { Color } from '../style.js';

export interface ScreenProps {
  readonly width: number;
  readonly height: number;
  readonly lang: Lang;
  readonly id: string;
  readonly title: string;
  /** The Python version the run simulates, named in the header. */
  readonly python?: string;
  readonly source: SourceView;
  readonly state: LabState;
  /** The event this step shows. */
  readonly event: TraceEvent | undefined;
  /** At the learner level: what the step means, and the changes it made (instead of the event's explanation). */
  readonly words?: StepWords | undefined;
  /** The level of detail of the steps. @default 'exact' */
  readonly level?: Level;
  /** A lesson note for this step, if it has one. */
  readonly note?: Bilingual | undefined;
  /** A message that replaces the explanation (why a key did nothing). */
  readonly flash?: Bilingual | undefined;
  /** What is true once the last step is shown: the program exited, or still runs at the end of the simulation. */
  readonly ending?: 'exited' | 'hangs' | 'running' | undefined;
  /** The run is still being simulated (in the background): the header says so. */
  readonly simulating?: boolean;
  /** Simulated time to show in the header (flows between events while playing). */
  readonly t: number;
  readonly step: number;
  readonly steps: number;
  readonly endTime: number;
  readonly totalEvents: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly canToggle: boolean;
  readonly help: boolean;
  /** The lesson's intro, shown at the top of the help overlay. @default [] */
  readonly intro?: readonly IntroLine[];
  /** Rows the help overlay is scrolled by when it does not fit. @default 0 */
  readonly helpScroll?: number;
  /** The lesson's "What to watch" (title and section), shown over the panels while the lab waits for space. */
  readonly watch?: readonly IntroLine[] | undefined;
  /** The lesson's panels, most important first (which give way on a small screen). @default DEFAULT_PANELS */
  readonly panels?: readonly PanelName[];
  /** Pages the output panel is scrolled back by. @default 0 (the newest lines) */
  readonly outputBack?: number;
  /** The timeline's zoom and pan. @default the whole run */
  readonly timelineView?: TimelineView;
}

export function Screen(p: ScreenProps) {
  const bands = screenBands(p);
  return bands ? <Bands bands={bands} width={p.width} /> : <Text>{say('tooSmall', p.lang)}</Text>;
}

/** The whole screen as lines of exactly `width` cells, `height - 1` of them; undefined when it does not fit. */
export function screenLines(p: ScreenProps): Line[] | undefined {
  const bands = screenBands(p);
  return bands && bandLines(bands, p.width);
}

/** The whole screen as bands of rows, `height - 1` rows in all; undefined when it does not fit. */
function screenBands(p: ScreenProps): Band[] | undefined {
  const outputCount = p.state.output?.length ?? 0;
  // Over the help and the What to watch card the explanation keeps its two rows (helpMaxScroll's layout).
  const covered = p.help || (p.watch !== undefined && p.watch.length > 0);
  const said = explained(p.flash, p.lang, p.step, p.words, p.note, p.event, p.ending, p.state.exitStatus, p.width);
  const explainNeed = covered ? EXPLAIN_ROWS : said.wrapped.length + (said.status ? 1 : 0);
  const box = layout(p.width, p.height, laneCount(p.state) + wakeRows(p.state), outputCount, widthNeeded(p.source), p.panels, explainNeed);
  if (!box) return undefined;
  const iteration = p.state.loops.reduce((n, l) => Math.max(n, l.iteration), 0);
  const header: Band = { kind: 'rows', lines: [headerLine({ id: p.id, title: p.title, python: p.python, t: p.t, iteration, step: p.step, steps: p.steps, width: p.width, lang: p.lang, simulating: p.simulating === true })] };
  const footer: Line[] = [
    ...pad(explanationLines(said, box.explain), box.explain),
    keyBar(p.playing, p.speed, p.width, p.lang, p.canToggle),
  ];
  // The help covers the panels (source to output), wrapped to the width, scrolling if need be.
  if (p.help) return [header, { kind: 'rows', lines: [...pad(helpView(p, box).lines, helpRows(box)), ...footer] }];
  // The lesson opens on what to watch, over the panels, until space (or a step key) starts it.
  if (p.watch && p.watch.length > 0) {
    const card = overlayView(watchLines(p.watch, p.lang), p.width, helpRows(box), 0, p.lang).lines;
    return [header, { kind: 'rows', lines: [...pad(card, helpRows(box)), ...footer] }];
  }
  const marks = sourceMarks(p.state);
  let panels: Band;
  if (box.sideBySide) {
    // The source as wide as the layout makes it for this program and this terminal, whatever the
    // step: the other column gets the rest (its rows wrap).
    const source = sourcePanel(p.source, marks, box.top, box.sourceWidth, say('source', p.lang), say('more', p.lang));
    const right = rightColumn(p.state, p.lang, box.top, box.priority, p.level ?? 'exact', box.rightWidth);
    panels = { kind: 'beside', height: box.top, left: { width: box.sourceWidth, lines: source }, right: { width: box.rightWidth, lines: right } };
  } else {
    const { sourceRows } = box;
    const source = pad(sourcePanel(p.source, marks, sourceRows, p.width, say('source', p.lang), say('more', p.lang)), sourceRows);
    panels = { kind: 'rows', lines: [...source, ...pad(rightColumn(p.state, p.lang, box.top - sourceRows, box.priority, p.level ?? 'exact', p.width), box.top - sourceRows)] };
  }
  // A band each, so that a panel the step did not change is not drawn again (Lines.tsx).
  return [
    header,
    panels,
    { kind: 'rule' },
    { kind: 'rows', lines: pad(timeline(p.state, p.endTime, p.totalEvents, p.width, box.timeline, p.lang, p.timelineView), box.timeline) },
    { kind: 'rows', lines: pad(output(p.state, p.lang, box.output, p.outputBack ?? 0, p.width), box.output) },
    { kind: 'rows', lines: footer },
  ];
}

// Each panel remembers its last lines: drawn again for the header's clock with the same step's
// state (the same object), it gives the same lines without making them again (remember.ts).

/** Cells the program needs to show its longest line whole: once per program shown. */
const widthNeeded = rememberPer(sourceWidthNeeded);
const sourcePanel = rememberLast(sourceLines);
const keyBar = rememberLast((playing: boolean, speed: number, width: number, lang: Lang, canToggle: boolean) => keyBarLine({ playing, speed, width, lang, canToggle }));
const output = rememberLast(outputLines);
const timeline = rememberLast(
  (state: LabState, endTime: number, totalEvents: number, width: number, height: number, lang: Lang, view: TimelineView | undefined): Line[] => {
    const input: TimelineInput = { state, endTime, totalEvents, width, height, title: say('timeline', lang), orderLabel: say('inEventOrder', lang), wakesLabel: say('wakes', lang), moreLabel: say('more', lang), ...(view ? { view } : {}) };
    return timelineLines(input);
  },
);

/** Suspended tasks marked in the source panel, at most (the first ones created). */
const AWAITING_SHOWN = 200;

/** Each thread's pointer (the step's thread leads) and where each of the program's suspended coroutines waits. */
const sourceMarks = rememberLast((state: LabState): SourceMarks => {
  const focus = state.lines[state.thread] !== undefined ? state.thread : state.lineThread;
  // Bounded: a source has a few await lines, and thousands of tasks could not be named beside them anyway.
  const awaiting = awaitingTasks(state, AWAITING_SHOWN);
  return { pointers: state.lines, ...(focus === undefined ? {} : { focus }), awaiting };
});

/** Rows the help overlay gets: everything between the header and the explanation. */
function helpRows(box: NonNullable<ReturnType<typeof layout>>): number {
  return box.top + 1 + box.timeline + box.output;
}

function helpView(p: Pick<ScreenProps, 'width' | 'lang' | 'helpScroll' | 'intro'>, box: NonNullable<ReturnType<typeof layout>>) {
  return overlayView(helpLines(p.lang, p.intro), p.width, helpRows(box), p.helpScroll ?? 0, p.lang);
}

/** How far the help can scroll on this screen (0 when it fits): the controller keeps its scroll within it. */
export function helpMaxScroll(p: Pick<ScreenProps, 'width' | 'height' | 'lang' | 'state' | 'intro'>): number {
  const box = layout(p.width, p.height, laneCount(p.state), p.state.output?.length ?? 0);
  return box ? helpView(p, box).maxScroll : 0;
}

/** Exactly `n` lines: cut or filled with blank ones (`lines` itself when it has `n`). */
function pad(lines: readonly Line[], n: number): readonly Line[] {
  if (lines.length === n) return lines;
  const out = lines.slice(0, n);
  while (out.length < n) out.push([]);
  return out;
}

/** The loop and futures panels in `rows` rows, their lines wrapped to `width` cells. */
const rightColumn = rememberLast((state: LabState, lang: Lang, rows: number, priority: readonly PanelName[], level: Level, width: number): Line[] => {
  // The loop gets what it needs, leaving the futures a gap and at least three rows (title + two),
  // or, when the lesson ranks the loop first on a short column, one row (the title and how many there are).
  const loopFirst = rank(priority, 'loop') < rank(priority, 'futures');
  const least = loopFirst && rows < ROOMY_COLUMN ? 1 : 3;
  // A lesson about its futures (ranked first) gives the loop at most half the column.
  const loop = loopLines(state, lang, Math.max(2, rank(priority, 'futures') === 0 ? Math.min(rows - least - 1, Math.floor(rows / 2)) : rows - least - 1), level, width);
  const futureRows = Math.max(Math.min(least, rows), rows - loop.length - 1);
  const loopRows = Math.max(0, rows - futureRows - 1);
  const gap = loopRows > 0 && futureRows > 1 ? [[]] : [];
  return [...loop.slice(0, loopRows + (gap.length === 0 && loopRows > 0 ? 1 : 0)), ...gap, ...futuresIn(state, lang, futureRows, level, width)];
});

/** From this many rows the right column keeps three for the futures even when the loop ranks first. */
const ROOMY_COLUMN = 12;

/** The futures panel in `rows`; in one row, its title and how many there are. */
function futuresIn(state: LabState, lang: Lang, rows: number, level: Level, width: number): Line[] {
  if (rows > 1) return futureLines(state, lang, rows, level, width);
  const n = state.futures.size;
  return rows < 1 ? [] : [[{ text: say('futures', lang), bold: true }, ...(n > 0 ? [{ text: `  +${n.toLocaleString('en-US')} ${say('more', lang)}`, dim: true }] : [])]];
}

/** The step's explanation wrapped whole to the screen's width, and the row saying how the run ended. */
interface Explained {
  readonly wrapped: readonly string[];
  readonly color?: Color;
  readonly status?: Line;
}

/** What the explanation says: wrapped once per step (its rows decide the layout's, then it is cut to them). */
const explained = rememberLast(
  (flash: Bilingual | undefined, lang: Lang, step: number, words: StepWords | undefined, note: Bilingual | undefined, event: TraceEvent | undefined, ending: ScreenProps['ending'], exitStatus: number | undefined, width: number): Explained => {
    if (flash) return { wrapped: explainWrap(flash[lang], width), color: 'yellow' };
    // On the first step, say where the lesson's own explanation is (the overlay) and how to move on.
    const text = step === 0 && !words ? say('startHint', lang) : words ? stepText(words, lang, note) : note ? note[lang] : event ? explainEvent(event, lang) : '';
    const wrapped = explainWrap(text, width);
    if (!ending) return { wrapped };
    const status = ending === 'exited' ? `${say('exited', lang)} ${shellStatus(exitStatus ?? 0)}` : say(ending === 'hangs' ? 'hangs' : 'stillRunning', lang);
    return { wrapped, status: [{ text: `■ ${status}`, color: ending === 'exited' ? 'green' : 'yellow' }] };
  },
);

/** The explanation on `rows` rows: at the end, the last row says how the run ended (the explanation gives way to it). */
function explanationLines(said: Explained, rows: number): Line[] {
  const lines = explainCut(said.wrapped, said.status && rows > 1 ? rows - 1 : rows, said.color);
  if (said.status && lines.length < rows) lines.push(said.status);
  return lines;
}
