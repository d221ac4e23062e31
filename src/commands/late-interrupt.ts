// Whether a requested Ctrl+C would never reach the program (it has exited by then). The run is
// deterministic, so one run tells; it is made like any other: in the simulation's worker (a program
// that never gives control back cannot freeze the command), read as a stream without keeping the
// events, only as far as the last Ctrl+C asked for, and within at most CHECK_EVENTS (a run too big
// to tell that quickly is left to its view, which shows where it stopped).
import type { Simulation, SimulationRequest } from '../playback/simulation.js';
import { shellStatus } from '../runtime/process/shell-status.js';
import type { Bilingual } from '../ui/i18n.js';
import { usageWords } from './usage-words.js';

/** Events the check reads at most: a second or two of simulation, before the view starts. */
export const CHECK_EVENTS = 2_000_000;

/** Wall milliseconds the check may take (a scenario's synchronous infinite loop never answers). */
export const CHECK_MS = 2000;

/** The one-line reason a Ctrl+C of `request` would never be delivered, or undefined when every one is. */
export async function interruptAfterExit(simulate: (request: SimulationRequest) => Simulation, request: SimulationRequest): Promise<Bilingual | undefined> {
  const { interrupts } = request.options;
  const last = interrupts.at(-1);
  if (last === undefined) return undefined;
  // Past the last Ctrl+C nothing can change which of them were delivered.
  const budgets = { ...request.budgets, events: Math.min(request.budgets.events, CHECK_EVENTS), instantEvents: Math.min(request.budgets.instantEvents, CHECK_EVENTS) };
  const simulation = simulate({ ...request, budgets, options: { ...request.options, until: Math.min(request.options.until, last) } });
  let delivered = 0;
  let lastT = 0;
  const read = async () => {
    for (let batch = await simulation.next(); batch !== undefined; batch = await simulation.next()) {
      for (const e of batch) if (e.type === 'interrupt') delivered++;
      lastT = batch.at(-1)?.t ?? lastT;
      simulation.consumed(batch.length);
    }
    return true;
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_MS)));
  const done = await Promise.race([read(), late]).finally(() => {
    clearTimeout(timer);
    simulation.close();
  });
  const ended = done ? simulation.ended() : undefined;
  // A budget or a failure is for the view to report, on the run it shows.
  if (ended === undefined || ended.budget !== undefined || ended.error !== undefined) return undefined;
  const missed = interrupts[delivered];
  if (missed === undefined || ended.end.kind !== 'exit') return undefined;
  // The simulated process takes a Ctrl+C at a line its main thread runs or where it waits
  // (src/runtime/process/kernel.ts): a program that does neither from then to its exit (only other
  // threads run) never gives it the chance.
  const status = shellStatus(ended.end.status);
  if (missed < lastT) return usageWords.neverDelivered(missed, lastT, status);
  return usageWords.alreadyExited(missed, lastT, status);
}
