/**
 * Validators compiled at build time (ajv standalone code, one CommonJS file per schema under
 * `dist/input/validators/`, written by write-validators.ts), so a process does not spend ~0.2 s
 * compiling the scenario and profile schemas before its first point: every CLI run and every
 * sweep worker starts faster.
 *
 * A file is named by a hash of its schema's JSON, so a schema that changed after the build
 * finds no file and is compiled at run time as before: a stale build can be slower, never wrong.
 * From source (tests) the folder does not exist and every schema compiles at run time.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnySchema, ValidateFunction } from "ajv";

/** Beside this module: dist/input/validators/ when built. */
export const VALIDATORS_DIR = fileURLToPath(new URL("./validators/", import.meta.url));

const requireHere = createRequire(import.meta.url);

/** The file name a schema's validator has: its JSON's SHA-256, shortened. */
export function validatorFileName(schema: AnySchema): string {
  const hash = createHash("sha256").update(JSON.stringify(schema)).digest("hex");
  return `${hash.slice(0, 24)}.cjs`;
}

/** The build's validator for this schema in `dir`, or undefined when there is none for it. */
export function precompiledValidator(
  schema: AnySchema,
  dir: string = VALIDATORS_DIR,
): ValidateFunction | undefined {
  const file = join(dir, validatorFileName(schema));
  if (!existsSync(file)) return undefined;
  return requireHere(file) as ValidateFunction;
}
