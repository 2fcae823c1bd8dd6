/** Pareto frontiers over two minimized costs, and the result of a sweep over knob settings. */
export { paretoFrontier, dominates, timeEnergyAxes, type Axes, type TimeEnergy } from "./pareto.js";
export { sweepResult, type SweepResult } from "./sweep-result.js";
