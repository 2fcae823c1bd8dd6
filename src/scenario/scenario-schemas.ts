/**
 * The JSON Schema of each scenario kind, for the generated reference (docs/scenarios.md). A new
 * kind adds its schema here as well as its loader: test/docs/scenario-docs.test.ts fails until
 * the two lists agree.
 */
import { capacityScenarioSchema } from "./capacity-schema.js";
import { estimateScenarioSchema } from "./estimate-schema.js";
import { servingScenarioSchema } from "./serving-schema.js";
import { trainingScenarioSchema } from "./training-schema.js";
import { zeusScenarioSchema } from "./zeus-schema.js";

export const SCENARIO_SCHEMAS: Readonly<Record<string, object>> = {
  estimate: estimateScenarioSchema,
  training: trainingScenarioSchema,
  serving: servingScenarioSchema,
  zeus: zeusScenarioSchema,
  capacity: capacityScenarioSchema,
};
