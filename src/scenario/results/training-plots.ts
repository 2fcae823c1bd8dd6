/**
 * The report of a training frontier: per-op clock plans (the frontier) against the one-lock and
 * one-cap baselines and the default setting (every op at its highest clock); all-stage GPU power
 * over the replayed iteration at the default and at the lowest-energy plan; and the per-stage
 * timeline of the lowest-energy plan's ops.
 */
import type { TrainingPlan } from "../../optimize/training/plan-training.js";
import type { IterationReplay } from "../../replay/training/index.js";
import { formatQuantity } from "../../report/quantity.js";
import type { LineSeries, PlotPoint } from "../../report/plot/index.js";
import type { ScenarioPlots } from "./scenario-plots.js";

function powerSeries(name: string, r: IterationReplay): LineSeries {
  const steps = r.power.steps();
  // A step function: each power holds from its start to the next; repeat the last to the end.
  const last = steps.powerW[steps.powerW.length - 1] ?? 0;
  return { name, x: steps.tS, y: [...steps.powerW, last] };
}

export function trainingPlots(name: string, plan: TrainingPlan): ScenarioPlots {
  const f = plan.frontier;
  const at = (p: { timeS: number; energyJ: number }) =>
    `${formatQuantity(p.timeS, "s")}, ${formatQuantity(p.energyJ, "J")} GPU`;
  const point = (p: { timeS: number; energyJ: number }, label: string): PlotPoint => ({
    x: p.timeS,
    y: p.energyJ,
    label,
  });
  const stages = plan.dag.stages;
  const summary: [string, string][] = [
    ["scenario", `${name} (training)`],
    ["schedule", `${plan.dag.schedule}: ${stages} stages x ${plan.dag.microbatches} microbatches`],
    ["energy covers", plan.scope.description],
    ["frontier points", String(f.frontier.length)],
    ["default (every op at its highest clock)", at(f.baseline)],
    ["lowest energy", at(f.minEnergy)],
    [
      "saving at the lowest energy",
      `${(100 * (1 - f.minEnergy.energyJ / f.baseline.energyJ)).toFixed(1)}% energy, ` +
        `${(100 * (f.minEnergy.timeS / f.baseline.timeS - 1)).toFixed(1)}% more time`,
    ],
  ];
  const byId = plan.dag.ops;
  const ops = plan.replays.minEnergy.ops.map((o) => {
    const op = byId[o.id]!;
    return { stage: op.stage, startS: o.startS, endS: o.endS, kind: op.kind, label: op.name };
  });
  return {
    title: `${name}: training iteration time-energy frontier`,
    subtitle: `${plan.dag.schedule}, ${stages} stages, ${plan.dag.microbatches} microbatches`,
    summary,
    frontier: {
      title: "iteration GPU energy vs iteration time",
      x: { label: "iteration time", base: "s" },
      y: { label: "GPU energy", base: "J" },
      points: [
        ...f.uniformClock.map((p) => point(p, `lock ${p.lockMHz} MHz`)),
        ...f.globalCap.map((p) => point(p, `cap ${p.capW} W`)),
      ],
      frontier: f.frontier.map((p, k) => point(p, `plan ${k}`)),
      defaultPoint: point(f.baseline, "default: every op at its highest clock"),
      pointsName: "one clock lock or one cap for all",
    },
    power: {
      title: "GPU power over the iteration (all stages)",
      x: { label: "time in the iteration", base: "s" },
      y: { label: "GPU power", base: "W" },
      series: [
        powerSeries("default", plan.replays.baseline),
        powerSeries("lowest energy", plan.replays.minEnergy),
      ],
      step: true,
    },
    timeline: { title: "per-stage ops of the lowest-energy plan", ops },
    skipped: [],
  };
}
