export { paretoFrontier, dominates, type TimeEnergy } from "./pareto.js";
