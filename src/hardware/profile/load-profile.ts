/**
 * Find, read, merge (`extends`), validate and resolve a hardware profile YAML into a
 * `HardwareProfile`. Every problem is an InputError naming the file, line and column it is about.
 */
import { packagePath } from "../../input/project-paths.js";
import { readdirSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { InputError } from "../../input/input-error.js";
import { displayPath, isFile } from "../../input/file-paths.js";
import { memoizedLoad } from "../../input/file-reads.js";
import { loadYamlFile, type LoadedYaml } from "../../input/load-yaml.js";
import { validateWithSchema, type Locate } from "../../input/schema-errors.js";
import { mergeExtends } from "./merge-extends.js";
import type { HardwareProfile } from "./profile.js";
import { PROFILE_SCHEMA_VERSION, profileSchema } from "./profile-schema.js";
import { resolveProfile, type ProfileDoc } from "./resolve-profile.js";

export interface LoadProfileOptions {
  /** Extra folders searched for `<name>.yaml`, before the built-in profiles. */
  dirs?: readonly string[];
}

const PROFILE_EXTENSIONS = [".yaml", ".yml"] as const;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The `hardware-profiles/` folder shipped with wattif (next to `src/` and `dist/`). */
export function builtinProfileDir(): string {
  return packagePath("hardware-profiles/");
}

/** Names of the profiles found in `dirs` and the built-in folder, sorted. */
export function listProfiles(opts: LoadProfileOptions = {}): string[] {
  return namesIn(searchDirs(opts));
}

/**
 * Load a profile by name (`h100-sxm`, looked up as `<name>.yaml` in `dirs`, then the built-in
 * folder) or by path (anything ending in .yaml/.yml or containing a path separator; its `extends`
 * are looked up next to it first).
 */
export function loadProfile(nameOrPath: string, opts: LoadProfileOptions = {}): HardwareProfile {
  const dirs = searchDirs(opts);
  // A sweep loads the same profile once per point: reuse the one made from unchanged files
  // (per working directory, since messages show paths relative to it).
  const key = `hardware-profile:${JSON.stringify([looksLikePath(nameOrPath) ? resolve(nameOrPath) : nameOrPath, dirs, process.cwd()])}`;
  return memoizedLoad(key, () => readProfileChain(nameOrPath, dirs));
}

function readProfileChain(nameOrPath: string, dirs: readonly string[]): HardwareProfile {
  let abs: string;
  if (looksLikePath(nameOrPath)) {
    abs = resolve(nameOrPath);
  } else {
    const found = findProfile(nameOrPath, dirs);
    if (found === undefined) {
      throw new InputError(
        `unknown hardware profile '${nameOrPath}' (known: ${namesIn(dirs).join(", ")})`,
        { code: "UNKNOWN_PROFILE" },
      );
    }
    abs = found;
  }

  // Read the chain child -> base.
  const chain: { abs: string; loaded: LoadedYaml<Record<string, unknown>> }[] = [];
  for (;;) {
    const loaded = loadYamlFile<Record<string, unknown>>(abs, undefined, displayPath(abs));
    checkFile(loaded, abs);
    chain.push({ abs, loaded });
    const ext = loaded.value["extends"];
    if (ext === undefined) break;
    const lookIn = [dirname(abs), ...dirs];
    const next = typeof ext === "string" ? findProfile(ext, lookIn) : undefined;
    if (next === undefined) {
      throw loaded.errorAt(
        "extends",
        `unknown profile '${String(ext)}' (known: ${namesIn(lookIn).join(", ")})`,
        "UNKNOWN_PROFILE",
      );
    }
    const seen = chain.findIndex((c) => c.abs === next);
    if (seen >= 0) {
      const names = [...chain.slice(seen).map((c) => profileName(c.abs)), profileName(next)];
      throw loaded.errorAt("extends", `extends cycle: ${names.join(" -> ")}`, "EXTENDS_CYCLE");
    }
    abs = next;
  }

  const merged = chain.reduceRight<unknown>(
    (acc, c) => (acc === undefined ? c.loaded.value : mergeExtends(acc, c.loaded.value)),
    undefined,
  );
  const top = chain[0];
  if (top === undefined) throw new Error("unreachable: empty extends chain");
  // Place each error on the child-most file that has the path, else on the child's nearest node.
  const locate: Locate = (path, o) => {
    for (const c of chain) {
      const pos = c.loaded.positionOf(path, o);
      if (pos.found) return { file: c.loaded.file, line: pos.line, col: pos.col };
    }
    const pos = top.loaded.positionOf(path, o);
    return { file: top.loaded.file, line: pos.line, col: pos.col };
  };
  const errors = validateWithSchema(merged, profileSchema, locate);
  if (errors.length > 0) throw InputError.combine(errors);
  return resolveProfile(merged as ProfileDoc, locate, { file: top.loaded.file });
}

/** Per-file rules that merging would hide: each file is a map with its own version and name. */
function checkFile(loaded: LoadedYaml<Record<string, unknown>>, abs: string): void {
  const v: unknown = loaded.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw loaded.errorAt([], "a hardware profile must be a YAML map", "SCHEMA");
  }
  const errors: InputError[] = [];
  const at = (field: string, detail: string): void => {
    const { line, col } = loaded.positionOf(field);
    errors.push(
      new InputError(detail, { code: "SCHEMA", file: loaded.file, line, col, path: field }),
    );
  };
  const value = v as Record<string, unknown>;
  if (!("schemaVersion" in value)) {
    at("schemaVersion", `must have required property 'schemaVersion' (${PROFILE_SCHEMA_VERSION})`);
  }
  const want = profileName(abs);
  if (!("name" in value)) at("name", `must have required property 'name' ('${want}')`);
  else if (value["name"] !== want) {
    at("name", `must equal the file's base name '${want}', got ${JSON.stringify(value["name"])}`);
  }
  if ("extends" in value && typeof value["extends"] !== "string") at("extends", "must be a string");
  if (errors.length > 0) throw InputError.combine(errors);
}

function searchDirs(opts: LoadProfileOptions): string[] {
  return [...(opts.dirs ?? []).map((d) => resolve(d)), builtinProfileDir()];
}

function looksLikePath(s: string): boolean {
  return /\.ya?ml$/i.test(s) || s.includes("/") || s.includes("\\");
}

function findProfile(name: string, dirs: readonly string[]): string | undefined {
  if (!NAME_PATTERN.test(name)) return undefined;
  for (const dir of dirs) {
    for (const ext of PROFILE_EXTENSIONS) {
      const p = resolve(join(dir, name + ext));
      if (isFile(p)) return p;
    }
  }
  return undefined;
}

function namesIn(dirs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const ext = extname(e).toLowerCase();
      if ((PROFILE_EXTENSIONS as readonly string[]).includes(ext) && isFile(join(dir, e))) {
        names.add(e.slice(0, -ext.length));
      }
    }
  }
  return [...names].sort();
}

function profileName(abs: string): string {
  return basename(abs, extname(abs));
}
