// The lesson menu shown by `asyncio-lab` alone: every lesson and, under it, its variants.
// ↑/↓ (or k/j) to move, enter to open, q/esc/Ctrl+C to leave. A lesson already opened carries a ✓
// (the marks are kept by src/commands/seen.ts; the menu only draws them).
import { Box, Text, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Lang, Lesson, LessonVariant } from '../../scenarios/types.js';
import { say } from '../i18n.js';

/** What the menu returns: a lesson or one of its variants, and its row (to come back to). */
export interface MenuChoice {
  readonly lesson: Lesson;
  readonly variant?: LessonVariant | undefined;
  readonly row: number;
}

export interface MenuProps {
  readonly lessons: readonly Lesson[];
  readonly lang: Lang;
  /** The row selected at first. @default 0 */
  readonly row?: number;
  /** Keys (`seenKey`) of the lessons and variants already opened, marked ✓. @default none */
  readonly seen?: ReadonlySet<string>;
  /** Called with the choice, or undefined when the user leaves. */
  readonly onChoose: (choice: MenuChoice | undefined) => void;
}

interface Entry {
  readonly lesson: Lesson;
  readonly variant?: LessonVariant;
  readonly command: string;
  readonly title: string;
  /** Its key among the seen marks. */
  readonly key: string;
}

/** The menu's rows: each lesson, then its variants, as the command line names them. */
export function menuEntries(lessons: readonly Lesson[], lang: Lang): Entry[] {
  return lessons.flatMap((lesson) => {
    const command = `${lesson.command}${lesson.part ? ` ${lesson.part}` : ''}`;
    return [
      { lesson, command, title: lesson.title[lang], key: lesson.id },
      ...lesson.variants.map((variant) => ({ lesson, variant, command: `  --variant ${variant.id}`, title: variant.title[lang], key: `${lesson.id}:${variant.id}` })),
    ];
  });
}

export function Menu({ lessons, lang, row = 0, seen, onChoose }: MenuProps) {
  const { exit } = useApp();
  const entries = menuEntries(lessons, lang);
  const count = Math.max(1, entries.length);
  const [at, setAt] = useState(() => Math.min(Math.max(0, row), count - 1));
  // The selected row as the keys leave it: Enter right after an arrow (typed fast, or pasted) comes
  // before React renders again, so the render's `at` would still be the row before the arrow.
  const selected = useRef(at);
  const move = (by: number) => {
    selected.current = (selected.current + by + count) % count;
    setAt(selected.current);
  };
  const choose = (choice: MenuChoice | undefined) => {
    onChoose(choice);
    exit();
  };
  useInput((input, key) => {
    if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.return) {
      const entry = entries[selected.current];
      choose(entry && { lesson: entry.lesson, variant: entry.variant, row: selected.current });
    } else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) choose(undefined);
  });
  const width = Math.max(20, ...entries.map((e) => e.command.length + 2));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">asyncio-lab · {say('menuTitle', lang)}</Text>
      {entries.map((entry, i) => (
        <Text key={entry.key} wrap="truncate-end" {...(i === at ? { color: 'cyan', bold: true } : entry.variant ? { dimColor: true } : {})}>
          {i === at ? '▶ ' : '  '}
          {entry.command.padEnd(width)}
          {seen?.has(entry.key) ? '✓ ' : '  '}
          {entry.title}
        </Text>
      ))}
      {seen && seen.size > 0 ? <Text dimColor wrap="truncate-end">{say('menuSeen', lang)}</Text> : null}
    </Box>
  );
}
