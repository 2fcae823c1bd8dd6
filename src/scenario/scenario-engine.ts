/**
 * The serving-engine profile a scenario names (default vllm-0.11), loaded with errors placed on
 * the scenario's own line: a name stays a name; a path is relative to the scenario file.
 */
import { DEFAULT_ENGINE_PROFILE } from "../replay/serving/engine/engine-options.js";
import type { EngineProfile } from "../replay/serving/engine-profile/engine-profile.js";
import { loadEngineProfile } from "../replay/serving/engine-profile/load-engine-profile.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { scenarioPath } from "./scenario-profile.js";

export function loadScenarioEngine(
  loaded: LoadedYaml,
  field: (string | number)[],
  name: string | undefined,
): EngineProfile {
  const value = name ?? DEFAULT_ENGINE_PROFILE;
  const isPath = /\.ya?ml$/i.test(value) || value.includes("/") || value.includes("\\");
  try {
    return loadEngineProfile(isPath ? scenarioPath(value, loaded.file) : value);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A bad field is reported in the profile's own file; a missing one on this line.
    if (e.file !== undefined) throw e;
    throw loaded.errorAt(field, e.detail, e.code);
  }
}
