// asyncio.run of a coroutine that sleeps, then cleans up: a Ctrl+C goes to the Runner's handler.
// Run in the simulation's worker (test/playback/live-interrupt.test.ts) and compared with python3
// given a real SIGINT (test/process/run-interrupt.test.ts).
import type { ScenarioDefinition } from '../../../src/scenarios/custom.js';

const python = `import asyncio

async def main():
    print("main starts")
    try:
        await asyncio.sleep(10)
    finally:
        print("main cleans up")

asyncio.run(main())
`;

export default {
  title: 'asyncio.run, cancelled by Ctrl+C',
  source: { file: 'run-cancelled.py', text: python },
  *program(py) {
    const main = py.asyncDef('main', 3, function* () {
      py.line(4);
      py.print('main starts');
      try {
        py.line(6);
        yield* py.asyncio.sleep(10);
      } finally {
        py.line(8);
        py.print('main cleans up');
      }
    });
    py.line(10);
    yield* py.asyncio.run(main());
  },
} satisfies ScenarioDefinition;
