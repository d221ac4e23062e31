// Playback helpers shared by the Ink UI and the paced plain view: pacing a trace against the wall
// clock, and Ctrl+C by deterministic re-simulation.
export {
  type Playhead,
  startPlayhead,
  simTimeAt,
  pause,
  resume,
  setSpeed,
  seek,
  dueCount,
  dueCountAt,
  wallDelayUntil,
} from './pacing.js';
export { type Runnable, type Reinterrupted, withInterrupt, interruptAt, divergenceIndex, sameEvent } from './interrupt.js';
export { type Budgets, type BudgetName, type BudgetStop, DEFAULT_BUDGETS, BUDGET_OPTIONS, BudgetCounter, budgetMessage } from './budgets.js';
export { type Simulation, type SimulationEnd, type SimulationRequest, type RunTarget, type PlainRunOptions, simulateInProcess, collect } from './simulation.js';
