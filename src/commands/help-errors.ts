// Commander's own usage errors (unknown option, missing argument...) in the chosen language. They
// are English in commander: each known message is matched and said again in Chinese, the tokens it
// quotes kept as typed. The `error:` prefix stays (scripts look for it); a message not known here
// is left as commander wrote it.
import type { Lang } from '../scenarios/types.js';

const zh: readonly [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '([^']*)'/, (_, flag) => `error: 未知选项 '${flag}'`],
  [/^error: unknown command '([^']*)'/, (_, name) => `error: 未知命令 '${name}'`],
  [/^error: missing required argument '([^']*)'/, (_, name) => `error: 缺少必需的参数 '${name}'`],
  [/^error: option '([^']*)' argument missing/, (_, flags) => `error: 选项 '${flags}' 缺少取值`],
  [/^error: required option '([^']*)' not specified/, (_, flags) => `error: 必需的选项 '${flags}' 没有给出`],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\. ?/, (_, flags, value) => `error: 选项 '${flags}' 的取值 '${value}' 无效。`],
  [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (_, command, expected, got) => `error: ${command ? `'${command}' 的` : ''}参数太多:应为 ${expected} 个,给了 ${got} 个。`],
  [/^error: (.+) cannot be used with (.+)$/m, (_, a, b) => `error: ${a} 不能与 ${b} 同时使用`],
  [/\(Did you mean ([^?]*)\?\)/, (_, what) => `(你是不是想输入 ${what}?)`],
];

/** `text`, one of commander's error messages, in `lang`. */
export function sayCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [pattern, say] of zh) out = out.replace(pattern, (...m: unknown[]) => say(...(m.slice(0, -2) as string[]).map((s) => s ?? '')));
  return out;
}
