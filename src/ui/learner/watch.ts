// The card a lesson opens on, paused: its title and "What to watch" (the intro's short form), in
// the chosen language, with the keys that start it. The whole intro stays behind `?`.
import type { IntroLine } from '../../scenarios/intro.js';
import type { Lang } from '../../scenarios/types.js';
import type { Line } from '../components/Lines.js';

/** The title and the first section of the intro (what to watch); empty when the intro has none. */
export function watchSection(intro: readonly IntroLine[]): IntroLine[] {
  const heading = intro.findIndex((l) => l.kind === 'heading');
  if (heading < 0) return [];
  const next = intro.findIndex((l, i) => i > heading && l.kind === 'heading');
  return [...intro.filter((l) => l.kind === 'title'), ...intro.slice(heading, next < 0 ? intro.length : next)];
}

/** The card's lines: the section, then how to go on. */
export function watchLines(section: readonly IntroLine[], lang: Lang): Line[] {
  const body: Line[] = section.map(({ kind, text }) =>
    kind === 'title' ? [{ text, bold: true }] : kind === 'heading' ? [{ text: `${text}:`, bold: true, color: 'cyan' }] : [{ text: `  ${text}` }],
  );
  return [...body, [], [{ text: WATCH_KEYS[lang], color: 'yellow' }]];
}

export const WATCH_KEYS = {
  zh: '空格开始播放 · → 看第一步 · ? 整课说明(改了哪些行、文章哪里错、何时按 Ctrl+C) · v 简明/逐事件',
  en: 'space starts · → shows the first step · ? the whole lesson (changed lines, where the article is wrong, when to press Ctrl+C) · v learner/exact',
} as const;
