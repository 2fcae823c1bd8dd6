/**
 * A training job at cluster scale: its step replayed with every op at the default setting
 * (the all-max plan under the profile's default power limit), the figures per step, per node
 * and over the job, its power series, and the what-ifs on its power swing: a lower power cap
 * for every GPU (peak down, time up) and a smoothing floor (trough up, energy spent), plus a
 * straggler pipeline, replayed without and with planning the others.
 */
import { prepareJob, replayJob, type JobSpec } from "../../replay/training/job/index.js";
import { jobFigures, type JobFigures, type PowerSeries } from "./job-figures.js";
import { stragglerJob, type StragglerJobResult } from "./straggler-job.js";

export interface TrainingJobOptions {
  steps: number;
  /** Bin width of the power series and of the swing (s). */
  powerResolutionS: number;
  /** Steps in the power series; default min(steps, 3). */
  seriesSteps?: number;
  /** A power cap per GPU (W) as a what-if on the swing. */
  whatIfPowerCapW?: number;
  /** A smoothing floor per GPU (W) as a what-if on the swing. */
  whatIfFloorW?: number;
  straggler?: { factor: number; plan: boolean; unitTimeS: number };
}

export interface WhatIf {
  figures: JobFigures;
  series: PowerSeries;
  /** Versus the job at its default setting (%). */
  timeCostPct: number;
  energyCostPct: number;
  peakChangePct: number;
  amplitudeChangePct: number;
}

export interface TrainingJobResult {
  spec: JobSpec;
  figures: JobFigures;
  series: PowerSeries;
  cap?: WhatIf & { powerCapW: number };
  smoothing?: WhatIf & { floorW: number };
  straggler?: StragglerJobResult & {
    allMaxFigures: JobFigures;
    plannedFigures?: JobFigures;
  };
}

export function runTrainingJob(spec: JobSpec, options: TrainingJobOptions): TrainingJobResult {
  const gpn = spec.hardware.node.gpusPerNode;
  const seriesSteps = options.seriesSteps ?? Math.min(options.steps, 3);
  const figuresOf = (step: ReturnType<typeof replayJob>) =>
    jobFigures(step, options.steps, options.powerResolutionS, gpn, seriesSteps);
  const prepared = prepareJob(spec);
  const step = replayJob(prepared);
  const base = figuresOf(step);
  const against = (w: ReturnType<typeof figuresOf>): WhatIf => {
    const pct = (a: number, b: number) => (b === 0 ? 0 : 100 * (a / b - 1));
    return {
      ...w,
      timeCostPct: pct(w.figures.stepTimeS, base.figures.stepTimeS),
      energyCostPct: pct(w.figures.totalEnergyPerStepJ, base.figures.totalEnergyPerStepJ),
      peakChangePct: pct(w.figures.swing.peakW, base.figures.swing.peakW),
      amplitudeChangePct: pct(w.figures.swing.amplitudeW, base.figures.swing.amplitudeW),
    };
  };
  const result: TrainingJobResult = { spec, ...base };
  if (options.whatIfPowerCapW !== undefined) {
    const capped = replayJob(prepareJob({ ...spec, powerCapW: options.whatIfPowerCapW }));
    result.cap = { powerCapW: options.whatIfPowerCapW, ...against(figuresOf(capped)) };
  }
  if (options.whatIfFloorW !== undefined) {
    const smoothed = replayJob(prepared, [], options.whatIfFloorW);
    result.smoothing = { floorW: options.whatIfFloorW, ...against(figuresOf(smoothed)) };
  }
  if (options.straggler !== undefined) {
    const s = stragglerJob(spec, step.stepS, options.straggler);
    result.straggler = {
      ...s,
      allMaxFigures: figuresOf(s.allMax).figures,
      ...(s.planned === undefined ? {} : { plannedFigures: figuresOf(s.planned).figures }),
    };
  }
  return result;
}
