// `asyncio-lab/scenario` has types only (src/scenarios/scenario-types.d.ts); importing it at run
// time gives nothing.
export {};
