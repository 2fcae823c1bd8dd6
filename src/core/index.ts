export { Simulator, type SimulatorOptions } from "./simulator.js";
export type { EventHandle, EventHandler } from "./event.js";
export { EventHeap, type HeapEntry } from "./event-heap.js";
export { RngStream, deriveSeed } from "./rng.js";
export { SimulationError } from "./simulation-error.js";
