// The lines around the panels: the header (lesson, time, iteration, step), the explanation of the
// current step, and the key bar.
import type { Lang } from '../../scenarios/types.js';
import type { Line, Seg } from '../components/Lines.js';
import { cells, fit, seconds } from '../format.js';
import { keyHelp, say } from '../i18n.js';
import { wrapText } from '../wrap-text.js';
import type { Color } from '../style.js';

export interface HeaderInput {
  readonly id: string;
  readonly title: string;
  readonly t: number;
  readonly iteration: number;
  readonly step: number;
  readonly steps: number;
  readonly width: number;
  readonly lang: Lang;
  /** More steps are still being simulated: the count is followed by `+ simulating…`. */
  readonly simulating?: boolean;
  /** The Python version the run simulates (`--python`, key p), when known. */
  readonly python?: string;
}

export function headerLine({ id, title, t, iteration, step, steps, width, lang, simulating, python }: HeaderInput): Line {
  const more = simulating ? say('simulating', lang) : '';
  const right = ` t = ${seconds(t)} s · ${say('iteration', lang)} ${iteration} · ${say('step', lang)} ${Math.min(step + 1, steps)}/${steps}${more} `;
  // The title gives way first when the line is short: time and step always show.
  const version = python === undefined ? '' : ` · Python ${python}`;
  const full = ` asyncio-lab · ${id}${version} · ${title} `;
  const left = cells(full) + cells(right) < width ? full : fit(` asyncio-lab · ${id}${version} `, Math.max(0, width - cells(right) - 1));
  const gap = Math.max(1, width - cells(left) - cells(right));
  return [
    { text: left, bold: true, inverse: true },
    { text: ' '.repeat(gap), inverse: true },
    { text: right, inverse: true },
  ];
}

/** The explanation wrapped whole onto lines of `width` cells (explainCut fits them to the rows it gets). */
export function explainWrap(text: string, width: number): string[] {
  // By cells, CJK text anywhere but never a line starting with punctuation (src/ui/wrap-text.ts).
  return wrapText(`▸ ${text}`, width, '  ');
}

/** The wrapped explanation on `rows` lines, the last one ending in an ellipsis when it goes on. */
export function explainCut(wrapped: readonly string[], rows: number, color?: Color): Line[] {
  const lines = wrapped.slice(0, rows);
  if (wrapped.length > rows && lines.length > 0) lines[rows - 1] = lines[rows - 1]!.slice(0, Math.max(0, lines[rows - 1]!.length - 1)) + '…';
  return lines.map((l): Line => [{ text: l, ...(color ? { color } : {}) }]);
}

export interface KeyBarInput {
  readonly playing: boolean;
  readonly speed: number;
  readonly width: number;
  readonly lang: Lang;
  readonly canToggle: boolean;
}

export function keyBarLine({ playing, speed, width, lang, canToggle }: KeyBarInput): Line {
  const status = ` ${playing ? '▶' : '❚❚'} ${say(playing ? 'playing' : 'paused', lang)} ${speed}× `;
  const room = width - cells(status) - 1;
  // t only when there is another program to switch to.
  const items = keyHelp.filter((k) => k.bar && (canToggle || k.keys !== 't'));
  const render = (list: typeof items, compact = false) => list.map((k) => (compact ? (k.compact ?? k.keys) : `${k.keys} ${k[lang]}`)).join(' · ');
  const fits = (list: typeof items) => cells(render(list)) + 1 <= room;
  // The must-haves always (space, n, c, ?, q), then the others by priority while they fit, in bar order.
  let shown = items.filter((k) => k.prio === 0);
  for (const k of [...items].filter((k) => k.prio > 0).sort((a, b) => a.prio - b.prio)) {
    const more = items.filter((i) => shown.includes(i) || i === k);
    if (fits(more)) shown = more;
  }
  const text = fits(shown) ? render(shown) : render(shown, true);
  const segs: Seg[] = [{ text: ` ${text}`, dim: true }];
  segs.push({ text: ' '.repeat(Math.max(1, room - cells(text))) });
  segs.push({ text: status, color: playing ? 'green' : 'yellow', inverse: true });
  return segs;
}
