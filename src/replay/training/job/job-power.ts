/**
 * The power of every GPU of a data-parallel job over one replayed step, built from the replay's
 * op intervals: a GPU draws its compute op's power while its compute stream runs one (kernels
 * and blocking sends), else the communication power while its communication stream runs a
 * gradient collective the compute stream no longer hides, else the blocking power (waiting at a
 * pipeline dependency or the gradient synchronization). While both streams run, the compute
 * op's power stands for both: NCCL's SMs, NVLink and NIC traffic are inside the draw of kernels
 * that already run at the power limit (an assumption: not measured).
 *
 * A smoothing floor (NVIDIA's power smoothing on GB200 sets a floor the GPU holds while its load
 * drops; software does the same by running "burn" kernels on waiting GPUs) raises every instant
 * below `floorW` to it: energy is spent to keep the site's feed steady; it costs no time here
 * (the floor work yields to real work at once, an assumption).
 */
import { fsum } from "d3-array";
import type { OpReplay } from "../iteration-replay.js";
import type { DataParallelDag } from "../../../workload/training/data-parallel-dag.js";

export interface PowerSegmentW {
  startS: number;
  endS: number;
  /** One GPU (W). */
  powerW: number;
}

/** One class of identical GPUs: a stage of one replica, standing for `gpus` GPUs. */
export interface GpuClassPower {
  replica: number;
  stage: number;
  gpus: number;
  segments: PowerSegmentW[];
  /** One GPU over the step (J), split by what it was doing. */
  computeJ: number;
  communicationJ: number;
  waitingJ: number;
  energyJ: number;
}

interface Interval {
  startS: number;
  endS: number;
  powerW: number;
  /** A transfer (a send on the compute stream, a collective): counted as communication. */
  transfer: boolean;
}

const powerOf = (o: OpReplay): number => (o.endS > o.startS ? o.energyJ / (o.endS - o.startS) : 0);

/** Piecewise power of one GPU class over [0, stepS]. */
function classSegments(
  compute: Interval[],
  comm: Interval[],
  stepS: number,
  blockingW: number,
  floorW: number,
): { segments: PowerSegmentW[]; computeJ: number; communicationJ: number; waitingJ: number } {
  const cuts = new Set<number>([0, stepS]);
  for (const i of compute) cuts.add(i.startS).add(i.endS);
  for (const i of comm) cuts.add(i.startS).add(i.endS);
  const ts = [...cuts].filter((t) => t >= 0 && t <= stepS).sort((a, b) => a - b);
  const segments: PowerSegmentW[] = [];
  const computeJ: number[] = [];
  const commJ: number[] = [];
  const waitJ: number[] = [];
  let a = 0;
  let b = 0;
  for (let k = 0; k + 1 < ts.length; k++) {
    const t0 = ts[k] as number;
    const t1 = ts[k + 1] as number;
    const mid = (t0 + t1) / 2;
    while (a < compute.length && (compute[a] as Interval).endS <= mid) a++;
    while (b < comm.length && (comm[b] as Interval).endS <= mid) b++;
    const c = compute[a];
    const m = comm[b];
    let powerW: number;
    let into: number[];
    if (c !== undefined && c.startS <= mid) {
      powerW = c.powerW;
      into = c.transfer ? commJ : computeJ;
    } else if (m !== undefined && m.startS <= mid) {
      powerW = m.powerW;
      into = commJ;
    } else {
      powerW = blockingW;
      into = waitJ;
    }
    powerW = Math.max(powerW, floorW);
    into.push(powerW * (t1 - t0));
    const last = segments[segments.length - 1];
    if (last !== undefined && last.powerW === powerW) last.endS = t1;
    else segments.push({ startS: t0, endS: t1, powerW });
  }
  return { segments, computeJ: fsum(computeJ), communicationJ: fsum(commJ), waitingJ: fsum(waitJ) };
}

export interface JobPowerOptions {
  blockingW: number;
  /** GPUs each replica stands for (tp x its pipelines). */
  gpusOfReplica: readonly number[];
  /** Smoothing floor per GPU (W); default none. */
  floorW?: number;
}

/**
 * Power of each GPU class; sends on the compute stream count as communication energy, like
 * the collectives the compute stream no longer hides.
 */
