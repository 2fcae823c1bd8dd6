/**
 * The result of a serving run: latency summaries per request (TTFT, TPOT, ITL over every gap,
 * end-to-end), throughput and goodput over the run (first arrival to last completion), and its
 * energy with the scope in every name: `gpu*` covers all `gpus` GPUs of the run (replicas x TP)
 * over that window, idle gaps included; `node*` the node around them (the profile's node
 * figures, drawn all along); `total*` their sum. peakGpuPowerW is the highest 1 s average of
 * the GPUs' summed power (what a 1 s power meter reads); peakInstantGpuPowerW is the model's
 * highest instantaneous draw (an upper bound for several replicas, whose peaks need not meet).
 */
import type { PowerTimeline } from "../../../hardware/power/power-timeline.js";
import { SegmentKind } from "../../../hardware/power/segment-kind.js";
import type { RequestLog } from "./request-log.js";
import type { SteadyState } from "./steady-window.js";
import { summarizeSorted, type Summary } from "./summary.js";
import {
  CDF_PROBABILITIES,
  gridIndex,
  quantileGrid,
  type LatencyQuantiles,
} from "./latency-quantiles.js";
import type { SpeculationCounts } from "../engine/scheduler.js";

export { summarize, type Summary } from "./summary.js";

export interface Slo {
  ttftS?: number;
  tpotS?: number;
}

export interface ServingResult {
  requests: number;
  outputTokens: number;
  inputTokens: number;
  durationS: number;
  throughputTokS: number;
  throughputReqS: number;
  ttftS: Summary;
  tpotS: Summary;
  itlS: Summary;
  e2eS: Summary;
  /**
   * Each latency's quantiles at CDF_PROBABILITIES (its CDF, for plots and latency-cdf.csv; kept
   * out of summaries and CSV columns). Its 0.5, 0.9 and 0.99 entries are the summaries' p50/p90/p99.
   */
  latencyQuantilesS: LatencyQuantiles;
  /** Requests/s meeting the SLO (when one was given), and their share. */
  goodputReqS?: number;
  sloAttainment?: number;
  /** GPUs of the run (replicas x TP): the scope of every `gpu*` figure. */
  gpus: number;
  gpuEnergyJ: number;
  nodeEnergyJ: number;
  totalEnergyJ: number;
  gpuEnergyPerOutputTokenJ: number;
  totalEnergyPerOutputTokenJ: number;
  gpuEnergyPerRequestJ: number;
  /** GPU energy while waiting for requests (gaps between them), and its share of GPU energy. */
  gpuIdleEnergyJ: number;
  gpuIdleShare: number;
  /** Iterations' kernels, host overhead between them, and clock-switch stalls. */
  gpuBusyEnergyJ: number;
  gpuOverheadEnergyJ: number;
  gpuSwitchEnergyJ: number;
  avgGpuPowerW: number;
  avgNodePowerW: number;
  peakGpuPowerW: number;
  peakInstantGpuPowerW: number;
  preemptions: number;
  iterations: number;
  /** Sequences per iteration, on average over all replicas' iterations. */
  avgBatchSequences: number;
  clockSwitches: number;
  /**
   * Share of the iterations' kernel time run below the clock ceiling because the power cap
   * (the profile's default limit, or the point's cap) bound: what makes a lower cap slower.
   */
  capBoundTimeShare: number;
  /** Average power of all GPUs in each 1 s bin from the first arrival (the last bin may be partial). */
  gpuPowerSeriesW: number[];
  powerSeriesBinS: number;
  /** The saturated steady state (when the run measured one: `measure: saturated`). */
  steady?: SteadyState;
  /** Speculative decoding's effect (when the engine speculates). */
  speculative?: SpeculativeResult;
}

export interface SpeculativeResult {
  /** Sequence-steps that verified drafts; drafts proposed and accepted in them. */
  verifySteps: number;
  proposedTokens: number;
  acceptedTokens: number;
  /** Accepted drafts per verification (0 to k). */
  acceptedTokensPerStep: number;
  /** Output tokens per verification: 1 + acceptedTokensPerStep. */
  tokensPerStep: number;
  /**
   * Target sequence-steps per output token after the first (plain decodes and verifications):
   * 1 without speculation, 1/(k+1) when every draft is accepted.
   */
  targetStepsPerOutputToken: number;
}

export interface RunCounters {
  gpus: number;
  /** Power of the node around those GPUs (hardware/power/node-power.ts). */
  nodePowerW: number;
  preemptions: number;
  iterations: number;
  /** Sequences summed over all iterations. */
  batchSequences: number;
  clockSwitches: number;
  speculation?: SpeculationCounts;
  /** Kernel time summed over all replicas' iterations, and the part the cap bound (s). */
  kernelS?: number;
  capBoundKernelS?: number;
}

