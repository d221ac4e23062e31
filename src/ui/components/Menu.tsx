// The lesson menu shown by `asyncio-lab` alone: ↑/↓ to move, enter to open, q/esc/Ctrl+C to leave.
import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';
import type { Lang, Lesson } from '../../scenarios/types.js';
import { say } from '../i18n.js';

export interface MenuProps {
  readonly lessons: readonly Lesson[];
  readonly lang: Lang;
  /** Called with the chosen lesson, or undefined when the user leaves. */
  readonly onChoose: (lesson: Lesson | undefined) => void;
}

export function Menu({ lessons, lang, onChoose }: MenuProps) {
  const { exit } = useApp();
  const [at, setAt] = useState(0);
  const choose = (lesson: Lesson | undefined) => {
    onChoose(lesson);
    exit();
  };
  useInput((input, key) => {
    if (key.upArrow || input === 'k') setAt((i) => (i + lessons.length - 1) % Math.max(1, lessons.length));
    else if (key.downArrow || input === 'j') setAt((i) => (i + 1) % Math.max(1, lessons.length));
    else if (key.return) choose(lessons[at]);
    else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) choose(undefined);
  });
  return (
    <Box flexDirection="column">
      <Text bold>asyncio-lab · {say('menuTitle', lang)}</Text>
      {lessons.map((lesson, i) => (
        <Text key={lesson.id} wrap="truncate-end" {...(i === at ? { color: 'cyan', bold: true } : {})}>
          {i === at ? '▶ ' : '  '}
          {`${lesson.command}${lesson.part ? ` ${lesson.part}` : ''}`.padEnd(20)} {lesson.title[lang]}
        </Text>
      ))}
    </Box>
  );
}
