// Why an option's value is refused, in both languages: the end of commander's "option '--speed
// <factor>' argument '0' is invalid." (help-errors.ts says that part in Chinese). Option names,
// numbers and the value typed stay as they are.
import type { Bilingual } from '../ui/i18n.js';

export const optionErrors = {
  python: (versions: string): Bilingual => ({ en: `expected one of ${versions}.`, zh: `应为 ${versions} 之一。` }),
  positive: { en: 'expected a positive number, e.g. 2 or 0.5.', zh: '应为正数,例如 2 或 0.5。' },
  speed: (min: number, max: number): Bilingual => ({ en: `expected a speed from ${min} to ${max}, e.g. 2 or 0.5.`, zh: `速度应在 ${min} 到 ${max} 之间,例如 2 或 0.5。` }),
  count: (max: number): Bilingual => ({ en: `expected a whole number of events from 1 to ${max}, e.g. 20000000.`, zh: `应为 1 到 ${max} 之间的整数个事件,例如 20000000。` }),
  megabytes: { en: 'expected whole megabytes from 64 to 65536, e.g. 4096.', zh: '应为 64 到 65536 之间的整数 MB,例如 4096。' },
  seconds: { en: 'expected simulated seconds, a number >= 0, e.g. 1.5.', zh: '应为模拟时间的秒数,一个 >= 0 的数,例如 1.5。' },
  tooLate: (max: number): Bilingual => ({ en: `expected at most ${max} simulated seconds (an hour).`, zh: `模拟时间最多 ${max} 秒(一小时)。` }),
  moments: (got: string): Bilingual => ({ en: `expected simulated seconds (numbers >= 0, comma-separated), e.g. 1.5 or 1.5,3; got '${got}'.`, zh: `应为模拟时间的秒数(>= 0 的数,用逗号分隔),例如 1.5 或 1.5,3;得到的是 '${got}'。` }),
  momentTooLate: (max: number, got: string): Bilingual => ({ en: `expected at most ${max} simulated seconds (an hour); got '${got}'.`, zh: `模拟时间最多 ${max} 秒(一小时);得到的是 '${got}'。` }),
  cpuSeconds: { en: 'expected wall seconds from 0.1 to 3600, e.g. 30.', zh: '应为 0.1 到 3600 之间的墙钟秒数,例如 30。' },
  eventIndexes: (got: string): Bilingual => ({ en: `expected event indexes (whole numbers >= 0, comma-separated), e.g. 120 or 120,4000; got '${got}'.`, zh: `应为事件序号(>= 0 的整数,用逗号分隔),例如 120 或 120,4000;得到的是 '${got}'。` }),
  lang: { en: "expected 'zh' or 'en'.", zh: "应为 'zh' 或 'en'。" },
} as const;
