/**
 * The vllm-0.11 engine profile on the h100-sxm profile against the ML.ENERGY leaderboard's
 * saturated runs of Llama-3.1-8B-Instruct on one H100 under vLLM 0.11.1 (data/mlenergy): the
 * template scenario scenarios/mlenergy-llama31-8b-h100.yaml, one maxNumSeqs at a time with ten
 * batches' worth of requests (the same physics as the shipped sweep, which gives every point the
 * largest batch's request count), each row's saturated steady state against the measured row.
 *
 * Tolerances are what the one fit of the engine profile reaches with a little room (see its `ref`
 * fields; `node scripts/fit-engine-profile.mjs` prints the same table), inside the 10% / 10% / 5%
 * goal: median ITL and energy per token within 7% on every row from 8 to 768 sequences, average
 * power within 2%.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { ServingScenario } from "../../../src/scenario/load-serving-scenario.js";
import { parseScenario } from "../../../src/scenario/load-scenario.js";
import { runServingPoint } from "../../../src/optimize/serving/sweep-serving.js";
import type { SteadyState } from "../../../src/replay/serving/metrics/steady-window.js";

const SCENARIO = join("scenarios", "mlenergy-llama31-8b-h100.yaml");
const DATA = "data/mlenergy/llama-3.1-8b-instruct_h100_lm-arena-chat.csv";

/** Tolerances reached, as |simulated / measured - 1|. */
const ITL_TOL = 0.07;
const ENERGY_TOL = 0.07;
const POWER_TOL = 0.02;

interface Row {
  maxNumSeqs: number;
  avgBatch: number;
  jPerToken: number;
  powerW: number;
  medianItlMs: number;
}

function measured(): Row[] {
  const [header, ...lines] = readFileSync(DATA, "utf8").trim().split("\n");
  const cols = header!.split(",");
  const col = (cells: string[], name: string) => Number(cells[cols.indexOf(name)]);
  return lines.map((l) => {
    const c = l.split(",");
    return {
      maxNumSeqs: col(c, "max_num_seqs"),
      avgBatch: col(c, "avg_batch_size"),
      jPerToken: col(c, "energy_per_output_token_j"),
      powerW: col(c, "avg_power_w"),
      medianItlMs: col(c, "median_itl_ms"),
    };
  });
}

function simulate(maxNumSeqs: number): SteadyState {
  const doc = parseDocument(readFileSync(SCENARIO, "utf8"));
  doc.setIn(["trace", "synthetic", "count"], Math.max(200, 10 * maxNumSeqs));
  const s = parseScenario(doc.toString(), SCENARIO) as ServingScenario;
  return runServingPoint(s, { maxNumSeqs }, 0).result.steady!;
}

const rows = measured();
const sims = new Map<number, SteadyState>();

beforeAll(() => {
  for (const r of rows) sims.set(r.maxNumSeqs, simulate(r.maxNumSeqs));
  const err = (a: number, b: number) => `${(100 * (a / b - 1)).toFixed(1).padStart(6)}%`;
  const lines = [
    "max_num_seqs | median ITL ms meas / sim (err) | J/token meas / sim (err) | power W meas / sim (err) | avg batch meas / sim",
  ];
  for (const r of rows) {
    const s = sims.get(r.maxNumSeqs)!;
    lines.push(
      `${String(r.maxNumSeqs).padStart(4)} | ${r.medianItlMs.toFixed(2)} / ${(s.itlS.p50 * 1e3).toFixed(2)} (${err(s.itlS.p50 * 1e3, r.medianItlMs)})` +
        ` | ${r.jPerToken.toFixed(4)} / ${s.gpuEnergyPerOutputTokenJ.toFixed(4)} (${err(s.gpuEnergyPerOutputTokenJ, r.jPerToken)})` +
        ` | ${r.powerW.toFixed(1)} / ${s.avgGpuPowerW.toFixed(1)} (${err(s.avgGpuPowerW, r.powerW)})` +
        ` | ${r.avgBatch.toFixed(1)} / ${s.avgBatch.toFixed(1)}`,
    );
  }
  if (process.env.MLENERGY_TABLE) console.log(lines.join("\n"));
});

describe("vllm-0.11 on h100-sxm vs ML.ENERGY (Llama-3.1-8B, saturated, maxNumSeqs 8-768)", () => {
  it("has the eleven measured rows", () => {
    expect(rows.map((r) => r.maxNumSeqs)).toEqual([
      8, 16, 32, 64, 96, 128, 192, 256, 384, 512, 768,
    ]);
  });

  for (const r of measured()) {
    it(`maxNumSeqs ${r.maxNumSeqs}: median ITL, J/token and power within the tolerances reached`, () => {
      const s = sims.get(r.maxNumSeqs)!;
      expect(Math.abs((s.itlS.p50 * 1e3) / r.medianItlMs - 1), "median ITL").toBeLessThan(ITL_TOL);
      expect(Math.abs(s.gpuEnergyPerOutputTokenJ / r.jPerToken - 1), "J/token").toBeLessThan(
        ENERGY_TOL,
      );
      expect(Math.abs(s.avgGpuPowerW / r.powerW - 1), "power").toBeLessThan(POWER_TOL);
    });
  }

  it("reproduces the physics: the batch fills, power rises to the limit, the KV cache caps 768", () => {
    const s = (n: number) => sims.get(n)!;
    for (const n of [8, 16, 32, 64, 96, 128, 192, 256, 384, 512]) {
      expect(s(n).avgBatch / n, `batch at ${n}`).toBeGreaterThan(0.99);
    }
    expect(s(768).avgBatch).toBeLessThan(740); // measured 691: the KV cache, not maxNumSeqs
    expect(s(768).avgBatch).toBeGreaterThan(650);
    const rising = [8, 16, 32, 64, 96, 128, 192];
    for (let i = 1; i < rising.length; i++)
      expect(s(rising[i]!).avgGpuPowerW).toBeGreaterThan(s(rising[i - 1]!).avgGpuPowerW);
    for (const n of [256, 384, 512, 768]) {
      expect(s(n).avgGpuPowerW).toBeGreaterThan(680); // at the 700 W limit
      expect(s(n).avgGpuPowerW).toBeLessThanOrEqual(700.5);
    }
    expect(s(8).gpuEnergyPerOutputTokenJ / s(512).gpuEnergyPerOutputTokenJ).toBeGreaterThan(5);
  });
});
