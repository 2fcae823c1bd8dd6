/**
 * Results of a training job replayed at cluster scale: the summary (`job` in the scenario's
 * JSON: layout, per-step, per-node and whole-job figures, the power swing, the what-ifs and the
 * straggler), the job's power series as CSV (job-power.csv; the what-ifs' beside it), and the
 * terminal lines. Energies name their scope: `gpu*` all GPUs, `node*` the nodes' non-GPU power,
 * `total*` both; `perNode` is one node of `gpusPerNode` GPUs.
 */
import type {
  JobFigures,
  PowerSeries,
  TrainingJobResult,
  WhatIf,
} from "../../optimize/cluster/index.js";
import type { Parallelism } from "../../workload/training/parallelism.js";
import { toCsv } from "../../report/csv.js";

function whatIfSummary(w: WhatIf) {
  return {
    stepTimeS: w.figures.stepTimeS,
    totalEnergyPerStepJ: w.figures.totalEnergyPerStepJ,
    gpuEnergyPerStepJ: w.figures.gpuEnergyPerStepJ,
    jobEnergyMWh: w.figures.jobEnergyMWh,
    avgJobPowerW: w.figures.avgJobPowerW,
    swing: w.figures.swing,
    timeCostPct: w.timeCostPct,
    energyCostPct: w.energyCostPct,
    peakChangePct: w.peakChangePct,
    amplitudeChangePct: w.amplitudeChangePct,
  };
}

export function jobSummary(p: Parallelism, r: TrainingJobResult, stragglerPipeline?: number) {
  const s = r.straggler;
  return {
    parallelism: p,
    gemmDtype: r.spec.gemmDtype ?? r.spec.model.dtype,
    gradientSync: r.spec.gradientSync ?? "allreduce",
    ...r.figures,
    ...(r.cap ? { cap: { powerCapW: r.cap.powerCapW, ...whatIfSummary(r.cap) } } : {}),
    ...(r.smoothing
      ? { smoothing: { floorW: r.smoothing.floorW, ...whatIfSummary(r.smoothing) } }
      : {}),
    ...(s
      ? {
          straggler: {
            pipeline: stragglerPipeline ?? 0,
            factor: s.factor,
            noStragglerStepS: s.noStragglerStepS,
            stepTimeS: s.allMax.stepS,
            othersWaitS: s.othersWaitS,
            allMaxGpuEnergyPerStepJ: s.allMax.gpuEnergyJ,
            ...(s.planned
              ? {
                  plannedStepTimeS: s.planned.stepS,
                  plannedGpuEnergyPerStepJ: s.planned.gpuEnergyJ,
                  replaySavingPct: s.replaySavingPct,
                  formulaSavingPct: s.formulaSavingPct,
                  plannedJobEnergyMWh: s.plannedFigures?.jobEnergyMWh,
                  allMaxJobEnergyMWh: s.allMaxFigures.jobEnergyMWh,
                  candidatesReplayed: s.tries,
                }
              : {}),
          },
        }
      : {}),
  };
}

async function seriesCsv(s: PowerSeries): Promise<string> {
  const rows = s.tS.map((t, k) => {
    const gpu = s.gpuPowerW[k] as number;
    return { tS: t, gpuPowerW: gpu, nodePowerW: s.nodePowerW, totalPowerW: gpu + s.nodePowerW };
  });
  return toCsv(rows, ["tS", "gpuPowerW", "nodePowerW", "totalPowerW"]);
}

export async function jobFiles(r: TrainingJobResult): Promise<Record<string, string>> {
  return {
    "job-power.csv": await seriesCsv(r.series),
    ...(r.cap ? { "job-power-capped.csv": await seriesCsv(r.cap.series) } : {}),
    ...(r.smoothing ? { "job-power-smoothed.csv": await seriesCsv(r.smoothing.series) } : {}),
  };
}

const mw = (w: number) => `${(w / 1e6).toFixed(3)} MW`;
const kw = (w: number) => `${(w / 1e3).toFixed(2)} kW`;

function swingLine(f: JobFigures): string {
  const s = f.swing;
  return (
    `power at ${f.powerResolutionS} s: peak ${mw(s.peakW)}, trough ${mw(s.troughW)}, ` +
    `swing ${mw(s.amplitudeW)} (${(100 * s.amplitudeFraction).toFixed(1)}% of the mean ${mw(s.meanW)})`
  );
}

export function formatJob(p: Parallelism, r: TrainingJobResult): string {
  const f = r.figures;
  const n = f.perNode;
  const lines = [
    `job: ${f.gpus} GPUs (${f.nodes} nodes) = TP ${p.tp} x PP ${p.pp} x DP ${p.dp}` +
      (p.vpp > 1 ? `, VPP ${p.vpp}` : "") +
      `; global batch ${p.globalBatch} = ${p.microbatches} microbatches of ${p.microbatchSize} per pipeline x DP ${p.dp}`,
    `step ${f.stepTimeS.toFixed(3)} s: GPU ${(f.gpuEnergyPerStepJ / 1e6).toFixed(3)} MJ ` +
      `(compute ${(f.gpuComputeJ / 1e6).toFixed(3)}, communication ${(f.gpuCommunicationJ / 1e6).toFixed(3)}, ` +
      `waiting ${(f.gpuWaitingJ / 1e6).toFixed(3)}), node ${(f.nodeEnergyPerStepJ / 1e6).toFixed(3)} MJ, ` +
      `total ${(f.totalEnergyPerStepJ / 1e6).toFixed(3)} MJ`,
    `per node (${n.gpus} GPUs): GPUs ${kw(n.gpuPowerW)} + node ${kw(n.nodePowerW)} = ${kw(n.totalPowerW)}`,
    `${f.steps} steps: ${(f.jobTimeS / 3600).toFixed(2)} h, ${f.jobEnergyMWh.toFixed(3)} MWh; ` +
      `average ${mw(f.avgJobPowerW)}, peak ${mw(f.peakJobPowerW)} (instantaneous ${mw(f.peakInstantJobPowerW)})`,
    swingLine(f),
  ];
  const whatIf = (label: string, w: WhatIf) =>
    `  ${label}: ${swingLine(w.figures)}; time ${w.timeCostPct >= 0 ? "+" : ""}${w.timeCostPct.toFixed(1)}%, ` +
    `energy ${w.energyCostPct >= 0 ? "+" : ""}${w.energyCostPct.toFixed(1)}%`;
  if (r.cap) lines.push(whatIf(`cap ${r.cap.powerCapW} W per GPU`, r.cap));
  if (r.smoothing) lines.push(whatIf(`smoothing floor ${r.smoothing.floorW} W per GPU`, r.smoothing));
  const s = r.straggler;
  if (s) {
    lines.push(
      `straggler x${s.factor} in one of ${p.dp} pipelines: step ${s.noStragglerStepS.toFixed(3)} -> ${s.allMax.stepS.toFixed(3)} s, ` +
        `the others wait ${s.othersWaitS.toFixed(3)} s at the gradient synchronization`,
    );
    if (s.planned && s.replaySavingPct !== undefined) {
      lines.push(
        `  planned non-stragglers: step ${s.planned.stepS.toFixed(3)} s, GPU energy ${(s.planned.gpuEnergyJ / 1e6).toFixed(3)} ` +
          `vs ${(s.allMax.gpuEnergyJ / 1e6).toFixed(3)} MJ per step (${s.replaySavingPct.toFixed(1)}% saved in the replay; ` +
          `Perseus' formula: ${(s.formulaSavingPct ?? 0).toFixed(1)}%)`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
