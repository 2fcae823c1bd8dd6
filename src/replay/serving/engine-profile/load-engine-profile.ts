/**
 * Find, read and validate a serving-engine profile: by name (`vllm-0.11`, looked up as
 * `<name>.yaml` in the built-in engine-profiles/ folder) or by path (anything ending in
 * .yaml/.yml or holding a path separator). Every problem is an InputError at its file, line and
 * column (a missing figure, a negative host time, an unknown field, a name that is not the file's).
 */
import { readdirSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { Provenance } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";
import { displayPath, isFile } from "../../../input/file-paths.js";
import { memoizedLoad } from "../../../input/file-reads.js";
import { loadYamlFile } from "../../../input/load-yaml.js";
import { packagePath } from "../../../input/project-paths.js";
import type { EngineProfile } from "./engine-profile.js";
import { engineProfileSchema } from "./engine-profile-schema.js";

interface Quantity extends Provenance {
  value: number;
}

interface EngineProfileDoc {
  schemaVersion: number;
  name: string;
  displayName: string;
  host: { iterationS: Quantity; perSequenceS: Quantity; perTokenS: Quantity };
  decodeAttention: { memoryEfficiency: Quantity; vectorFlopsPerScore: Quantity };
}

/** The `engine-profiles/` folder shipped with wattif. */
export function builtinEngineProfileDir(): string {
  return packagePath("engine-profiles/");
}

/** Names of the built-in engine profiles, sorted. */
export function listEngineProfiles(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(builtinEngineProfileDir());
  } catch {
    return [];
  }
  return entries
    .filter((e) => /\.ya?ml$/i.test(e))
    .map((e) => e.slice(0, -extname(e).length))
    .sort();
}

/**
 * Profiles are small and read-only in a run; a sweep resolves one per point and replica, so the
 * one made from an unchanged file is reused.
 */
export function loadEngineProfile(nameOrPath: string): EngineProfile {
  const abs = findFile(nameOrPath);
  return memoizedLoad(`engine-profile:${abs}`, () => readProfile(abs));
}

function findFile(nameOrPath: string): string {
  if (/\.ya?ml$/i.test(nameOrPath) || nameOrPath.includes("/") || nameOrPath.includes("\\")) {
    const abs = resolve(nameOrPath);
    if (!isFile(abs))
      throw new InputError(`cannot read engine profile '${nameOrPath}': no such file`, {
        code: "FILE",
      });
    return abs;
  }
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(nameOrPath)) {
    for (const ext of [".yaml", ".yml"]) {
      const p = join(builtinEngineProfileDir(), nameOrPath + ext);
      if (isFile(p)) return p;
    }
  }
  throw new InputError(
    `unknown engine profile '${nameOrPath}' (known: ${listEngineProfiles().join(", ")})`,
    { code: "UNKNOWN_PROFILE" },
  );
}

function readProfile(abs: string): EngineProfile {
  const loaded = loadYamlFile<EngineProfileDoc>(abs, engineProfileSchema, displayPath(abs));
  const doc = loaded.value;
  const want = basename(abs, extname(abs));
  if (doc.name !== want) {
    throw loaded.errorAt(
      "name",
      `must equal the file's base name '${want}', got ${JSON.stringify(doc.name)}`,
      "SCHEMA",
    );
  }
  const provenance: Record<string, Provenance> = {};
  const take = (group: "host" | "decodeAttention", key: string): number => {
    const q = (doc[group] as unknown as Record<string, Quantity>)[key] as Quantity;
    provenance[`${group}.${key}`] =
      q.ref === undefined ? { source: q.source } : { source: q.source, ref: q.ref };
    return q.value;
  };
  return {
    name: doc.name,
    displayName: doc.displayName,
    host: {
      iterationS: take("host", "iterationS"),
      perSequenceS: take("host", "perSequenceS"),
      perTokenS: take("host", "perTokenS"),
    },
    decodeAttention: {
      memoryEfficiency: take("decodeAttention", "memoryEfficiency"),
      vectorFlopsPerScore: take("decodeAttention", "vectorFlopsPerScore"),
    },
    provenance,
  };
}
