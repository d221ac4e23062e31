// The whole lab screen at one step: header, source | loop & futures, timeline, output, the
// explanation of the step and the key bar. It only draws what it is given.
import { Box, Text } from 'ink';
import type { TraceEvent } from '../../runtime/trace.js';
import type { Lang } from '../../scenarios/types.js';
import { explainEvent } from '../explain.js';
import { say } from '../i18n.js';
import { layout } from '../layout.js';
import { explainLines, headerLine, keyBarLine } from '../panels/chrome.js';
import { futureLines } from '../panels/futures.js';
import { helpLines } from '../panels/help.js';
import { loopLines } from '../panels/loop.js';
import { outputLines } from '../panels/output.js';
import { type SourceView, sourceLines } from '../panels/source.js';
import { timelineLines } from '../panels/timeline.js';
import type { LabState } from '../state/types.js';
import { type Line, Lines } from './Lines.js';

export interface ScreenProps {
  readonly width: number;
  readonly height: number;
  readonly lang: Lang;
  readonly id: string;
  readonly title: string;
  readonly source: SourceView;
  readonly state: LabState;
  /** The event this step shows. */
  readonly event: TraceEvent | undefined;
  /** A lesson note for this step, if it has one. */
  readonly note?: { zh: string; en: string } | undefined;
  /** A message that replaces the explanation (why a key did nothing). */
  readonly flash?: { zh: string; en: string } | undefined;
  /** What is true once the last step is shown: the program exited, or still runs at the end of the simulation. */
  readonly ending?: 'exited' | 'hangs' | 'running' | undefined;
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
}

export function Screen(p: ScreenProps) {
  const outputCount = p.state.output?.length ?? 0;
  const box = layout(p.width, p.height, p.state.lanes.length, outputCount);
  if (!box) return <Text>{say('tooSmall', p.lang)}</Text>;
  const iteration = p.state.loops.reduce((n, l) => Math.max(n, l.iteration), 0);
  const current = p.state.lines[p.state.thread] ?? (p.state.lineThread ? p.state.lines[p.state.lineThread] : undefined);
  const sourceRows = box.sideBySide ? box.top : Math.ceil(box.top / 2);
  const rightRows = box.sideBySide ? box.top : box.top - sourceRows;
  const right = p.help ? helpLines(p.lang) : rightColumn(p.state, p.lang, rightRows);
  const rule: Line = [{ text: '─'.repeat(p.width), dim: true }];
  return (
    <Box flexDirection="column" width={p.width} height={p.height - 1} overflow="hidden">
      <Lines lines={[headerLine({ id: p.id, title: p.title, t: p.t, iteration, step: p.step, steps: p.steps, width: p.width, lang: p.lang })]} width={p.width} />
      <Box flexDirection={box.sideBySide ? 'row' : 'column'} height={box.top}>
        {p.help && !box.sideBySide ? null : <Lines lines={sourceLines(p.source, current, sourceRows, say('source', p.lang))} width={box.sourceWidth} height={sourceRows} />}
        {box.sideBySide ? <Lines lines={Array.from({ length: box.top }, () => [{ text: '│', dim: true }])} width={1} /> : null}
        <Lines lines={right} width={box.rightWidth} height={p.help && !box.sideBySide ? box.top : rightRows} />
      </Box>
      <Lines lines={[rule]} width={p.width} />
      <Lines lines={timelineLines({ state: p.state, endTime: p.endTime, totalEvents: p.totalEvents, width: p.width, height: box.timeline, title: say('timeline', p.lang) })} width={p.width} height={box.timeline} />
      <Lines lines={outputLines(p.state, p.lang, box.output)} width={p.width} height={box.output} />
      <Lines lines={explanation(p, box.explain)} width={p.width} height={box.explain} />
      <Lines lines={[keyBarLine({ playing: p.playing, speed: p.speed, width: p.width, lang: p.lang, canToggle: p.canToggle })]} width={p.width} />
    </Box>
  );
}

function rightColumn(state: LabState, lang: Lang, rows: number): Line[] {
  const loop = loopLines(state, lang, Math.max(2, rows - 4));
  // The loop gets what it needs, leaving the futures at least three rows (title + two) and a gap.
  const futureRows = Math.max(3, rows - loop.length - 1);
  const loopRows = Math.max(0, rows - futureRows - 1);
  return [...loop.slice(0, loopRows), [], ...futureLines(state, lang, futureRows)];
}

function explanation(p: ScreenProps, rows: number): Line[] {
  if (p.flash) return explainLines(p.flash[p.lang], p.width, rows, 'yellow');
  const text = p.note ? p.note[p.lang] : p.event ? explainEvent(p.event, p.lang) : '';
  const lines = explainLines(text, p.width, rows);
  if (p.ending && lines.length < rows) {
    const status = p.ending === 'exited' ? `${say('exited', p.lang)} ${p.state.exitStatus ?? 0}` : say(p.ending === 'hangs' ? 'hangs' : 'stillRunning', p.lang);
    lines.push([{ text: `■ ${status}`, color: p.ending === 'exited' ? 'green' : 'yellow' }]);
  }
  return lines;
}