export function gpuClassPowers(
  job: DataParallelDag,
  ops: readonly OpReplay[],
  stepS: number,
  options: JobPowerOptions,
): GpuClassPower[] {
  const compute = new Map<string, Interval[]>();
  const comm = new Map<string, Interval[]>();
  for (const o of ops) {
    const op = job.dag.ops[o.id];
    const role = op === undefined ? undefined : job.devices[op.stage];
    if (op === undefined || role === undefined) continue;
    const key = `${role.replica}/${role.stage}`;
    const into = role.stream === "compute" ? compute : comm;
    let list = into.get(key);
    if (list === undefined) into.set(key, (list = []));
    const transfer = op.kind === "send" || op.kind === "allreduce";
    list.push({ startS: o.startS, endS: o.endS, powerW: powerOf(o), transfer });
  }
  const out: GpuClassPower[] = [];
  for (const role of job.devices) {
    if (role.stream !== "compute") continue;
    const key = `${role.replica}/${role.stage}`;
    const byStart = (x: Interval, y: Interval) => x.startS - y.startS;
    const c = classSegments(
      (compute.get(key) ?? []).sort(byStart),
      (comm.get(key) ?? []).sort(byStart),
      stepS,
      options.blockingW,
      options.floorW ?? 0,
    );
    out.push({
      replica: role.replica,
      stage: role.stage,
      gpus: options.gpusOfReplica[role.replica] as number,
      segments: c.segments,
      computeJ: c.computeJ,
      communicationJ: c.communicationJ,
      waitingJ: c.waitingJ,
      energyJ: fsum([c.computeJ, c.communicationJ, c.waitingJ]),
    });
  }
  return out;
}

/** The job's GPU power (all classes, weighted by their GPUs) as merged steps over one step. */
export function jobPowerSteps(classes: readonly GpuClassPower[]): PowerSegmentW[] {
  const deltas = new Map<number, number>();
  const bump = (t: number, w: number) => deltas.set(t, (deltas.get(t) ?? 0) + w);
  let endS = 0;
  for (const c of classes) {
    for (const s of c.segments) {
      bump(s.startS, c.gpus * s.powerW);
      bump(s.endS, -c.gpus * s.powerW);
      endS = Math.max(endS, s.endS);
    }
  }
  const ts = [...deltas.keys()].sort((a, b) => a - b);
  const out: PowerSegmentW[] = [];
  let w = 0;
  for (let k = 0; k + 1 < ts.length; k++) {
    const t = ts[k] as number;
    w += deltas.get(t) as number;
    const next = ts[k + 1] as number;
    const last = out[out.length - 1];
    if (last !== undefined && Math.abs(last.powerW - w) <= 1e-9 * Math.abs(w)) last.endS = next;
    else out.push({ startS: t, endS: next, powerW: w });
  }
  return out;
}

/**
 * Average power in each bin of `binS` over `periods` back-to-back repeats of a periodic step
 * function of period `periodS` (the job repeats its step), plus `constantW` (the nodes).
 * Only whole bins are returned.
 */
export function binnedPowerW(
  steps: readonly PowerSegmentW[],
  periodS: number,
  periods: number,
  binS: number,
  constantW = 0,
): number[] {
  const bins = Math.floor((periodS * periods) / binS + 1e-9);
  const energy = new Float64Array(bins);
  for (let k = 0; k < periods; k++) {
    const offset = k * periodS;
    for (const s of steps) {
      let a = s.startS + offset;
      const end = s.endS + offset;
      let j = Math.floor(a / binS);
      while (a < end && j < bins) {
        const b = Math.min(end, (j + 1) * binS);
        if (j >= 0 && b > a) energy[j] = (energy[j] as number) + s.powerW * (b - a);
        a = b;
        j++;
      }
    }
  }
  return Array.from(energy, (e) => e / binS + constantW);
}

export interface Swing {
  /** Highest and lowest bin (W) and their difference. */
  peakW: number;
  troughW: number;
  amplitudeW: number;
  meanW: number;
  /** amplitudeW / meanW. */
  amplitudeFraction: number;
}

export function swingOf(binsW: readonly number[]): Swing {
  if (binsW.length === 0)
    return { peakW: 0, troughW: 0, amplitudeW: 0, meanW: 0, amplitudeFraction: 0 };
  let peakW = -Infinity;
  let troughW = Infinity;
  for (const w of binsW) {
    peakW = Math.max(peakW, w);
    troughW = Math.min(troughW, w);
  }
  const meanW = fsum(binsW) / binsW.length;
  return {
    peakW,
    troughW,
    amplitudeW: peakW - troughW,
    meanW,
    amplitudeFraction: meanW > 0 ? (peakW - troughW) / meanW : 0,
  };
}