/** `power` (all replicas) must start at the first arrival and end at the last completion. */
export function servingResult(
  log: RequestLog,
  power: PowerTimeline,
  counters: RunCounters,
  slo?: Slo,
): ServingResult {
  const reqs = log.requests;
  const startS = reqs.length > 0 ? (reqs[0]?.arrivalS as number) : 0;
  let endS = startS;
  const ttft: number[] = [];
  const tpot: number[] = [];
  const e2e: number[] = [];
  let inputTokens = 0;
  let good = 0;
  for (const r of reqs) {
    const fin = log.finishS[r.id] as number;
    if (!(fin >= 0)) continue;
    if (fin > endS) endS = fin;
    inputTokens += r.inputTokens;
    const first = log.firstTokenS[r.id] as number;
    const n = log.generated[r.id] as number;
    const t1 = first - r.arrivalS;
    ttft.push(t1);
    e2e.push(fin - r.arrivalS);
    const perToken = n > 1 ? (fin - first) / (n - 1) : undefined;
    if (perToken !== undefined) tpot.push(perToken);
    if (
      slo !== undefined &&
      (slo.ttftS === undefined || t1 <= slo.ttftS) &&
      (slo.tpotS === undefined || perToken === undefined || perToken <= slo.tpotS)
    )
      good++;
  }
  const durationS = endS - startS;
  // One pass over the weighted ITL samples gives the whole grid; the percentiles are on it.
  const itlGrid = log.itl.quantiles(CDF_PROBABILITIES);
  const itlS: Summary = {
    mean: log.itl.mean(),
    p50: itlGrid[gridIndex(0.5)] as number,
    p90: itlGrid[gridIndex(0.9)] as number,
    p99: itlGrid[gridIndex(0.99)] as number,
    count: log.itl.count,
  };
  const ttftSorted = Float64Array.from(ttft).sort();
  const tpotSorted = Float64Array.from(tpot).sort();
  const e2eSorted = Float64Array.from(e2e).sort();
  if (power.originS !== startS)
    throw new RangeError("the power timeline must start at the run's first arrival");
  const binS = power.binS;
  const gpuPowerSeriesW = Array.from(power.binEnergiesJ(), (e, i) => {
    const width = Math.min(binS, endS - (startS + i * binS));
    return width > 0 ? e / width : 0;
  });
  const gpuEnergyJ = power.energyJ();
  const nodeEnergyJ = counters.nodePowerW * durationS;
  const totalEnergyJ = gpuEnergyJ + nodeEnergyJ;
  const gpuIdleEnergyJ = power.energyJ(SegmentKind.Idle);
  const finished = ttft.length;
  const outputTokens = log.outputTokens;
  return {
    requests: finished,
    outputTokens,
    inputTokens,
    durationS,
    throughputTokS: durationS > 0 ? outputTokens / durationS : NaN,
    throughputReqS: durationS > 0 ? finished / durationS : NaN,
    ttftS: summarizeSorted(ttftSorted),
    tpotS: summarizeSorted(tpotSorted),
    itlS,
    e2eS: summarizeSorted(e2eSorted),
    latencyQuantilesS: {
      ttftS: quantileGrid(ttftSorted),
      tpotS: quantileGrid(tpotSorted),
      itlS: itlGrid,
      e2eS: quantileGrid(e2eSorted),
    },
    ...(slo !== undefined
      ? {
          goodputReqS: durationS > 0 ? good / durationS : NaN,
          sloAttainment: good / Math.max(1, finished),
        }
      : {}),
    gpus: counters.gpus,
    gpuEnergyJ,
    nodeEnergyJ,
    totalEnergyJ,
    gpuEnergyPerOutputTokenJ: gpuEnergyJ / outputTokens,
    totalEnergyPerOutputTokenJ: totalEnergyJ / outputTokens,
    gpuEnergyPerRequestJ: gpuEnergyJ / finished,
    gpuIdleEnergyJ,
    gpuIdleShare: gpuEnergyJ > 0 ? gpuIdleEnergyJ / gpuEnergyJ : 0,
    gpuBusyEnergyJ: power.energyJ(SegmentKind.Busy),
    gpuOverheadEnergyJ: power.energyJ(SegmentKind.Overhead),
    gpuSwitchEnergyJ: power.energyJ(SegmentKind.Switch),
    avgGpuPowerW: durationS > 0 ? gpuEnergyJ / durationS : NaN,
    avgNodePowerW: counters.nodePowerW,
    peakGpuPowerW: gpuPowerSeriesW.reduce((m, p) => Math.max(m, p), 0),
    // Of a sum of replicas, an upper bound: their peaks need not coincide.
    peakInstantGpuPowerW: power.peakInstantW,
    preemptions: counters.preemptions,
    iterations: counters.iterations,
    avgBatchSequences: counters.iterations > 0 ? counters.batchSequences / counters.iterations : 0,
    clockSwitches: counters.clockSwitches,
    capBoundTimeShare:
      (counters.kernelS ?? 0) > 0
        ? (counters.capBoundKernelS ?? 0) / (counters.kernelS as number)
        : 0,
    gpuPowerSeriesW,
    powerSeriesBinS: binS,
    ...(counters.speculation === undefined
      ? {}
      : { speculative: speculativeResult(counters.speculation) }),
  };
}

function speculativeResult(c: SpeculationCounts): SpeculativeResult {
  const accepted = c.verifySteps > 0 ? c.acceptedTokens / c.verifySteps : 0;
  return {
    verifySteps: c.verifySteps,
    proposedTokens: c.proposedTokens,
    acceptedTokens: c.acceptedTokens,
    acceptedTokensPerStep: accepted,
    tokensPerStep: 1 + accepted,
    targetStepsPerOutputToken: c.targetStepTokens > 0 ? c.targetSteps / c.targetStepTokens : 0,
  };
}
