/**
 * The build's precompiled validators (ajv standalone, one file per schema hash) report exactly
 * what runtime-compiled ones do, a changed schema finds no file (so it is compiled, never checked
 * by a stale validator), and the built CLI loads every shipped scenario without compiling a schema.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AnySchema } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { newAjv } from "../../src/input/ajv-instance.js";
import { precompiledValidator, validatorFileName } from "../../src/input/precompiled-validators.js";
import { writePrecompiledValidators } from "../../src/input/write-validators.js";
import { VALIDATED_SCHEMAS } from "../../src/scenario/validated-schemas.js";
import { ROOT } from "../cli/helpers.js";

/** Values every schema rejects, in different ways. */
const BAD_VALUES: unknown[] = [
  {},
  [],
  "text",
  { kind: 5, name: "", schemaVersion: "one", extra: { nested: true } },
  { order: [["F0", "X1"]], chunks: 0, model_type: "llama", hidden_size: -1 },
];

describe("precompiled validators", () => {
  // Inside the project, as dist/ is: the generated code requires ajv's runtime helpers.
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "wattif-validators-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const names = writePrecompiledValidators(VALIDATED_SCHEMAS as AnySchema[], dir);

  it("writes one file per schema, named by its hash", () => {
    expect(readdirSync(dir).sort()).toEqual([...new Set(names)].sort());
    expect(names.length).toBe(VALIDATED_SCHEMAS.length);
  });

  it("give the same verdicts and errors as the schema compiled at run time", () => {
    for (const schema of VALIDATED_SCHEMAS) {
      const pre = precompiledValidator(schema as AnySchema, dir);
      expect(pre).toBeDefined();
      const runtime = newAjv().compile(schema as AnySchema);
      for (const value of BAD_VALUES) {
        expect(pre!(value)).toBe(false);
        expect(runtime(value)).toBe(false);
        expect(pre!.errors).toEqual(runtime.errors);
      }
    }
  });

  it("are not used for a schema that changed after the build", () => {
    const schema = VALIDATED_SCHEMAS[0] as Record<string, unknown>;
    const changed = { ...schema, description: `${String(schema.description)} (edited)` };
    expect(validatorFileName(changed)).not.toBe(validatorFileName(schema));
    expect(precompiledValidator(changed, dir)).toBeUndefined();
  });

  it("cover every schema the built loaders use on the shipped scenarios", () => {
    const scenarios = readdirSync(join(ROOT, "scenarios"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => join(ROOT, "scenarios", f));
    const script = [
      `const { loadScenario } = await import(${JSON.stringify(join(ROOT, "dist/scenario/load-scenario.js"))});`,
      `const { schemasCompiledAtRunTime } = await import(${JSON.stringify(join(ROOT, "dist/input/schema-errors.js"))});`,
      `for (const f of ${JSON.stringify(scenarios)}) loadScenario(f);`,
      `process.stdout.write(String(schemasCompiledAtRunTime()));`,
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(scenarios.length).toBeGreaterThan(10);
    expect(out).toBe("0");
  });
});
