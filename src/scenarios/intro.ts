// What a lesson tells the learner before its run: its title, what to watch step by step, why each
// line of the corrected program differs from the article's, where the article is wrong, and when to
// press Ctrl+C. The plain view prints it first; the interactive lab shows it in its help overlay.
import type { PythonVersion } from '../runtime/python-version.js';
import { atVersion, versionedText } from './by-version.js';
import type { Lang, Lesson, LessonVariant } from './types.js';

export type IntroKind = 'title' | 'heading' | 'text';

export interface IntroLine {
  kind: IntroKind;
  text: string;
}

const HEADINGS = {
  watch: { zh: '看什么', en: 'What to watch' },
  corrected: { zh: '修正版与文章的不同(用 --as-written 运行原文)', en: "The corrected program differs from the article's (--as-written runs the original)" },
  asWritten: { zh: '这是文章原文的程序;修正版改了这些行', en: "This is the article's program as written; the corrected one changes these lines" },
  errata: { zh: '文章哪里错了或过时了', en: 'Where the article is wrong or outdated' },
  moments: { zh: '何时按 Ctrl+C', en: 'When to press Ctrl+C' },
} as const;

function onVersionHeading(python: PythonVersion, lang: Lang): string {
  return lang === 'zh' ? `文章原文的程序在 Python ${python} 上` : `The article's program on Python ${python}`;
}

/** The intro of a lesson run, in `lang`; `asWritten` says which program runs, `python` as which version. */
export function lessonIntro(lesson: Lesson, variant: LessonVariant | undefined, asWritten: boolean, lang: Lang, python: PythonVersion): IntroLine[] {
  const out: IntroLine[] = [];
  const text = (t: string) => {
    for (const line of t.split('\n')) out.push({ kind: 'text', text: line });
  };
  const heading = (h: { zh: string; en: string }) => out.push({ kind: 'heading', text: h[lang] });
  out.push({ kind: 'title', text: (variant ?? lesson).title[lang] });
  const explanation = (variant ?? lesson).explanation[lang];
  if (explanation !== '') {
    heading(HEADINGS.watch);
    text(explanation);
  }
  if (!variant && lesson.corrected && lesson.corrected.changes.length > 0) {
    heading(asWritten ? HEADINGS.asWritten : HEADINGS.corrected);
    const lines = lesson.corrected.text.split('\n');
    for (const change of lesson.corrected.changes) {
      const now = lines[change.line - 1]?.trim() ?? '';
      const was = change.was.trim();
      const what = was === '' ? `+ ${now}` : `${was}  →  ${now}`;
      text(`${lang === 'zh' ? '第' : 'line '}${change.line}${lang === 'zh' ? ' 行' : ''}: ${what}`);
      text(`  ${versionedText(change.why, python)[lang]}`);
    }
  }
  if (!variant && lesson.asWrittenOn) {
    out.push({ kind: 'heading', text: onVersionHeading(python, lang) });
    text(atVersion(lesson.asWrittenOn, python)[lang]);
  }
  if (lesson.errata.length > 0) {
    heading(HEADINGS.errata);
    for (const erratum of lesson.errata) text(`- ${erratum[lang]}`);
  }
  if (lesson.interrupts.length > 0) {
    heading(HEADINGS.moments);
    for (const moment of lesson.interrupts) text(`- ${moment.at} s (--interrupt-at ${moment.at}): ${moment.what[lang]}`);
  }
  return out;
}
