/**
 * The figures of a training job from one replayed step: per step, per node and over the job's
 * `steps` (the job repeats its step; start-up, checkpoints and evaluation are not modeled), and
 * the job's power at a chosen resolution over a few steps, with its swing between the compute
 * and communication phases.
 */
import { badValue } from "../../input/input-error.js";
import {
  binnedPowerW,
  swingOf,
  type JobStep,
  type Swing,
} from "../../replay/training/job/index.js";

const J_PER_MWH = 3.6e9;

/** Most bins a power series may have (a CSV row each): ~30 MB of text. */
export const MAX_SERIES_BINS = 1_000_000;

export interface JobFigures {
  stepTimeS: number;
  /** All GPUs over one step (J). */
  gpuEnergyPerStepJ: number;
  /** The nodes' non-GPU power over one step (J). */
  nodeEnergyPerStepJ: number;
  totalEnergyPerStepJ: number;
  /** GPU energy split per step (J, all GPUs). */
  gpuComputeJ: number;
  gpuCommunicationJ: number;
  gpuWaitingJ: number;
  steps: number;
  jobTimeS: number;
  jobEnergyJ: number;
  jobEnergyMWh: number;
  avgJobPowerW: number;
  avgJobPowerMW: number;
  /** Highest bin of the job's power (GPUs + nodes) at `powerResolutionS`. */
  peakJobPowerW: number;
  peakJobPowerMW: number;
  /** Highest instantaneous job power (the model's steps, no averaging). */
  peakInstantJobPowerW: number;
  perNode: {
    gpus: number;
    /** The node's GPUs, averaged over the step (W). */
    gpuPowerW: number;
    /** The node's non-GPU power (W). */
    nodePowerW: number;
    totalPowerW: number;
    gpuEnergyPerStepJ: number;
    nodeEnergyPerStepJ: number;
  };
  nodes: number;
  gpus: number;
  powerResolutionS: number;
  /** Over the series' whole bins, GPUs + nodes. */
  swing: Swing;
}

export interface PowerSeries {
  tS: number[];
  gpuPowerW: number[];
  nodePowerW: number;
}

export function jobFigures(
  step: JobStep,
  steps: number,
  resolutionS: number,
  gpusPerNode: number,
  seriesSteps: number,
): { figures: JobFigures; series: PowerSeries } {
  const bins = Math.floor((step.stepS * seriesSteps) / resolutionS);
  if (!(bins <= MAX_SERIES_BINS)) {
    throw badValue(
      "powerResolutionS",
      `${resolutionS} s bins over ${seriesSteps} step(s) of ${step.stepS.toFixed(3)} s make ${bins} rows; ` +
        `at most ${MAX_SERIES_BINS} (coarser bins or fewer powerSeriesSteps)`,
    );
  }
  const gpuBins = binnedPowerW(step.gpuPower, step.stepS, seriesSteps, resolutionS);
  const totalBins = gpuBins.map((w) => w + step.nodePowerW);
  const swing = swingOf(totalBins);
  const totalPerStep = step.gpuEnergyJ + step.nodeEnergyJ;
  const jobEnergyJ = steps * totalPerStep;
  const avgJobPowerW = totalPerStep / step.stepS;
  let peakInstant = 0;
  for (const s of step.gpuPower) peakInstant = Math.max(peakInstant, s.powerW);
  const nodeShare = step.gpus / gpusPerNode;
  const peakJobPowerW = totalBins.length > 0 ? swing.peakW : peakInstant + step.nodePowerW;
  return {
    figures: {
      stepTimeS: step.stepS,
      gpuEnergyPerStepJ: step.gpuEnergyJ,
      nodeEnergyPerStepJ: step.nodeEnergyJ,
      totalEnergyPerStepJ: totalPerStep,
      gpuComputeJ: step.computeJ,
      gpuCommunicationJ: step.communicationJ,
      gpuWaitingJ: step.waitingJ,
      steps,
      jobTimeS: steps * step.stepS,
      jobEnergyJ,
      jobEnergyMWh: jobEnergyJ / J_PER_MWH,
      avgJobPowerW,
      avgJobPowerMW: avgJobPowerW / 1e6,
      peakJobPowerW,
      peakJobPowerMW: peakJobPowerW / 1e6,
      peakInstantJobPowerW: peakInstant + step.nodePowerW,
      perNode: {
        gpus: gpusPerNode,
        gpuPowerW: step.gpuEnergyJ / step.stepS / nodeShare,
        nodePowerW: step.nodePowerW / nodeShare,
        totalPowerW: avgJobPowerW / nodeShare,
        gpuEnergyPerStepJ: step.gpuEnergyJ / nodeShare,
        nodeEnergyPerStepJ: step.nodeEnergyJ / nodeShare,
      },
      nodes: step.nodes,
      gpus: step.gpus,
      powerResolutionS: resolutionS,
      swing,
    },
    series: {
      tS: gpuBins.map((_, k) => k * resolutionS),
      gpuPowerW: gpuBins,
      nodePowerW: step.nodePowerW,
    },
  };
}
