/**
 * Load any scenario file: parse the YAML, read its `kind`, and hand it to that kind's loader.
 * Each kind (estimate, training, serving, zeus, capacity) brings its own schema and loader.
 */
import { InputError } from "../input/input-error.js";
import { capacityScenarioFrom, type CapacityScenario } from "./load-capacity-scenario.js";
import { estimateScenarioFrom, type EstimateScenario } from "./load-estimate-scenario.js";
import { servingScenarioFrom, type ServingScenario } from "./load-serving-scenario.js";
import { trainingScenarioFrom, type TrainingScenario } from "./load-training-scenario.js";
import { zeusScenarioFrom, type ZeusScenario } from "./load-zeus-scenario.js";
import { loadYamlFile, parseYamlText, type LoadedYaml } from "../input/load-yaml.js";

export type Scenario =
  EstimateScenario | TrainingScenario | ServingScenario | ZeusScenario | CapacityScenario;

const LOADERS: Record<string, (loaded: LoadedYaml) => Scenario> = {
  estimate: estimateScenarioFrom,
  training: trainingScenarioFrom,
  serving: servingScenarioFrom,
  zeus: zeusScenarioFrom,
  capacity: capacityScenarioFrom,
};

export function scenarioKinds(): string[] {
  return Object.keys(LOADERS);
}

export function loadScenario(file: string): Scenario {
  return scenarioFrom(loadYamlFile(file));
}

export function parseScenario(text: string, file: string): Scenario {
  return scenarioFrom(parseYamlText(text, file));
}

/** Load an already parsed scenario document (a sweep point's, say) by its `kind`. */
export function scenarioFrom(loaded: LoadedYaml): Scenario {
  const value = loaded.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError("a scenario must be a YAML map with a 'kind' field", {
      code: "SCHEMA",
      file: loaded.file,
      line: 1,
      col: 1,
    });
  }
  const kind = (value as Record<string, unknown>).kind;
  const known = scenarioKinds();
  if (kind === undefined) {
    throw loaded.errorAt([], `missing 'kind' (one of: ${known.join(", ")})`, "SCHEMA");
  }
  const loader = typeof kind === "string" ? LOADERS[kind] : undefined;
  if (loader === undefined) {
    throw loaded.errorAt(
      ["kind"],
      `unknown kind '${String(kind)}' (one of: ${known.join(", ")})`,
      "SCHEMA",
    );
  }
  return loader(loaded);
}
