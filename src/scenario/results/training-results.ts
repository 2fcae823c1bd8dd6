/**
 * Results of a training frontier: the contract JSON (`scope`, `baseline`, `frontier`,
 * `minEnergy`, `straggler`), files (frontier.csv, plans.csv with a clock per op, summary.json)
 * and the terminal summary. Energies say what they cover: `gpuEnergyJ` over all GPUs of the job
 * (`scope.gpus`), `nodeEnergyJ` the job's share of its nodes' power over the iteration, and
 * `totalEnergyJ` their sum (both absent without node figures: a measured profile alone). Times
 * are the plans' exact (replayed) times; `plannedTimeS` is the quantized time the planner saw.
 */
import type { TrainingPlan } from "../../optimize/training/plan-training.js";
import { scopedEnergy, type EnergyScope } from "../../optimize/training/energy-scope.js";
import { isComputeOp, type IterationReplay } from "../../replay/training/index.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { formatTable } from "../../report/table.js";
import { formatQuantity } from "../../report/quantity.js";

/** Time and the energies of `scope` for a point whose energyJ is the scope's GPU energy. */
export const te = (
  scope: EnergyScope, p: { timeS: number; energyJ: number; plannedTimeS?: number }) => ({
  timeS: p.timeS,
  ...(p.plannedTimeS === undefined ? {} : { plannedTimeS: p.plannedTimeS }),
  ...scopedEnergy(scope, p),
});

export function replaySummary(scope: EnergyScope, r: IterationReplay) {
  return {
    ...te(scope, r),
    computeJ: r.computeJ,
    communicationJ: r.communicationJ,
    blockingJ: r.blockingJ,
    busyFraction: r.devices.map((d) => d.busyFraction),
    /** Highest power of one GPU over the iteration (W). */
    maxGpuPowerW: Math.max(...r.devices.map((d) => d.power.peakInstantW / d.power.scale)),
    clockSwitches: r.clockSwitches,
  };
}

/**
 * Share of the compute ops' time at the default setting that runs below the profile's default
 * clock because the power limit (default or the job's cap) binds; null without a hardware model
 * (a measured stage profile has no limit to bind).
 */
export function capBoundTimeShare(plan: TrainingPlan, r: IterationReplay): number | null {
  const ceilingMHz = plan.costs.hardware?.clocks.defaultMHz;
  if (ceilingMHz === undefined) return null;
  let all = 0;
  let bound = 0;
  for (const o of r.ops) {
    if (!isComputeOp(plan.dag.ops[o.id] as TrainingPlan["dag"]["ops"][number])) continue;
    const t = o.endS - o.startS;
    all += t;
    if (o.capBound || o.freqMHz < ceilingMHz) bound += t;
  }
  return all > 0 ? bound / all : 0;
}

/**
 * Share of the compute ops' time spent in memory-bound kernels (HBM time over compute time) at
 * the clocks they ran at; null for measured rows, which do not say.
 */
export function memoryBoundTimeShare(plan: TrainingPlan, r: IterationReplay): number | null {
  let all = 0;
  let bound = 0;
  for (const o of r.ops) {
    if (!isComputeOp(plan.dag.ops[o.id] as TrainingPlan["dag"]["ops"][number])) continue;
    const row = plan.costs.ops[o.id];
    const share = row?.memoryBoundShare?.[row.freqMHz.indexOf(o.freqMHz)];
    if (share === undefined) return null;
    const t = o.endS - o.startS;
    all += t;
    bound += share * t;
  }
  return all > 0 ? bound / all : 0;
}

