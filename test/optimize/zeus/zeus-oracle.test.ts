/**
 * The oracle against an exhaustive search written here from the raw CSV text (its own join of the
 * two traces, its own expected epochs with retries, its own cost), for every job in the traces on
 * both GPUs and five values of eta; and what the frontier and the optimum must be.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dominates } from "../../../src/frontier/pareto.js";
import {
  expectedEpochs,
  zeusDatasets,
  zeusJob,
  zeusOracle,
  type ZeusWorkload,
} from "../../../src/optimize/zeus/index.js";
import { allWorkloads, ZEUS_DIR } from "./load-workloads.js";

const ETAS = [0, 0.25, 0.5, 0.75, 1];

function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(ZEUS_DIR, file), "utf8").trim().split("\n");
  const cols = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

/** Every (batch, limit) of the job tried; the least cost (first found on exact ties). */
function bruteForce(dataset: string, gpu: string, eta: number) {
  const job = zeusJob(dataset)!;
  const same = (r: Record<string, string>) =>
    r.dataset === job.dataset && r.network === job.network && r.optimizer === job.optimizer;
  const train = csv("summary_train.csv").filter(
    (r) => same(r) && Number(r.target_metric) === job.targetMetric,
  );
  const power = csv(`summary_power_${gpu}.csv`).filter(same);
  const maxPowerW = Math.max(...power.map((r) => Number(r.power_limit)));
  let best: { b: number; p: number; costJ: number } | undefined;
  for (const r of power) {
    const b = Number(r.batch_size);
    const runs = train.filter((t) => Number(t.batch_size) === b);
    const epochs = runs.map((t) => Number(t.target_epoch));
    const ok = epochs.filter((e) => Number.isFinite(e) && e <= job.maxEpochs);
    if (ok.length === 0) continue;
    const expected =
      (ok.reduce((s, e) => s + e, 0) + (runs.length - ok.length) * job.maxEpochs) / ok.length;
    const tta = expected * Number(r.time_per_epoch);
    const eta_ = tta * Number(r.average_power);
    const costJ = eta * eta_ + (1 - eta) * maxPowerW * tta;
    if (best === undefined || costJ < best.costJ) best = { b, p: Number(r.power_limit), costJ };
  }
  return best!;
}

describe("Zeus oracle", () => {
  let workloads: ZeusWorkload[];
  beforeAll(async () => {
    workloads = await allWorkloads();
  });

  it("covers every job on both GPUs", () => {
    expect(workloads.map((w) => `${w.gpu}/${w.job.dataset}`).sort()).toEqual(
      ["a40", "v100"].flatMap((g) => zeusDatasets().map((d) => `${g}/${d}`)).sort(),
    );
  });

  it("matches an exhaustive search of the raw traces for every job, GPU and eta", () => {
    for (const w of workloads) {
      for (const eta of ETAS) {
        const o = zeusOracle(w, eta);
        const bf = bruteForce(w.job.dataset, w.gpu, eta);
        const at = `${w.gpu} ${w.job.dataset} eta ${eta}`;
        expect([o.optimum.batchSize, o.optimum.powerLimitW], at).toEqual([bf.b, bf.p]);
        expect(o.optimum.costJ, at).toBeCloseTo(bf.costJ, 6);
      }
    }
  });

  it("picks a frontier point, and the extremes at eta 0 and 1", () => {
    for (const w of workloads) {
      for (const eta of ETAS) {
        const o = zeusOracle(w, eta);
        const at = `${w.gpu} ${w.job.dataset} eta ${eta}`;
        expect(
          o.points.some((p) => dominates(p, o.optimum)),
          at,
        ).toBe(false);
        if (eta === 0) expect(o.optimum.timeS, at).toBe(Math.min(...o.points.map((p) => p.timeS)));
        if (eta === 1)
          expect(o.optimum.energyJ, at).toBe(Math.min(...o.points.map((p) => p.energyJ)));
      }
    }
  });

  it("keeps exactly the undominated points on the frontier", () => {
    for (const w of workloads) {
      const o = zeusOracle(w, 0.5);
      for (const p of o.points) {
        const dominated = o.points.some((q) => dominates(q, p));
        expect(
          o.frontier.includes(p),
          `${w.gpu} ${w.job.dataset} ${p.batchSize}@${p.powerLimitW}`,
        ).toBe(!dominated);
      }
    }
  });

  it("saves against b0 at the highest limit (what the job ran before)", () => {
    for (const w of workloads) {
      const o = zeusOracle(w, 0.5);
      expect(o.baseline.batchSize).toBe(w.job.defaultBatchSize);
      expect(o.baseline.powerLimitW).toBe(w.maxPowerW);
      expect(o.optimum.costJ).toBeLessThanOrEqual(o.baseline.costJ);
    }
  });
});

describe("expected epochs to the target", () => {
  it("is the mean when every run reaches", () => {
    expect(expectedEpochs([3, 4, 5], 10)).toBe(4);
  });
  it("charges failed runs the whole epoch limit and retries them", () => {
    // Two of four runs reach: (3 + 5 + 2 x 10) / 2.
    expect(expectedEpochs([3, null, 5, null], 10)).toBe(14);
  });
  it("is infinite when no run reaches", () => {
    expect(expectedEpochs([null, null], 10)).toBe(Infinity);
  });
});
