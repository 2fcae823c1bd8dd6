/**
 * manifest.json: what a result was made from, so it can be traced and reproduced: the scenario
 * file and a hash of its text, the resolved profiles (name, file, hash of the resolved figures),
 * the seed, and the wattif and Node versions.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readInputText } from "../../input/read-text-file.js";
import { basename } from "node:path";
import { packagePath } from "../../input/project-paths.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import type { Scenario } from "../load-scenario.js";

export interface ResultManifest {
  scenario: { name: string; kind: string; file: string; sha256: string | null };
  seed: number | string | null;
  profiles: { role: string; name: string; file: string | null; sha256: string }[];
  wattifVersion: string;
  nodeVersion: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const hashes = new WeakMap<object, string>();

/** The hash of a resolved profile: its figures as JSON, without where the file sat. */
function profileHash(value: object): string {
  let hash = hashes.get(value);
  if (hash === undefined) {
    const { file: _file, ...rest } = value as { file?: string };
    hash = sha256(JSON.stringify(rest));
    hashes.set(value, hash);
  }
  return hash;
}

function scenarioText(file: string): string | null {
  try {
    return readInputText(file);
  } catch {
    // A scenario parsed from text (tests, cut-down goldens) has no file to hash.
    return null;
  }
}

let version: string | undefined;
function wattifVersion(): string {
  version ??= (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string })
    .version;
  return version;
}

function hardwareOf(s: Scenario): HardwareProfile | undefined {
  if (s.kind === "training") {
    return s.job.source.hardware;
  }
  // A plan's candidates and Zeus' traces name their own parts; the manifest lists the first.
  if (s.kind === "capacity")
    return s.training
      ? s.training.layouts[0]!.demand.at(s.training.layouts[0]!.demand.dpChoices[0]!).spec.hardware
      : s.candidates[0]?.at(1).profile;
  if (s.kind === "zeus") return undefined;
  return s.profile;
}

export function resultManifest(s: Scenario): ResultManifest {
  const text = scenarioText(s.file);
  return {
    scenario: { name: s.name, kind: s.kind, file: s.file, sha256: text === null ? null : sha256(text) },
    seed: s.kind === "serving" ? s.seed : null,
    profiles: manifestProfiles(s),
    wattifVersion: wattifVersion(),
    nodeVersion: process.version,
  };
}

/** The resolved profiles a scenario runs on, as the manifest lists them. */
export function manifestProfiles(s: Scenario): ResultManifest["profiles"] {
  const hw = hardwareOf(s);
  const profiles: ResultManifest["profiles"] = [];
  if (hw) {
    profiles.push({
      role: "hardware",
      name: hw.name,
      file: hw.file ? basename(hw.file) : null,
      sha256: profileHash(hw),
    });
  }
  if (s.kind === "serving") {
    profiles.push({
      role: "engine",
      name: s.engineProfile.name,
      file: null,
      sha256: profileHash(s.engineProfile),
    });
  }
  if (s.kind === "training" && s.job.source.kind === "profile") {
    const csv = scenarioText(s.job.source.file);
    profiles.push({
      role: "stageProfile",
      name: basename(s.job.source.file),
      file: basename(s.job.source.file),
      sha256: csv === null ? "" : sha256(csv),
    });
  }
  return profiles;
}
