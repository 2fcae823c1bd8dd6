/**
 * The result of a serving run: latency summaries per request (TTFT, TPOT, ITL over every gap,
 * end-to-end), throughput and goodput over the run (first arrival to last completion), and the
 * energy of every GPU over that same window, idle time included. peakPowerW is the highest
 * 1 s average of the summed power series (what a 1 s power meter reads); peakInstantPowerW is
 * the highest instantaneous draw.
 */
import type { PowerTimeline } from "../../../hardware/power/power-timeline.js";
import { SegmentKind } from "../../../hardware/power/segment-kind.js";
import type { RequestLog } from "./request-log.js";
import type { SteadyState } from "./steady-window.js";
import { summarize, type Summary } from "./summary.js";

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
  /** Requests/s meeting the SLO (when one was given), and their share. */
  goodputReqS?: number;
  sloAttainment?: number;
  energyJ: number;
  energyPerOutputTokenJ: number;
  energyPerRequestJ: number;
  idleEnergyJ: number;
  /** Iterations' kernels, host overhead between them, and clock-switch stalls. */
  busyEnergyJ: number;
  overheadEnergyJ: number;
  switchEnergyJ: number;
  avgPowerW: number;
  peakPowerW: number;
  peakInstantPowerW: number;
  gpus: number;
  preemptions: number;
  iterations: number;
  clockSwitches: number;
  /** Average power of all GPUs in each 1 s bin from the first arrival (the last bin may be partial). */
  powerSeriesW: number[];
  powerSeriesBinS: number;
  /** The saturated steady state (when the run measured one: `measure: saturated`). */
  steady?: SteadyState;
}

export interface RunCounters {
  gpus: number;
  preemptions: number;
  iterations: number;
  clockSwitches: number;
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
  const q = log.itl.quantiles([0.5, 0.9, 0.99]);
  const itlS: Summary = {
    mean: log.itl.mean(),
    p50: q[0] as number,
    p90: q[1] as number,
    p99: q[2] as number,
    count: log.itl.count,
  };
  if (power.originS !== startS)
    throw new RangeError("the power timeline must start at the run's first arrival");
  const binS = power.binS;
  const powerSeriesW = Array.from(power.binEnergiesJ(), (e, i) => {
    const width = Math.min(binS, endS - (startS + i * binS));
    return width > 0 ? e / width : 0;
  });
  const energyJ = power.energyJ();
  const finished = ttft.length;
  const outputTokens = log.outputTokens;
  return {
    requests: finished,
    outputTokens,
    inputTokens,
    durationS,
    throughputTokS: durationS > 0 ? outputTokens / durationS : NaN,
    throughputReqS: durationS > 0 ? finished / durationS : NaN,
    ttftS: summarize(Float64Array.from(ttft)),
    tpotS: summarize(Float64Array.from(tpot)),
    itlS,
    e2eS: summarize(Float64Array.from(e2e)),
    ...(slo !== undefined
      ? {
          goodputReqS: durationS > 0 ? good / durationS : NaN,
          sloAttainment: good / Math.max(1, finished),
        }
      : {}),
    energyJ,
    energyPerOutputTokenJ: energyJ / outputTokens,
    energyPerRequestJ: energyJ / finished,
    idleEnergyJ: power.energyJ(SegmentKind.Idle),
    busyEnergyJ: power.energyJ(SegmentKind.Busy),
    overheadEnergyJ: power.energyJ(SegmentKind.Overhead),
    switchEnergyJ: power.energyJ(SegmentKind.Switch),
    avgPowerW: durationS > 0 ? energyJ / durationS : NaN,
    peakPowerW: powerSeriesW.reduce((m, p) => Math.max(m, p), 0),
    // Of a sum of replicas, an upper bound: their peaks need not coincide.
    peakInstantPowerW: power.peakInstantW,
    gpus: counters.gpus,
    preemptions: counters.preemptions,
    iterations: counters.iterations,
    clockSwitches: counters.clockSwitches,
    powerSeriesW,
    powerSeriesBinS: binS,
  };
}