export function trainingSummary(plan: TrainingPlan) {
  const f = plan.frontier;
  const scope = plan.scope;
  const measured = plan.stageProfile;
  return {
    ...(plan.costs.hardware ? { hardware: plan.costs.hardware.name } : {}),
    schedule: plan.dag.schedule,
    stages: plan.dag.stages,
    microbatches: plan.dag.microbatches,
    // Sequences per microbatch (a model's; a measured stage profile does not say).
    ...(plan.job.source.kind === "model"
      ? { microbatchSize: plan.job.source.microbatchSize, seqTokens: plan.job.source.seqTokens }
      : {}),
    scope: {
      gpus: scope.gpus,
      gpusPerStage: scope.gpusPerStage,
      stages: scope.stages,
      pipelines: scope.pipelines,
      nodePowerW: scope.nodePowerW ?? null,
      description: scope.description,
    },
    powerCapW: plan.powerCapW ?? null,
    pBlockingW: plan.pBlockingW,
    unitTimeS: f.unitTimeS,
    // Per-op plans paid this per clock change (absent: free, as Perseus plans).
    ...((plan.job.switchLatencyS ?? 0) > 0 ? { switchLatencyS: plan.job.switchLatencyS } : {}),
    baseline: te(scope, f.baseline),
    frontier: f.frontier.map((p) => te(scope, p)),
    defaultDominated: f.defaultDominated,
    minEnergy: te(scope, f.minEnergy),
    minEnergySavingPct: 100 * (1 - f.minEnergy.energyJ / f.baseline.energyJ),
    minEnergySlowdownPct: 100 * (f.minEnergy.timeS / f.baseline.timeS - 1),
    uniformClock: f.uniformClock.map((p) => ({ ...te(scope, p), lockMHz: p.lockMHz })),
    globalCap: f.globalCap.map((p) => ({ ...te(scope, p), capW: p.capW })),
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
      baseline: {
        ...replaySummary(scope, plan.replays.baseline),
        capBoundTimeShare: capBoundTimeShare(plan, plan.replays.baseline),
        memoryBoundTimeShare: memoryBoundTimeShare(plan, plan.replays.baseline),
      },
      minEnergy: replaySummary(scope, plan.replays.minEnergy),
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
  const columns = ["point", "timeS", "plannedTimeS", "gpuEnergyJ", "nodeEnergyJ", "totalEnergyJ"];
  const rows = f.frontier.map((p, k) => ({ point: k, ...te(plan.scope, p) }));
  const planRows = f.frontier.map((p, k) => ({
    ...rows[k],
    ...Object.fromEntries(names.map((n, i) => [n, p.freqMHz[i]])),
  }));
  return {
    "frontier.csv": await toCsv(rows, columns),
    "plans.csv": await toCsv(planRows, [...columns, ...names]),
    "summary.json": toJson(trainingSummary(plan)),
  };
}

const J = (x: number) => formatQuantity(x, "J");

export function formatTraining(plan: TrainingPlan): string {
  const s = trainingSummary(plan);
  const f = plan.frontier.frontier;
  // About a dozen rows spread along the frontier, always with both ends.
  const every = Math.max(1, Math.ceil(f.length / 12));
  const shown = f.filter((_, k) => k % every === 0 || k === f.length - 1);
  const base = s.baseline;
  const scope = plan.scope;
  const node = scope.nodePowerW !== undefined;
  const cap = s.powerCapW === null ? "" : `, ops under a ${s.powerCapW} W cap per GPU`;
  const lines = [
    `${s.schedule}: ${s.stages} stages x ${s.microbatches} microbatches, P_blocking ${s.pBlockingW} W, planned on op times quantized to ${s.unitTimeS * 1e3} ms${cap}`,
    `energy covers ${scope.description}`,
    `baseline (every op at its default clock): ${base.timeS.toFixed(4)} s, GPU ${J(base.gpuEnergyJ)}` +
      (node ? `, node ${J(base.nodeEnergyJ!)}, total ${J(base.totalEnergyJ!)}` : "") +
      (s.defaultDominated ? " - dominated by a frontier plan" : ""),
    `frontier (replayed times): ${f.length} points; lowest GPU energy ${J(s.minEnergy.gpuEnergyJ)} at ${s.minEnergy.timeS.toFixed(4)} s ` +
      `(${s.minEnergySavingPct.toFixed(1)}% less GPU energy, ${s.minEnergySlowdownPct.toFixed(1)}% more time)`,
    "",
    formatTable(
      shown.map((p) => {
        const e = te(scope, p);
        return {
          timeS: p.timeS,
          plannedTimeS: p.plannedTimeS,
          gpuEnergyJ: e.gpuEnergyJ,
          totalEnergyJ: e.totalEnergyJ,
          vsBaseline: `${(100 * (p.energyJ / base.gpuEnergyJ - 1)).toFixed(1)}%`,
        };
      }),
      [
        { key: "timeS", header: "time", unit: "s", digits: 4 },
        { key: "plannedTimeS", header: "planned", unit: "s", digits: 3 },
        { key: "gpuEnergyJ", header: `GPU energy (${scope.gpus} GPUs)`, quantity: "J" as const },
        ...(node
          ? [{ key: "totalEnergyJ" as const, header: "GPU + node", quantity: "J" as const }]
          : []),
        { key: "vsBaseline", header: "GPU energy vs baseline", align: "right" as const },
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
