/**
 * The SLO-aware DVFS example keeps its promise: with the policy aimed 15% under the SLO, the
 * per-request TPOT p90 is at or under the 20 ms SLO, and it spends less energy per token than the
 * default clock on the same trace. Its output states the SLO outcome.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";

const FILE = join("scenarios", "slo-aware-dvfs.yaml");
const TEXT = readFileSync(FILE, "utf8");

describe("slo-aware-dvfs", async () => {
  const dvfs = await runScenario(parseScenario(TEXT, FILE));
  const plain = await runScenario(
    parseScenario(TEXT.replace(/policy:\n( {2}.*\n)+/, "policy:\n  kind: default\n"), FILE),
  );
  const check = (o: typeof dvfs) =>
    (o.summary as { sloCheck: { tpotP90S: number; tpotTargetS: number; tpotMissPct: number } })
      .sloCheck;

  it("meets its TPOT p90 target", () => {
    expect(check(dvfs).tpotP90S).toBeLessThanOrEqual(check(dvfs).tpotTargetS);
    expect(check(dvfs).tpotMissPct).toBe(0);
    expect(dvfs.text).toMatch(/TPOT p90 [\d.]+ ms vs 20\.00 ms \(met\)/);
  });

  it("saves energy per token against the default clock", () => {
    const e = (o: typeof dvfs) => (o.summary as { default: { energy: number } }).default.energy;
    expect(e(dvfs)).toBeLessThan(e(plain));
  });
});
