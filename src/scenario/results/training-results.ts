/**
 * Results of a training frontier: the contract JSON (`baseline`, `frontier`, `minEnergy`,
 * `straggler`), files (frontier.csv, plans.csv with a clock per op, summary.json) and the
 * terminal summary.
 */
import type { TrainingPlan } from "../../optimize/training/plan-training.js";
import type { PlannedPoint } from "../../optimize/training/plan-input.js";
import type { IterationReplay } from "../../replay/training/index.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { formatTable } from "../../report/table.js";

const te = (p: { timeS: number; energyJ: number }) => ({ timeS: p.timeS, energyJ: p.energyJ });

function replaySummary(r: IterationReplay) {
  return {
    timeS: r.timeS,
    energyJ: r.energyJ,
    computeJ: r.computeJ,
    communicationJ: r.communicationJ,
    blockingJ: r.blockingJ,
    busyFraction: r.devices.map((d) => d.busyFraction),
  };
}

export function trainingSummary(plan: TrainingPlan) {
  const f = plan.frontier;
  const measured = plan.stageProfile;
  return {
    schedule: plan.dag.schedule,
    stages: plan.dag.stages,
    microbatches: plan.dag.microbatches,
    pBlockingW: plan.pBlockingW,
    unitTimeS: f.unitTimeS,
    baseline: te(f.baseline),
    frontier: f.frontier.map(te),
    defaultDominated: f.defaultDominated,
    minEnergy: te(f.minEnergy),
    minEnergySavingPct: 100 * (1 - f.minEnergy.energyJ / f.baseline.energyJ),
    minEnergySlowdownPct: 100 * (f.minEnergy.timeS / f.baseline.timeS - 1),
    uniformClock: f.uniformClock.map((p) => ({ ...te(p), freqMHz: p.freqMHz[0] })),
    globalCap: f.globalCap.map((p) => ({ ...te(p), capW: p.capW })),
    ...(plan.straggler
      ? {
          straggler: {
            slowdown: plan.straggler.slowdown,
            timeS: plan.straggler.timeS,
            energyJ: plan.straggler.energyJ,
            allMaxEnergyJ: plan.straggler.allMaxEnergyJ,
            savingPct: plan.straggler.savingPct,
            planTimeS: plan.straggler.plan.timeS,
            job: plan.straggler.job,
          },
        }
      : {}),
    replay: {
      baseline: replaySummary(plan.replays.baseline),
      minEnergy: replaySummary(plan.replays.minEnergy),
    },
    stageOps: plan.stageOps.map((s) => {
      const rows = measured?.table.get(`${s.stage}/${s.kind}`);
      const k = rows ? rows.freqMHz.indexOf(s.freqMHz) : -1;
      return rows && k >= 0
        ? { ...s, measuredTimeS: rows.timeS[k], measuredEnergyJ: rows.energyJ[k] }
        : s;
    }),
  };
}

export async function trainingFiles(plan: TrainingPlan): Promise<Record<string, string>> {
  const f = plan.frontier;
  const names = plan.dag.ops.map((op) => op.name);
  const row = (p: PlannedPoint, k: number) => ({
    point: k,
    timeS: p.timeS,
    energyJ: p.energyJ,
  });
  const planRows = f.frontier.map((p, k) => ({
    ...row(p, k),
    ...Object.fromEntries(names.map((n, i) => [n, p.freqMHz[i]])),
  }));
  return {
    "frontier.csv": await toCsv(f.frontier.map(row), ["point", "timeS", "energyJ"]),
    "plans.csv": await toCsv(planRows, ["point", "timeS", "energyJ", ...names]),
    "summary.json": toJson(trainingSummary(plan)),
  };
}

export function formatTraining(plan: TrainingPlan): string {
  const s = trainingSummary(plan);
  const f = plan.frontier.frontier;
  // About a dozen rows spread along the frontier, always with both ends.
  const every = Math.max(1, Math.ceil(f.length / 12));
  const shown = f.filter((_, k) => k % every === 0 || k === f.length - 1);
  const base = s.baseline;
  const lines = [
    `${s.schedule}: ${s.stages} stages x ${s.microbatches} microbatches, P_blocking ${s.pBlockingW} W, ops quantized to ${s.unitTimeS * 1e3} ms`,
    `baseline (every op at its top clock): ${base.timeS.toFixed(4)} s, ${base.energyJ.toFixed(1)} J` +
      (s.defaultDominated ? " - dominated by a frontier plan" : ""),
    `frontier: ${f.length} points; lowest energy ${s.minEnergy.energyJ.toFixed(1)} J at ${s.minEnergy.timeS.toFixed(3)} s ` +
      `(${s.minEnergySavingPct.toFixed(1)}% less energy, ${s.minEnergySlowdownPct.toFixed(1)}% more time)`,
    "",
    formatTable(
      shown.map((p) => ({
        timeS: p.timeS,
        energyJ: p.energyJ,
        vsBaseline: `${(100 * (p.energyJ / base.energyJ - 1)).toFixed(1)}%`,
      })),
      [
        { key: "timeS", header: "time", unit: "s", digits: 4 },
        { key: "energyJ", header: "energy", unit: "J", digits: 1 },
        { key: "vsBaseline", header: "energy vs baseline", align: "right" },
      ],
    ),
  ];
  if (s.straggler) {
    lines.push(
      `straggler x${s.straggler.slowdown}: a non-straggler pipeline uses ${s.straggler.energyJ.toFixed(1)} J ` +
        `instead of ${s.straggler.allMaxEnergyJ.toFixed(1)} J all-max (${s.straggler.savingPct.toFixed(1)}% saved)`,
    );
    if (s.straggler.job.pipelines > 1) {
      lines.push(
        `  job of ${s.straggler.job.pipelines} pipelines: ${s.straggler.job.energyJ.toFixed(0)} J vs ` +
          `${s.straggler.job.allMaxEnergyJ.toFixed(0)} J per iteration (${s.straggler.job.savingPct.toFixed(1)}% saved)`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
