/**
 * One row per field of a JSON Schema, for the generated references: its dotted path (`[]` for a
 * list's items), type, unit, default, allowed values and description. Reads the keywords the
 * project's schemas use: properties/required, items, enum/const, number and length bounds,
 * pattern, oneOf/anyOf, if/then/else (each branch with a `title` is a form of the field),
 * `$ref` into `$defs` (a named type, documented once), and the annotations `description`,
 * `examples`, `default`, `x-default` (a default that is not a literal) and `x-unit`.
 */

export type Schema = Readonly<Record<string, unknown>>;

export interface FieldRow {
  path: string;
  /** The form (branch title) the field belongs to, when the parent has several. */
  form?: string;
  type: string;
  unit: string;
  /** "required", a literal in backticks, a sentence, or "". */
  default: string;
  allowed: string;
  description: string;
}

export interface SchemaFields {
  rows: FieldRow[];
  /** Paths of fields without a description of their own (a reference must explain each). */
  undocumented: string[];
}

const DEF_PREFIX = "#/$defs/";

/** Units from the project's naming rule (timeS, powerW, freqMHz, bytes, ...), longest first. */
const UNIT_SUFFIXES: [RegExp, string][] = [
  [/BytesPerS$/, "bytes/s"],
  [/JPerByte$/, "J/byte"],
  [/FlopsPerClock$/, "FLOP/clock"],
  [/PerS$/, "1/s"],
  [/MHz$/, "MHz"],
  [/Bytes$/, "bytes"],
  [/Flops$/, "FLOP"],
  [/Tokens$/, "tokens"],
  [/S$/, "s"],
  [/W$/, "W"],
  [/J$/, "J"],
  [/V$/, "V"],
];

export function schemaFields(root: Schema): SchemaFields {
  return fieldsOf(root, root);
}

/** The fields inside `s` (the root itself, or one of its `$defs`), with `$ref`s into `root`. */
export function fieldsOf(s: Schema, root: Schema): SchemaFields {
  const out: SchemaFields = { rows: [], undocumented: [] };
  children(s, root, "", "", undefined, out);
  return out;
}

/** The `$defs` a schema's fields refer to, by name, to document each once. */
export function schemaDefs(root: Schema): [string, Schema][] {
  const defs = (root["$defs"] ?? {}) as Record<string, Schema>;
  return Object.entries(defs);
}

/** The `$defs` name of a `$ref`, or undefined. */
export function refName(s: Schema): string | undefined {
  const ref = s["$ref"];
  return typeof ref === "string" && ref.startsWith(DEF_PREFIX)
    ? ref.slice(DEF_PREFIX.length)
    : undefined;
}

function resolve(s: Schema, root: Schema): Schema {
  const name = refName(s);
  if (name === undefined) return s;
  const target = ((root["$defs"] ?? {}) as Record<string, Schema>)[name];
  if (target === undefined) throw new Error(`unresolved $ref ${String(s["$ref"])}`);
  return { ...target, ...s };
}

/** Rows for the fields inside `s` (its properties, list items and forms), under `path`. */
function children(
  s: Schema,
  root: Schema,
  path: string,
  unit: string,
  form: string | undefined,
  out: SchemaFields,
): void {
  if (refName(s) !== undefined) return; // a named type: its fields are documented once
  const props = s["properties"] as Record<string, Schema> | undefined;
  const required = (s["required"] as string[] | undefined) ?? [];
  if (props !== undefined && !isConstraintOnly(s)) {
    for (const [key, child] of Object.entries(props)) {
      if (typeof child !== "object") continue; // `key: false` forbids a field in a branch
      field(
        child,
        root,
        path === "" ? key : `${path}.${key}`,
        key,
        unit,
        required.includes(key),
        form,
        out,
      );
    }
  }
  // Maps with free keys (e.g. sweep axes by name): one row for any key, named in angle brackets.
  const extra = s["additionalProperties"];
  if (typeof extra === "object" && extra !== null)
    field(extra as Schema, root, `${path}.<name>`, "", unit, false, form, out);
  const patterns = (s["patternProperties"] ?? {}) as Record<string, Schema>;
  for (const [pattern, child] of Object.entries(patterns))
    field(child, root, `${path}.<${pattern}>`, "", unit, false, form, out);
  const items = s["items"] as Schema | undefined;
  if (items !== undefined && typeof items === "object")
    children(items, root, `${path}[]`, unit, form, out);
  for (const branch of forms(s)) {
    if (isConstraintOnly(branch)) continue;
    children(branch, root, path, unit, (branch["title"] as string | undefined) ?? form, out);
  }
}

function field(
  raw: Schema,
  root: Schema,
  path: string,
  key: string,
  parentUnit: string,
  required: boolean,
  form: string | undefined,
  out: SchemaFields,
): void {
  const s = resolve(raw, root);
  const unit = (s["x-unit"] as string | undefined) ?? unitOfName(key) ?? parentUnit;
  const own = raw["description"] ?? (refName(raw) === undefined ? s["description"] : undefined);
  if (typeof own !== "string" || own.trim() === "") out.undocumented.push(path);
  const examples = s["examples"] as unknown[] | undefined;
  const example =
    examples === undefined ? "" : ` Example: ${examples.map((e) => code(show(e))).join(", ")}.`;
  out.rows.push({
    path,
    ...(form === undefined ? {} : { form }),
    type: typeOf(raw, root),
    unit,
    default: required
      ? "required"
      : s["default"] !== undefined
        ? code(show(s["default"]))
        : ((s["x-default"] as string | undefined) ?? ""),
    allowed: allowedOf(s, root),
    description: `${typeof own === "string" ? sentence(own) : ""}${example}`.trim(),
  });
  children(raw, root, path, unit, form, out);
}

