/**
 * The one ajv configuration every schema is compiled with, at run time (schema-errors.ts) and at
 * build time (write-validators.ts), so a precompiled validator reports exactly what a
 * runtime-compiled one would: all errors, strict schemas and numbers, and `verbose` (errors carry
 * their schema, which the messages read `x-message` from).
 *
 * ajv is loaded on first use: a built process whose schemas are all precompiled never loads it
 * (~30 ms of every start).
 */
import { createRequire } from "node:module";
import type { Ajv, Options } from "ajv";

const requireHere = createRequire(import.meta.url);

export function newAjv(extra: Options = {}): Ajv {
  const { Ajv: AjvClass } = requireHere("ajv") as typeof import("ajv");
  const ajv = new AjvClass({
    allErrors: true,
    strict: true,
    strictNumbers: true,
    verbose: true,
    ...extra,
  });
  ajv.addKeyword({ keyword: "x-message", schemaType: "string" });
  // Annotations for the generated references (docs/*.md); they never change validation.
  ajv.addKeyword({ keyword: "x-default", schemaType: "string" });
  ajv.addKeyword({ keyword: "x-unit", schemaType: "string" });
  return ajv;
}
