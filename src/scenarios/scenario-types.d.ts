// The types a scenario of your own can name, for `import type { ScenarioDefinition } from
// 'asyncio-lab/scenario'`: a type-only import is erased when the scenario runs, so the file works
// wherever it is copied (the package is needed only by an editor that checks it).
export type { ScenarioDefinition } from './custom.js';
export type { Py } from '../runtime/process/index.js';
