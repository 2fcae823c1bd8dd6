/**
 * The generated references in docs/ are current (CI catches a schema change without
 * `npm run docs`), cover every field of every schema, and explain each one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioKinds } from "../../src/scenario/load-scenario.js";
import { SCENARIO_SCHEMAS } from "../../src/scenario/scenario-schemas.js";
import {
  documentedSchemas,
  referencePages,
  undocumentedFields,
} from "../../src/scenario/reference/reference-pages.js";
import { schemaFields, type Schema } from "../../src/scenario/reference/schema-fields.js";
// @ts-expect-error: a plain ES module script without type declarations
import * as gen from "../../scripts/gen-scenario-docs.mjs";

const { formatPage, ROOT } = gen as {
  formatPage(page: { file: string; markdown: string }): Promise<string>;
  ROOT: string;
};

/**
 * Every property path of a schema, found apart from the generator: through properties, list
 * items, oneOf/anyOf/then/else branches and $refs into $defs (a $def's fields under its name).
 */
function propertyPaths(root: Schema): string[] {
  const out = new Set<string>();
  const defs = (root["$defs"] ?? {}) as Record<string, Schema>;
  const visit = (s: unknown, path: string) => {
    if (typeof s !== "object" || s === null) return;
    const o = s as Schema;
    if (typeof o["$ref"] === "string") return; // its fields are listed under the $def
    for (const [k, v] of Object.entries((o["properties"] ?? {}) as Record<string, unknown>)) {
      if (typeof v !== "object") continue;
      const p = path === "" ? k : `${path}.${k}`;
      out.add(p);
      visit(v, p);
    }
    if (o["items"] !== undefined) visit(o["items"], `${path}[]`);
    if (typeof o["additionalProperties"] === "object") {
      out.add(`${path}.<name>`);
      visit(o["additionalProperties"], `${path}.<name>`);
    }
    for (const [pattern, v] of Object.entries((o["patternProperties"] ?? {}) as object)) {
      out.add(`${path}.<${pattern}>`);
      visit(v, `${path}.<${pattern}>`);
    }
    for (const k of ["oneOf", "anyOf", "allOf"])
      for (const b of (o[k] as unknown[]) ?? []) visit(b, path);
    for (const k of ["then", "else"]) visit(o[k], path);
  };
  visit(root, "");
  for (const def of Object.values(defs)) visit(def, "");
  return [...out];
}

describe("generated references (docs/*.md)", () => {
  const pages = referencePages();

  it.each(pages.map((p) => [p.file, p]))(
    "%s is current (else run npm run docs)",
    async (_, page) => {
      const expected = await formatPage(page);
      const actual = readFileSync(join(ROOT, page.file), "utf8");
      expect(actual === expected, `${page.file} is stale: run npm run docs`).toBe(true);
    },
  );

  it("every field of every schema appears in its page", () => {
    const missing: string[] = [];
    for (const { file, label, schema } of documentedSchemas()) {
      const text = pages.find((p) => p.file === file)!.markdown;
      for (const path of propertyPaths(schema)) {
        if (!text.includes(`\`${path}\``)) missing.push(`${label}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every field has a description (add one to the schema when you add a field)", () => {
    expect(undocumentedFields()).toEqual([]);
  });

  it("documents every scenario kind the loader accepts", () => {
    expect(Object.keys(SCENARIO_SCHEMAS).sort()).toEqual(scenarioKinds().sort());
  });

  it("the path walk and the description check find what they should", () => {
    const schema: Schema = {
      type: "object",
      properties: {
        a: { type: "object", description: "A.", properties: { b: { type: "integer" } } },
        c: { oneOf: [{ type: "array", items: { type: "object", properties: { d: {} } } }] },
        e: { $ref: "#/$defs/f" },
        h: {
          type: "object",
          description: "H.",
          additionalProperties: { type: "array", items: { type: "number" } },
        },
      },
      $defs: { f: { type: "object", properties: { g: { type: "number" } } } },
    };
    expect(propertyPaths(schema).sort()).toEqual([
      "a",
      "a.b",
      "c",
      "c[].d",
      "e",
      "g",
      "h",
      "h.<name>",
    ]);
    expect(schemaFields(schema).undocumented).toEqual(["a.b", "c", "c[].d", "e", "h.<name>"]);
  });

  it("a stale page is told apart from a current one", async () => {
    const page = pages[0]!;
    const edited = { ...page, markdown: page.markdown.replace("# Scenario", "# Scenarios") };
    expect(await formatPage(edited)).not.toBe(await formatPage(page));
  });
});
