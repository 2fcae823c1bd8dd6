/**
 * The hardware profile a scenario names, loaded with errors placed on the scenario's own line:
 * a name stays a name; a path (it has a separator or ends in .yaml/.yml) is relative to the
 * scenario file's folder, not to the working directory.
 */
import { dirname, resolve } from "node:path";
import { loadProfile } from "../hardware/profile/load-profile.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";

export function scenarioPath(value: string, scenarioFile: string): string {
  return resolve(dirname(scenarioFile), value);
}

export function loadScenarioProfile(
  loaded: LoadedYaml,
  field: (string | number)[],
  hardware: string,
  earlier: readonly InputError[] = [],
): HardwareProfile {
  const isPath = /\.ya?ml$/i.test(hardware) || hardware.includes("/") || hardware.includes("\\");
  try {
    return loadProfile(isPath ? scenarioPath(hardware, loaded.file) : hardware);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A profile that cannot be found or read is a problem of this line; one with a bad field is
    // reported in its own file.
    const unreadable = e.code === "FILE" && e.line === undefined;
    if (e.file !== undefined && !unreadable) throw e;
    const detail = unreadable ? `cannot load profile '${hardware}': ${e.detail}` : e.detail;
    throw InputError.combine([...earlier, loaded.errorAt(field, detail, e.code)]);
  }
}
