// `npm run bench worker-config`: the runtime against CPython, and against the bare model of its
// algorithm (`bench floor`, printed beside it as the limit), in the configuration the lab really
// runs the simulation in: a worker thread with the young generation the lab gives it through
// `resourceLimits` (src/playback/worker-client.ts). Goals: call_soon chain and gather at least
// 10x CPython; timers and tasks within 1.25x of the bare model's time.
import { Worker } from 'node:worker_threads';
import { YOUNG_GENERATION_MB } from '../src/playback/worker-client.js';
import { withBundle } from './bundled.js';

/** Runs bench/<name>.bench.ts's default export, bundled as the lab's build bundles (bundled.ts), in a worker configured as the lab's. */
function inLabWorker(name: string): Promise<void> {
  return withBundle(name, (url) => inWorker(name, url));
}

function inWorker(name: string, url: string): Promise<void> {
  const script = `import(${JSON.stringify(url)}).then((m) => m.default())`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true, argv: process.argv.slice(3), resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench ${name} in a worker exited with ${code}`))));
  });
}

export default async function bench(): Promise<void> {
  console.log(`In a worker thread with a ${YOUNG_GENERATION_MB} MB young generation (resourceLimits), as the lab runs the simulation.\n`);
  console.log('### runtime, in the lab\'s worker\n');
  await inLabWorker('runtime');
  console.log('\n### floor, in the lab\'s worker: the bare model beside the runtime (goal: runtime time / bare model time ≤ 1.25 for timers and tasks)\n');
  await inLabWorker('floor');
}