/** The branches of a field: oneOf/anyOf, or the then/else of an if. */
function forms(s: Schema): Schema[] {
  const list = [s["oneOf"], s["anyOf"], s["allOf"]].flatMap((b) =>
    Array.isArray(b) ? (b as Schema[]) : [],
  );
  for (const k of ["then", "else"]) if (typeof s[k] === "object") list.push(s[k] as Schema);
  return list;
}

/** A branch that only restricts its parent's own fields (required, or `field: false`). */
function isConstraintOnly(s: Schema): boolean {
  return s["type"] === undefined && s["title"] === undefined && refName(s) === undefined;
}

export function unitOfName(key: string): string | undefined {
  return UNIT_SUFFIXES.find(([re]) => re.test(key))?.[1];
}

function typeOf(raw: Schema, root: Schema): string {
  const name = refName(raw);
  if (name !== undefined) return `[${name}](#${name.toLowerCase()})`;
  const s = resolve(raw, root);
  if (s["const"] !== undefined) return jsonType(s["const"]);
  if (Array.isArray(s["enum"]))
    return [...new Set((s["enum"] as unknown[]).map(jsonType))].join(" or ");
  const t = s["type"];
  if (t === "object") return "map";
  if (t === "array") {
    const items = s["items"] as Schema | undefined;
    return items === undefined ? "list" : `list of ${typeOf(items, root)}`;
  }
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.join(" or ");
  const branches = forms(s).filter((b) => !isConstraintOnly(b) || b["const"] !== undefined);
  if (branches.length > 0) return [...new Set(branches.map((b) => typeOf(b, root)))].join(" or ");
  return "any";
}

function jsonType(v: unknown): string {
  if (Number.isInteger(v)) return "integer";
  return Array.isArray(v) ? "list" : v === null ? "null" : typeof v;
}

function allowedOf(s: Schema, root: Schema): string {
  if (s["const"] !== undefined) return code(show(s["const"]));
  if (Array.isArray(s["enum"]))
    return (s["enum"] as unknown[]).map((v) => code(show(v))).join(", ");
  const parts: string[] = [];
  const bound = (k: string, op: string) => {
    if (typeof s[k] === "number") parts.push(`${op} ${String(s[k])}`);
  };
  bound("exclusiveMinimum", ">");
  bound("minimum", ">=");
  bound("exclusiveMaximum", "<");
  bound("maximum", "<=");
  if (s["minLength"] === 1) parts.push("non-empty");
  if (typeof s["pattern"] === "string") parts.push(`matches ${code(s["pattern"] as string)}`);
  const minItems = s["minItems"];
  if (minItems === 1) parts.push("non-empty");
  else if (typeof minItems === "number") parts.push(`at least ${minItems} items`);
  if (typeof s["minProperties"] === "number")
    parts.push(
      `at least ${String(s["minProperties"])} field${s["minProperties"] === 1 ? "" : "s"}`,
    );
  const items = s["items"] as Schema | undefined;
  if (items !== undefined && typeof items === "object") {
    const each = allowedOf(resolve(items, root), root);
    if (each !== "") parts.push(`each ${each}`);
  }
  const value = (s["properties"] as Record<string, Schema> | undefined)?.["value"];
  if (refName(s) !== undefined && value !== undefined) {
    const v = allowedOf(value, root);
    if (v !== "") parts.push(`value ${v}`);
  }
  const branches = forms(s);
  if (branches.length > 0 && branches.every(isConstraintOnly) && s["if"] === undefined) {
    const sets = branches.map((b) => `{${((b["required"] as string[]) ?? []).join(", ")}}`);
    parts.push(`exactly one of ${sets.join(", ")}`);
  } else if (branches.length > 0) {
    const described = branches.map((b) => {
      const title = b["title"] as string | undefined;
      if (title !== undefined) return title;
      if (b["const"] !== undefined) return code(show(b["const"]));
      const fields = Object.keys((b["properties"] as object | undefined) ?? {});
      const kind = b["type"] === "object" ? `{${fields.join(", ")}}` : typeOf(b, root);
      const more = allowedOf(resolve(b, root), root);
      return more === "" || b["type"] === "object" ? kind : `${kind} (${more})`;
    });
    // `integer or string` says it all already; name the forms only when they differ more.
    const plain = described.every((d, i) => d === typeOf(branches[i] as Schema, root));
    if (!plain) parts.push(`one of: ${described.join("; ")}`);
  }
  return parts.join("; ");
}

function show(v: unknown): string {
  return typeof v === "string" && v !== "" ? v : JSON.stringify(v);
}

function code(text: string): string {
  return `\`${text}\``;
}

/** Ends with a period; the first letter stays as written (it may be a field name). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
