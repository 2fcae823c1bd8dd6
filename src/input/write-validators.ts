/**
 * Build step: write the precompiled validator of each schema (precompiled-validators.ts) as
 * ajv standalone CommonJS, compiled with the runtime's own ajv configuration.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AnySchema } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { newAjv } from "./ajv-instance.js";
import { VALIDATORS_DIR, validatorFileName } from "./precompiled-validators.js";

/** Replace `dir` with one validator file per schema (earlier builds' files go); returns the names. */
export function writePrecompiledValidators(
  schemas: readonly AnySchema[],
  dir: string = VALIDATORS_DIR,
): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return schemas.map((schema) => {
    const ajv = newAjv({ code: { source: true } });
    const name = validatorFileName(schema);
    writeFileSync(join(dir, name), standalone.default(ajv, ajv.compile(schema)));
    return name;
  });
}
