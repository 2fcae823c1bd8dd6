/**
 * Every example scenario in scenarios/ runs in the suite against its golden summary
 * (test/golden/<name>.summary.json). Set UPDATE_GOLDEN=1 to rewrite them after a deliberate
 * model change, and say why in the commit.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/report/json.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";

const files = readdirSync("scenarios").filter((f) => f.endsWith(".yaml"));

/** Numbers agree to 1e-9 relative; everything else exactly. */
function expectClose(actual: unknown, golden: unknown, path = ""): void {
  if (typeof golden === "number" && typeof actual === "number") {
    expect(Math.abs(actual - golden), path).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(golden)),
    );
  } else if (golden !== null && typeof golden === "object") {
    expect(Object.keys(actual as object), path).toEqual(Object.keys(golden));
    for (const [k, v] of Object.entries(golden))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(golden);
  }
}

describe("example scenarios", () => {
  it("ships the quickstart and at least two more examples", () => {
    expect(files).toContain("quickstart.yaml");
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`${file} matches its golden summary`, async () => {
      const outcome = await runScenario(loadScenario(join("scenarios", file)));
      const summary = JSON.parse(toJson(outcome.summary)) as unknown;
      const goldenFile = join("test/golden", `${outcome.name}.summary.json`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(goldenFile, toJson(summary));
      expect(existsSync(goldenFile), `${goldenFile} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expectClose(summary, JSON.parse(readFileSync(goldenFile, "utf8")));
    });
  }
});
