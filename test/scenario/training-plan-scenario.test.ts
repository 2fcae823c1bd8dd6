/**
 * `kind: capacity` with a `training` block (`wattif plan`): a small job (Llama-3-8B, PP 2, a
 * global batch of 32) so each replay takes milliseconds. The found dp meets the deadline and the
 * next smaller admissible one does not (checked again with the cluster job replay); GPUs = dp x
 * tp x pp; totals add up from the power and the datacenter block (CO2 over the job's hours);
 * the facility series is IT x PUE in every bin, swings, and a cap lowers its peak and lengthens
 * the step; a tight deadline is a verdict (exit 0), a malformed plan exit 2 at its line.
 */
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { runTrainingJob } from "../../src/optimize/cluster/index.js";
import {
  planTrainingCapacity,
  planTrainingLayouts,
  type TrainingPlan,
  type TrainingPoint,
} from "../../src/optimize/capacity/plan-training-capacity.js";
import type { CapacityScenario } from "../../src/scenario/load-capacity-scenario.js";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { trainingVerdict } from "../../src/scenario/results/training-plan-results.js";
import { badInput, ok, tempDir } from "../cli/helpers.js";
import { InputError } from "../../src/input/input-error.js";
import { inputError } from "../input/input-error-helpers.js";
import { applyMutation, mutationArb } from "./yaml-mutations.js";

const HOURLY = [
  0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4,
  0.4, 0.4, 0.4, 0.4, 0.4,
];
const TEXT = `kind: capacity
name: small-training-plan
training:
  model: llama3-8b
  hardware: h100-sxm
  parallelism: { tp: 1, pp: 2 }
  globalBatch: 32
  microbatchSize: 1
  seq: 2048
  tokens: 2000000000
  powerResolutionS: 0.05
deadlineDays: 0.3
maxGpus: 64
operatingPoints:
  - { name: cap-400, powerCapW: 400 }
  - { name: floor-300, smoothingFloorW: 300 }
stragglers: { rate: 0.001, slowdown: 1.5 }
datacenter:
  pue: 1.3
  electricityUsdPerKWh: 0.1
  carbonKgPerKWh: [${HOURLY.join(", ")}]
  gpuUsdPerHour: 2
`;
const FILE = join("scenarios", "small-training-plan.yaml");

function variant(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(TEXT);
  edit(doc);
  return doc.toString();
}
const load = (text: string) => parseScenario(text, FILE) as CapacityScenario;
const plan = (s: CapacityScenario) =>
  planTrainingCapacity({
    ...s.training!,
    demand: s.training!.layouts[0]!.demand,
    datacenter: s.datacenter,
    objective: s.objective,
  });
const rel = (a: number, b: number, tol = 1e-9) =>
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.abs(b));

