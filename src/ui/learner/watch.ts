// The card a lesson opens on, paused: its title and "What to watch" (the intro's short form), in
// the chosen language, with the keys that start it. The whole intro stays behind `?`.
import type { IntroLine } from '../../scenarios/intro.js';
import type { Lang } from '../../scenarios/types.js';
import type { Line } from '../components/Lines.js';
import { say } from '../i18n.js';

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
  return [...body, [], [{ text: say('watchKeys', lang), color: 'yellow' }]];
}
