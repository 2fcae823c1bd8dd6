/**
 * `kind: capacity` (`wattif plan`): the shipped example cut to 2 minutes of trace. Each found
 * replica count meets the SLOs and one fewer does not (checked by replaying both again); GPUs =
 * replicas x TP; problems in a candidate or in the shared serving block are reported at their
 * line; an infeasible plan is a verdict with the closest deployment, exit 0.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { planCapacity, type CapacityPlan } from "../../src/optimize/capacity/plan-capacity.js";
import { judgeSlo } from "../../src/optimize/capacity/slo-targets.js";
import { runServingPoint } from "../../src/optimize/serving/sweep-serving.js";
import type { CapacityScenario } from "../../src/scenario/load-capacity-scenario.js";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { capacitySummary } from "../../src/scenario/results/capacity-results.js";
import { inputError } from "../input/input-error-helpers.js";
import { badInput, ok, tempDir } from "../cli/helpers.js";
import { writeFileSync } from "node:fs";

const FILE = join("scenarios", "capacity-azure-h100.yaml");
const TEXT = readFileSync(FILE, "utf8");

function variant(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(TEXT);
  doc.setIn(["serving", "trace", "window", "endS"], 120);
  edit(doc);
  return doc.toString();
}
const load = (text: string) => parseScenario(text, FILE) as CapacityScenario;

describe("wattif plan: the replica search on the shipped example (2 min of trace)", () => {
  let s: CapacityScenario;
  let plan: CapacityPlan;
  beforeAll(() => {
    s = load(variant((d) => d.setIn(["growth"], [1, 8])));
    plan = planCapacity(s);
  });

  it("finds a count per candidate and level that meets the SLOs, and one fewer does not", () => {
    let above1 = 0;
    for (const level of plan.levels) {
      for (const row of level.rows) {
        expect(row.feasible, `${row.candidate} at ${level.growth}x`).toBe(true);
        expect(row.slo.meets).toBe(true);
        expect(row.gpus).toBe(row.replicas * row.tp);
        const c = s.candidates.find((x) => x.name === row.candidate)!;
        const again = runServingPoint(c.at(level.growth), { replicas: row.replicas }, 0).result;
        expect(judgeSlo(s.slo, again).meets).toBe(true);
        if (row.replicas > 1) {
          above1++;
          expect(row.oneFewerSlo?.meets).toBe(false);
          const fewer = runServingPoint(c.at(level.growth), { replicas: row.replicas - 1 }, 0);
          expect(judgeSlo(s.slo, fewer.result).meets).toBe(false);
        }
      }
    }
    expect(above1).toBeGreaterThan(0); // the 8x level needs more than one replica somewhere
  });

  it("more demand never needs fewer replicas; the recommendation is the cheapest that works", () => {
    const [one, eight] = plan.levels;
    for (const row of eight!.rows) {
      const before = one!.rows.find((r) => r.candidate === row.candidate)!;
      expect(row.replicas).toBeGreaterThanOrEqual(before.replicas);
    }
    for (const level of plan.levels) {
      const cheapest = Math.min(...level.rows.map((r) => r.daily.costUsdPerDay));
      expect(level.recommended?.daily.costUsdPerDay).toBe(cheapest);
      expect(level.frontier).toContain(level.recommended);
    }
  });

  it("prices each candidate's GPUs at its own rate", () => {
    const a100 = plan.levels[0]!.rows.find((r) => r.candidate === "a100")!;
    expect(a100.daily.gpuUsdPerDay).toBeCloseTo(a100.gpus * 24 * 1.4, 9);
    const h100 = plan.levels[0]!.rows.find((r) => r.candidate === "h100")!;
    expect(h100.daily.gpuUsdPerDay).toBeCloseTo(h100.gpus * 24 * 2.5, 9);
  });
});

describe("wattif plan: a disaggregated deployment grows its pools together", () => {
  it("finds the fewest units of 1 prefill + 2 decode replicas that meet the SLOs; one fewer does not", () => {
    const s = load(
      variant((d) => {
        d.setIn(["growth"], [24]);
        d.setIn(
          ["candidates"],
          [
            {
              name: "h100-disagg",
              cluster: { disaggregation: { prefillReplicas: 1, decodeReplicas: 2 } },
            },
          ],
        );
      }),
    );
    const row = planCapacity(s).levels[0]!.rows[0]!;
    expect(row.feasible).toBe(true);
    expect(row.replicas).toBeGreaterThan(1); // 24x the rate needs more than one unit
    expect(row.pools).toEqual({ prefillReplicas: row.replicas, decodeReplicas: 2 * row.replicas });
    expect(row.gpus).toBe(3 * row.replicas * row.tp);
    const at = (units: number) => {
      const base = s.candidates[0]!.at(24);
      const pools = { prefillReplicas: units, decodeReplicas: 2 * units };
      return runServingPoint(
        { ...base, cluster: { ...base.cluster, disaggregation: pools } },
        {},
        0,
      ).result;
    };
    expect(judgeSlo(s.slo, at(row.replicas)).meets).toBe(true);
    expect(judgeSlo(s.slo, at(row.replicas - 1)).meets).toBe(false);
    expect(row.oneFewerSlo?.meets).toBe(false);
  });
});

describe("wattif plan: verdicts and bad input", () => {
  it("an SLO no deployment reaches is a verdict naming the closest, not an error", () => {
    const s = load(
      variant((d) => {
        d.setIn(["slo", "ttftP90S"], 0.001);
        d.setIn(["maxReplicas"], 2);
        d.setIn(["growth"], [1]);
        d.setIn(["candidates"], [{ name: "h100" }, { name: "a100", hardware: "a100-sxm" }]);
      }),
    );
    const summary = capacitySummary(s, planCapacity(s));
    expect(summary.levels[0]!.recommended).toBeNull();
    expect(summary.levels[0]!.verdict).toMatch(
      /^infeasible: no candidate meets the SLOs with up to 2 replicas; closest \S+ at 2: ttftP90S/,
    );
  });

  it("places a candidate's bad hardware and a searched replica count at their lines", () => {
    const bad = variant((d) => {
      d.setIn(["candidates", 2, "hardware"], "h900");
      d.setIn(["candidates", 1, "cluster"], { replicas: 3 });
    });
    const e = inputError(() => load(bad));
    expect(e.format()).toMatch(
      /candidates\[1\]\.cluster\.replicas: replicas are what the plan searches/,
    );
    const one = variant((d) => d.setIn(["candidates", 2, "hardware"], "h900"));
    const line = one.split("\n").findIndex((l) => l.includes("hardware: h900")) + 1;
    const e2 = inputError(() => load(one));
    expect(e2.format()).toMatch(new RegExp(`capacity-azure-h100\\.yaml:${line}:\\d+: .*h900`));
  });

  it("prices a GPU from its purchase over its lifetime plus upkeep, or refuses a mix", () => {
    const bought = load(
      variant((d) => {
        d.deleteIn(["datacenter", "gpuUsdPerHour"]);
        d.setIn(["datacenter", "gpuCapexUsd"], 35064);
        d.setIn(["datacenter", "gpuLifetimeYears"], 4);
        d.setIn(["datacenter", "gpuUpkeepUsdPerHour"], 0.25);
      }),
    );
    // 35,064 USD over 4 x 8,766 h = 1.00 USD/h, plus 0.25 USD/h upkeep.
    expect(bought.datacenter.gpuUsdPerHour).toBeCloseTo(1.25, 12);
    const both = variant((d) => d.setIn(["datacenter", "gpuCapexUsd"], 30000));
    const line = both.split("\n").findIndex((l) => l.includes("gpuUsdPerHour: 2")) + 1;
    expect(inputError(() => load(both)).format()).toMatch(
      new RegExp(`capacity-azure-h100\\.yaml:${line}:\\d+: .*not both`),
    );
    const noLife = variant((d) => {
      d.deleteIn(["datacenter", "gpuUsdPerHour"]);
      d.setIn(["datacenter", "gpuCapexUsd"], 30000);
    });
    expect(inputError(() => load(noLife)).format()).toMatch(
      /gpuCapexUsd: needs 'gpuLifetimeYears'/,
    );
    const none = variant((d) => d.deleteIn(["datacenter", "gpuUsdPerHour"]));
    expect(inputError(() => load(none)).format()).toMatch(/datacenter: give the GPU price/);
  });

  it("places a bad shared serving field in the serving block", () => {
    const bad = variant((d) => d.setIn(["serving", "engine", "maxNumSeqs"], 0));
    const line = bad.split("\n").findIndex((l) => l.includes("maxNumSeqs: 0")) + 1;
    expect(inputError(() => load(bad)).format()).toMatch(
      new RegExp(`capacity-azure-h100\\.yaml:${line}:\\d+: .*maxNumSeqs`),
    );
  });

  it("CLI: plan on a non-capacity scenario is exit 2; a malformed plan is exit 2 with its line", async () => {
    expect(await badInput(["plan", "scenarios/quickstart.yaml"])).toMatch(
      /plan takes a 'kind: capacity' scenario, not 'serving'/,
    );
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, TEXT.replace("objective: cost", "objective: cheapest"));
    expect(await badInput(["plan", file])).toMatch(/bad\.yaml:\d+:\d+: objective/);
  });

  it("CLI: an infeasible plan exits 0 and prints the verdict", async () => {
    const dir = tempDir();
    const file = join(dir, "tight.yaml");
    const text = variant((d) => {
      d.setIn(["slo", "ttftP90S"], 0.001);
      d.setIn(["maxReplicas"], 1);
      d.setIn(["growth"], [1]);
      d.setIn(
        ["serving", "trace", "file"],
        join(process.cwd(), "data/traces/azure_conv_2023_slice.csv"),
      );
      d.setIn(["candidates"], [{ name: "h100" }]);
    });
    writeFileSync(file, text);
    const out = await ok(["plan", file, "--out", join(dir, "out")]);
    expect(out).toMatch(/verdict: infeasible: no candidate meets the SLOs with up to 1 replicas/);
  });
});

describe("wattif plan: a diurnal fleet's facility power follows its load", () => {
  it("peak and trough of the facility series sit where the trace's rate peaks and dips", () => {
    const doc = parseDocument(TEXT);
    doc.setIn(["serving", "trace"], {
      synthetic: {
        arrivals: { kind: "diurnal", ratePerS: 6, amplitude: 0.8, periodS: 300, peakAtS: 150 },
        lengths: { input: { kind: "fixed", tokens: 300 }, output: { kind: "fixed", tokens: 150 } },
        durationS: 600,
      },
    });
    doc.setIn(["growth"], [1]);
    doc.setIn(["candidates"], [{ name: "h100" }]);
    const s = load(doc.toString());
    const row = planCapacity(s).levels[0]!.rows[0]!;
    const p = row.power;
    // Facility = IT x PUE, IT = GPU + nodes, in every bin.
    p.gpuPowerW.forEach((w, i) => {
      expect(p.facilityPowerW[i]).toBeCloseTo(
        (w + (row.daily.avgItPowerW - row.result.avgGpuPowerW)) * 1.2,
        6,
      );
    });
    // 10 s means of power against the rate at their middle: strongly correlated, though not
    // linearly (power is concave in load: batching makes the extra request cheaper; ~0.84 here).
    const power: number[] = [];
    const rate: number[] = [];
    for (let t = 0; t + 10 <= 590; t += 10) {
      const bins = p.facilityPowerW.slice(t, t + 10);
      power.push(bins.reduce((a, b) => a + b, 0) / bins.length);
      rate.push(1 + 0.8 * Math.cos((2 * Math.PI * (t + 5 - 150)) / 300));
    }
    const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [mp, mr] = [m(power), m(rate)];
    const cov = power.reduce((acc, x, i) => acc + (x - mp) * (rate[i]! - mr), 0);
    const sd = (xs: number[], mx: number) => Math.sqrt(xs.reduce((a, x) => a + (x - mx) ** 2, 0));
    expect(cov / (sd(power, mp) * sd(rate, mr))).toBeGreaterThan(0.75);
    // The highest 10 s mean lands near a rate peak (150 s or 450 s), the lowest near a dip (0, 300, 600 s).
    const at = (i: number) => i * 10 + 5;
    const hi = at(power.indexOf(Math.max(...power)));
    const lo = at(power.indexOf(Math.min(...power)));
    expect(Math.min(Math.abs(hi - 150), Math.abs(hi - 450))).toBeLessThanOrEqual(30);
    expect(Math.min(Math.abs(lo - 0), Math.abs(lo - 300), Math.abs(lo - 600))).toBeLessThanOrEqual(
      30,
    );
    expect(p.swingW).toBeGreaterThan(0.2 * m(p.facilityPowerW));
    // The daily figures' peak is this series' peak (full 1 s bins).
    expect(row.daily.peakFacilityPowerW).toBeCloseTo(p.peakFacilityW, 6);
  });
});
