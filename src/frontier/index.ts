/** Pareto frontiers over two minimized costs, and the result of a sweep over knob settings. */
export { paretoFrontier, dominates, timeEnergyAxes, type Axes, type TimeEnergy } from "./pareto.js";
export { sweepResult, type SweepResult } from "./sweep-result.js";
export {
  compareFrontiers,
  linearGrid,
  xAtY,
  yAtX,
  type FrontierComparison,
  type GridRow,
  type NamedFrontier,
  type WinRange,
  type XY,
} from "./compare-frontiers.js";