describe("wattif plan: a training job sized to its deadline", () => {
  let s: CapacityScenario;
  let p: TrainingPlan;
  beforeAll(() => {
    s = load(TEXT);
    p = plan(s);
  });

  it("tries only dp values that split the global batch evenly", () => {
    expect(s.training!.layouts[0]!.demand.dpChoices).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it("finds the fewest GPUs meeting the deadline; the next smaller dp misses it", () => {
    expect(p.feasible).toBe(true);
    const c = p.chosen;
    expect(c.meetsDeadline).toBe(true);
    expect(c.totals.days).toBeLessThanOrEqual(0.3);
    const choices = s.training!.layouts[0]!.demand.dpChoices;
    const fewer = p.oneFewer!;
    expect(fewer.dp).toBe(choices[choices.indexOf(c.dp) - 1]);
    expect(fewer.meetsDeadline).toBe(false);
    expect(fewer.totals.days).toBeGreaterThan(0.3);
    expect(c.dp).toBeGreaterThan(1); // the search had to go past the first count
  });

  it("the replayed step behind each verdict is the cluster job replay's", () => {
    for (const pt of [p.chosen, p.oneFewer!]) {
      const job = s.training!.layouts[0]!.demand.at(pt.dp);
      const replay = runTrainingJob(job.spec, { steps: job.steps, powerResolutionS: 0.05 });
      rel(pt.stepS, replay.figures.stepTimeS);
      rel(pt.stepEnergyJ, replay.figures.totalEnergyPerStepJ);
      // Stragglers only lengthen the expected step.
      expect(pt.expectedStepS).toBeGreaterThan(pt.stepS);
      rel(pt.totals.durationS, pt.steps * pt.expectedStepS);
    }
  });

  it("GPUs = dp x tp x pp at every point; the steps cover the token budget", () => {
    for (const pt of p.points) {
      expect(pt.gpus).toBe(pt.dp * 1 * 2);
      expect(pt.power.nodes).toBe(Math.ceil(pt.gpus / 8));
      expect(pt.steps).toBe(Math.ceil(2e9 / (32 * 2048)));
    }
  });

  it("totals add up: IT = expected energy, facility = IT x PUE, cost and CO2 from them", () => {
    const dc = s.datacenter;
    for (const pt of p.points) {
      const t = pt.totals;
      const itJ = pt.steps * pt.expectedStepEnergyJ;
      rel(t.itEnergyMWh, itJ / 3.6e9);
      rel(t.facilityEnergyMWh, t.itEnergyMWh * dc.pue);
      rel(pt.gpuEnergyMWh + (pt.nodePowerW * t.durationS) / 3.6e9, t.itEnergyMWh);
      rel(pt.power.avgFacilityPowerW, (pt.expectedStepEnergyJ / pt.expectedStepS) * dc.pue);
      rel(t.energyUsd, t.facilityEnergyMWh * 1e3 * dc.electricityUsdPerKWh);
      rel(t.gpuUsd, (pt.gpus * t.durationS * dc.gpuUsdPerHour) / 3600);
      rel(t.costUsd, t.energyUsd + t.gpuUsd);
      // Hourly carbon: each hour's facility energy at that hour's intensity.
      const hours = t.durationS / 3600;
      const kW = pt.power.avgFacilityPowerW / 1e3;
      let kg = 0;
      for (let h = 0; h < hours; h++) kg += kW * Math.min(1, hours - h) * HOURLY[h % 24]!;
      rel(t.co2Tonnes, kg / 1e3);
      expect(t.co2Tonnes).not.toBeCloseTo((t.facilityEnergyMWh * 1e3 * 0.4) / 1e3, 6);
    }
  });

  it("the facility series is (GPUs + nodes) x PUE in every bin and swings with the step", () => {
    const c = p.chosen;
    const ser = c.series;
    expect(ser.facilityPowerW.length).toBeGreaterThan(10);
    const node = ser.itPowerW[0]! - ser.gpuPowerW[0]!;
    expect(node).toBeGreaterThan(0);
    ser.facilityPowerW.forEach((w, i) => {
      rel(ser.itPowerW[i]! - ser.gpuPowerW[i]!, node);
      rel(w, ser.itPowerW[i]! * 1.3);
    });
    // Synchronized GPUs swing together: compute peaks, the pipeline's bubbles and the
    // optimizer's tail sit well below (more than 5% of the mean).
    const mean = ser.facilityPowerW.reduce((a, b) => a + b, 0) / ser.facilityPowerW.length;
    expect(ser.swingW).toBeGreaterThan(0.05 * mean);
    rel(ser.peakFacilityW, Math.max(...ser.facilityPowerW));
    rel(c.power.peakFacilityPowerW, ser.peakFacilityW, 1e-9);
  });

  it("a cap lowers the facility peak and lengthens the step; a floor lifts the trough", () => {
    const [def, cap, floor] = p.points;
    expect(cap!.point.name).toBe("cap-400");
    expect(cap!.series.peakFacilityW).toBeLessThan(0.95 * def!.series.peakFacilityW);
    expect(cap!.stepS).toBeGreaterThan(1.05 * def!.stepS);
    expect(cap!.totals.days).toBeGreaterThan(def!.totals.days);
    expect(floor!.point.name).toBe("floor-300");
    expect(floor!.series.troughFacilityW).toBeGreaterThan(def!.series.troughFacilityW);
    rel(floor!.stepS, def!.stepS, 1e-9); // a floor spends power, not time
    expect(floor!.totals.itEnergyMWh).toBeGreaterThan(def!.totals.itEnergyMWh);
  });

  it("the frontier holds exactly the points no other beats on both days and facility energy", () => {
    const dominated = (a: TrainingPoint) =>
      p.points.some(
        (b) =>
          b !== a &&
          b.totals.days <= a.totals.days &&
          b.totals.facilityEnergyMWh <= a.totals.facilityEnergyMWh &&
          (b.totals.days < a.totals.days ||
            b.totals.facilityEnergyMWh < a.totals.facilityEnergyMWh),
      );
    expect(p.frontier.length).toBeGreaterThan(0);
    for (const q of p.points) expect(p.frontier.includes(q), q.point.name).toBe(!dominated(q));
    // The floor spends power and no time: the default beats it, so it is never on the frontier.
    expect(p.frontier.map((q) => q.point.name)).not.toContain("floor-300");
  });

  it("a site budget between the capped and the default peak picks the cap", () => {
    const withBudget = (kW?: number) =>
      load(
        variant((d) => {
          d.setIn(["deadlineDays"], 10);
          if (kW !== undefined) d.setIn(["datacenter", "siteBudgetKW"], kW);
        }),
      );
    const [def, cap] = plan(withBudget()).points;
    expect(def!.power.fitsBudget).toBe(true); // no budget stated
    const budgetKW = (def!.power.peakFacilityPowerW + cap!.power.peakFacilityPowerW) / 2 / 1e3;
    const q = plan(withBudget(budgetKW));
    const [d2, c2] = q.points;
    expect(d2!.power.fitsBudget).toBe(false);
    expect(d2!.power.budgetNotes[0]).toMatch(/site peak .* kW over its .* kW budget/);
    expect(c2!.power.fitsBudget).toBe(true);
    expect(c2!.meetsDeadline).toBe(true);
    expect(q.recommended?.point.name).toBe("cap-400");
  });

  it("the straggler effect grows with the GPU count and the slowdown", () => {
    const c = p.chosen.straggler!;
    const f = p.oneFewer!.straggler!;
    expect(c.slowStepProbability).toBeGreaterThan(f.slowStepProbability);
    expect(c.slowStepS).toBeGreaterThan(p.chosen.stepS * 1.1);
    expect(c.stepIncreasePct).toBeGreaterThan(0);
    expect(c.energyIncreasePct).toBeGreaterThan(0);
    rel(
      p.chosen.expectedStepS,
      (1 - c.slowStepProbability) * p.chosen.stepS + c.slowStepProbability * c.slowStepS,
    );
  });

  it("without a deadline, the GPU budget: the most GPUs within maxGpus", () => {
    const q = plan(load(variant((d) => d.deleteIn(["deadlineDays"]))));
    expect(q.chosen.gpus).toBe(64);
    expect(q.trials).toHaveLength(1);
    expect(trainingVerdict(q)).toMatch(/^GPU budget: 64 GPUs \(dp 32\) train in/);
  });

  it("fixed microbatches per pipeline instead of a global batch: every dp is admissible", () => {
    const s2 = load(
      variant((d) => {
        d.deleteIn(["training", "globalBatch"]);
        d.setIn(["training", "microbatches"], 8);
        d.setIn(["maxGpus"], 20);
      }),
    );
    expect(s2.training!.layouts[0]!.demand.dpChoices).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const q = plan(s2);
    // The global batch grows with dp: fewer steps on more GPUs.
    expect(q.chosen.steps).toBe(Math.ceil(2e9 / (q.chosen.dp * 8 * 2048)));
  });
});

describe("wattif plan: training layouts compared", () => {
  const LAYOUTS = TEXT.replace(
    "deadlineDays: 0.3\n",
    [
      "layouts:",
      "  - { name: pp2, parallelism: { tp: 1, pp: 2 } }",
      "  - { name: tp2, parallelism: { tp: 2, pp: 1 } }",
      "deadlineDays: 0.3",
      "",
    ].join("\n"),
  );

  it("searches each layout's dp; the pick is the objective's best among them", () => {
    const s = load(LAYOUTS);
    expect(s.training!.layouts.map((l) => l.name)).toEqual(["pp2", "tp2"]);
    const q = planTrainingLayouts({
      ...s.training!,
      datacenter: s.datacenter,
      objective: s.objective,
    });
    expect(q.plans.map((p) => p.layout)).toEqual(["pp2", "tp2"]);
    for (const [i, p] of q.plans.entries()) {
      const d = s.training!.layouts[i]!.demand;
      expect(p.chosen.gpus).toBe(p.chosen.dp * d.tp * d.pp);
      if (p.feasible && p.oneFewer) expect(p.oneFewer.meetsDeadline).toBe(false);
    }
    const picks = q.plans.flatMap((p) => (p.recommended ? [p.recommended] : []));
    expect(picks.length).toBeGreaterThan(0);
    expect(q.recommended!.point.totals.costUsd).toBe(
      Math.min(...picks.map((p) => p.totals.costUsd)),
    );
  });

  it("a layout's own bad field is reported in the layout", () => {
    const bad = LAYOUTS.replace("{ tp: 2, pp: 1 }", "{ tp: 2, pp: 1, dp: 2 }");
    const e = inputError(() => load(bad));
    const line = bad.split("\n").findIndex((l) => l.includes("dp: 2 }")) + 1;
    expect(e.message).toMatch(new RegExp(`:${line}:\\d+: layouts\\[1\\]\\.parallelism\\.dp`));
    const twice = LAYOUTS.replace("name: tp2", "name: pp2");
    expect(inputError(() => load(twice)).message).toMatch(/'pp2' is given twice/);
  });
});

describe("wattif plan: training verdicts and bad input", () => {
  it("an unreachable deadline is a verdict with the best found, not an error", () => {
    const q = plan(load(variant((d) => d.setIn(["deadlineDays"], 0.05))));
    expect(q.feasible).toBe(false);
    expect(q.chosen.gpus).toBe(64);
    expect(trainingVerdict(q)).toMatch(
      /^infeasible: the 0\.05-day deadline is out of reach within 64 GPUs; the best found, 64 GPUs \(dp 32\), takes/,
    );
  });

  it("a site budget no point meeting the deadline fits is an over-budget verdict", () => {
    const q = plan(load(variant((d) => d.setIn(["datacenter", "siteBudgetKW"], 1))));
    expect(q.feasible).toBe(true);
    expect(q.recommended).toBeUndefined();
    expect(trainingVerdict(q)).toMatch(
      /^over budget: \d+ GPUs \(dp \d+\) are the fewest .* no operating point meeting it fits the power budgets \(site peak .* kW over its 1 kW budget\)/,
    );
  });

  it("CLI: plan writes the search, the points, the facility series and its plot", async () => {
    const dir = tempDir();
    const file = join(dir, "plan.yaml");
    writeFileSync(file, TEXT);
    const out = join(dir, "out");
    await ok(["plan", file, "--out", out]);
    const csv = (name: string) =>
      readFileSync(join(out, name), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(","));
    const [head, ...rows] = csv("job-power.csv");
    expect(head).toEqual(["layout", "point", "timeS", "gpuPowerW", "itPowerW", "facilityPowerW"]);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(["default", "cap-400", "floor-300"]));
    for (const r of rows) rel(Number(r[5]), Number(r[4]) * 1.3, 1e-5);
    const search = csv("search.csv");
    expect(search[0]).toEqual([
      "layout",
      "dp",
      "gpus",
      "stepS",
      "expectedStepS",
      "days",
      "meetsDeadline",
    ]);
    expect(search.slice(1).some((r) => r[6] === "true")).toBe(true);
    expect(csv("plan.csv")).toHaveLength(4);
    expect(readFileSync(join(out, "plots", "power.svg"), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(/are the fewest that meet/);
  });

  it("CLI: an infeasible training plan exits 0 and prints the verdict and the files", async () => {
    const dir = tempDir();
    const file = join(dir, "tight.yaml");
    writeFileSync(
      file,
      variant((d) => d.setIn(["deadlineDays"], 0.05)),
    );
    const out = await ok(["plan", file, "--out", join(dir, "out")]);
    expect(out).toMatch(/verdict: infeasible: the 0\.05-day deadline/);
    expect(out).toMatch(/stragglers: each GPU slow in 0\.10% of steps at 1\.5x/);
  });

  it("CLI: a malformed training plan exits 2 at its line", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, TEXT.replace("{ tp: 1, pp: 2 }", "{ tp: 1, pp: 2, dp: 4 }"));
    expect(await badInput(["plan", file])).toMatch(
      /bad\.yaml:6:\d+: training\.parallelism\.dp.*dp is what the plan searches/,
    );
  });

  it("places each problem at its field", () => {
    const at = (text: string, needle: string) => {
      const e = inputError(() => load(text));
      const line = text.split("\n").findIndex((l) => l.includes(needle)) + 1;
      expect(e.message, e.message).toContain(`:${line}:`);
      return e.message;
    };
    expect(at(TEXT.replace("powerCapW: 400", "powerCapW: 9000"), "9000")).toMatch(/powerCapW/);
    expect(at(TEXT.replace("  tokens: 2000000000\n", "  steps: 10\n"), "steps: 10")).toMatch(
      /trains on 'tokens'/,
    );
    expect(at(TEXT.replace("seq: 2048", "seq: 0"), "seq: 0")).toMatch(/seq/);
    expect(at(TEXT + "slo: { ttftP90S: 1 }\n", "slo:")).toMatch(/needs 'serving'/);
    expect(
      at(TEXT.replace("deadlineDays: 0.3\n", "deadlineDays: 0.3\ngrowth: [1]\n"), "growth"),
    ).toMatch(/needs 'serving'/);
    expect(inputError(() => load(TEXT.replace("maxGpus: 64", "maxGpus: 1"))).message).toMatch(
      /maxGpus.*hold no data-parallel replica/,
    );
    expect(
      inputError(() => load(TEXT.replace(/training:[\s\S]*?deadlineDays/, "deadlineDays"))).message,
    ).toMatch(/exactly one of 'serving'.*or 'training'/);
  });
});

describe("wattif plan: random edits of a training plan", () => {
  const TOKENS = [
    "deadlineDays: 0",
    "maxGpus: 3",
    "stragglers: { rate: 1, slowdown: 2 }",
    "operatingPoints: []",
    "- { name: default, powerCapW: 500 }",
    "- { name: lock, smClockMHz: 1234 }",
    "dp: 2",
    "vpp: 2",
    "microbatches: 3",
    "schedule: interleaved",
    "serving: {}",
    "training: {}",
  ];
  // Most edits break the file (an InputError); some still plan (the unedited text does, above).
  it("never end in anything but a plan or an InputError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationArb(TOKENS), { minLength: 1, maxLength: 3 }),
        async (ms) => {
          const text = ms.reduce(applyMutation, TEXT);
          try {
            const s = load(text);
            const t = s.training?.layouts[0]!.demand;
            // Run only what stays small: a few counts of a short pipeline.
            if (t === undefined || t.dpChoices.length > 8) return;
            if (t.at(t.dpChoices[0]!).spec.schedule.ops.length > 400) return;
            expect(plan(s).points.length).toBeGreaterThan(0);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            expect(e.format()).not.toContain("undefined");
          }
        },
      ),
      { numRuns: 60, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });
});
