/**
 * JSON Schema validation (ajv) with messages a user can act on, each placed on the YAML node it is
 * about: `power.idleW: must have required property 'idleW'` -> `unknown field 'idelW'`, etc.
 *
 * Schemas may carry an `x-message` annotation: it replaces the message of a failed `type`, `const`,
 * `oneOf` or `anyOf` on that schema (the per-branch errors of a failed `oneOf`/`anyOf` are dropped).
 * `x-default` (a default that is not a literal value) and `x-unit` are annotations only.
 */
import type { AnySchema, ErrorObject, ValidateFunction } from "ajv";
import { newAjv } from "./ajv-instance.js";
import { InputError, type InputErrorCode } from "./input-error.js";
import { precompiledValidator } from "./precompiled-validators.js";
import { pathToString, pointerToSegments, type PathSegment } from "./yaml-path.js";

/** Where a path lies in the input: file and 1-based position, any of them possibly unknown. */
export interface Location {
  file?: string;
  line?: number;
  col?: number;
}

/** Locates a path; `key: true` asks for the key naming the node rather than its value. */
export type Locate = (path: readonly PathSegment[], opts?: { key?: boolean }) => Location;

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Compile a schema once (cached by schema object; the cache never changes a result): the build's
 * precompiled validator when it has one for this schema, else ajv at run time.
 */
export function compileSchema(schema: AnySchema | ValidateFunction): ValidateFunction {
  if (typeof schema === "function") return schema;
  if (typeof schema !== "object") throw new TypeError("a boolean schema is not supported here");
  const hit = compiled.get(schema);
  if (hit !== undefined) return hit;
  let validate = precompiledValidator(schema);
  if (validate === undefined) {
    validate = newAjv().compile(schema);
    compiledAtRunTime++;
  }
  compiled.set(schema, validate);
  return validate;
}

let compiledAtRunTime = 0;

/** How many schemas this process compiled at run time (none precompiled for them). */
export function schemasCompiledAtRunTime(): number {
  return compiledAtRunTime;
}

/**
 * Validate `value`; on failure return one InputError per problem (an empty list when valid).
 */
export function validateWithSchema(
  value: unknown,
  schema: AnySchema | ValidateFunction,
  locate: Locate,
  code: InputErrorCode = "SCHEMA",
): InputError[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  return schemaErrorsToInputErrors(validate.errors ?? [], value, locate, code);
}

export function schemaErrorsToInputErrors(
  errors: readonly ErrorObject[],
  value: unknown,
  locate: Locate,
  code: InputErrorCode = "SCHEMA",
): InputError[] {
  const unions = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  const insideUnion = (e: ErrorObject): boolean =>
    unions.some(
      (u) =>
        u !== e &&
        e.schemaPath.startsWith(u.schemaPath + "/") &&
        (e.instancePath === u.instancePath || e.instancePath.startsWith(u.instancePath + "/")),
    );
  const out: InputError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === "if" || insideUnion(e)) continue;
    const at = pointerToSegments(e.instancePath, value);
    const described = describe(e, at);
    const loc = locate(described.locateAt, { key: described.key });
    const path = pathToString(described.path);
    const dedupe = `${path}\u0000${described.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push(new InputError(described.message, { code, path, ...loc }));
  }
  return out;
}

interface Described {
  message: string;
  /** Path shown to the user. */
  path: PathSegment[];
  /** Node the position comes from. */
  locateAt: PathSegment[];
  key: boolean;
}

function describe(e: ErrorObject, at: PathSegment[]): Described {
  const params = e.params as Record<string, unknown>;
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.["x-message"];
  const base = { path: at, locateAt: at, key: false };
  switch (e.keyword) {
    case "required": {
      const missing = String(params["missingProperty"]);
      return {
        message: `must have required property '${missing}'`,
        path: [...at, missing],
        locateAt: at,
        key: false,
      };
    }
    case "additionalProperties": {
      const field = String(params["additionalProperty"]);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
        ?.properties;
      const allowed = props === undefined ? [] : Object.keys(props);
      const hint = allowed.length > 0 ? ` (allowed: ${allowed.join(", ")})` : "";
      return {
        message: `unknown field '${field}'${hint}`,
        path: [...at, field],
        locateAt: [...at, field],
        key: true,
      };
    }
    case "enum": {
      const values = (params["allowedValues"] as unknown[] | undefined) ?? [];
      return { ...base, message: `must be one of: ${values.map(show).join(", ")}` };
    }
    case "const":
      if (typeof custom === "string") return { ...base, message: custom };
      return { ...base, message: `must be ${show(params["allowedValue"])}` };
    case "type":
      if (typeof custom === "string") return { ...base, message: custom };
      return { ...base, message: `must be ${typeName(String(params["type"]))}` };
    case "oneOf":
    case "anyOf":
      return {
        ...base,
        message: typeof custom === "string" ? custom : "does not match any of the allowed forms",
      };
    case "false schema":
      return { ...base, message: "is not allowed here", key: true };
    default:
      return { ...base, message: e.message ?? `fails '${e.keyword}'` };
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: "a map",
    array: "a list",
    number: "a number",
    integer: "an integer",
    string: "a string",
    boolean: "true or false",
    null: "empty",
  };
  return type
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" or ");
}

function show(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
