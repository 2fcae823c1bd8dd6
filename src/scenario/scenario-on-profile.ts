/**
 * One scenario file on another hardware profile (`wattif compare --profiles`): the file's
 * `hardware` field is replaced before its kind's loader runs, so every check still applies and
 * errors keep the file's positions. The profile is a name (looked up as `wattif profiles` lists
 * them) or a path, relative to the working directory as on any command line.
 */
import { resolve } from "node:path";
import { loadProfile } from "../hardware/profile/load-profile.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { InputError } from "../input/input-error.js";
import { loadedFromDocument, loadYamlFile } from "../input/load-yaml.js";
import { scenarioFrom, type Scenario } from "./load-scenario.js";

/** Kinds whose workload runs on one `hardware` profile that can be swapped. */
const SWAPPABLE = ["serving", "training", "estimate"];

const isPath = (s: string) => /\.ya?ml$/i.test(s) || s.includes("/") || s.includes("\\");

/** The profile `--profiles` names, or exit-2 input naming it. */
export function profileFromFlag(nameOrPath: string, flag = "--profiles"): HardwareProfile {
  try {
    return loadProfile(isPath(nameOrPath) ? resolve(nameOrPath) : nameOrPath);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A profile file with a bad field is reported at its own line; one that is missing here.
    if (e.file !== undefined && e.line !== undefined) throw e;
    throw new InputError(`cannot load profile '${nameOrPath}': ${e.detail}`, {
      code: e.code,
      path: flag,
    });
  }
}

/** A field set on the command line (`--set path=value`), already parsed. */
export interface FieldSetting {
  path: readonly (string | number)[];
  value: unknown;
}

export function scenarioOnProfile(
  file: string,
  nameOrPath: string,
  settings: readonly FieldSetting[] = [],
): Scenario {
  profileFromFlag(nameOrPath);
  const loaded = loadYamlFile(file);
  const value = loaded.value as Record<string, unknown> | null;
  const kind = value !== null && typeof value === "object" ? value.kind : undefined;
  if (kind === "zeus" || kind === "capacity") {
    throw loaded.errorAt(
      ["kind"],
      `--profiles swaps the hardware of a ${SWAPPABLE.join(", ")} scenario, not of a ${kind} one`,
    );
  }
  // A missing or unknown kind: its loader says what is wrong.
  if (typeof kind !== "string" || !SWAPPABLE.includes(kind)) return scenarioFrom(loaded);
  if (kind === "training" && value?.hardware === undefined) {
    throw loaded.errorAt(
      [],
      "--profiles needs a scenario priced on a hardware profile ('model' with 'hardware'), not a measured stage profile",
    );
  }
  const sweep = value?.sweep as Record<string, unknown> | undefined;
  if (sweep !== undefined && sweep !== null && typeof sweep === "object" && "hardware" in sweep) {
    throw loaded.errorAt(["sweep", "hardware"], "sweeps 'hardware' itself: --profiles replaces it");
  }
  for (const f of settings) loaded.doc.setIn(f.path, loaded.doc.createNode(f.value));
  loaded.doc.setIn(["hardware"], isPath(nameOrPath) ? resolve(nameOrPath) : nameOrPath);
  return scenarioFrom(loadedFromDocument(loaded.doc, loaded.lineCounter, loaded.file));
}
