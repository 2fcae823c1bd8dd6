/**
 * Zeus' online policy over N recurrences of a job (Zeus, NSDI'23, and its trace-driven simulator):
 * - batch size: pruning exploration from b0 (two rounds, see pruning-explorer.ts), then Gaussian
 *   Thompson sampling over the survivors, learning from every attempt's cost;
 * - power limit: the first run at a batch size profiles every limit just in time, one slice of its
 *   first epoch each (that epoch costs the mean over limits), and keeps the limit of least cost
 *   rate per epoch, (eta x power + (1 - eta) x MaxPower) x time per epoch; epochs to the target do
 *   not depend on the limit, so this is the best limit for that batch size;
 * - early stopping: an attempt stops before the epoch that would take its cost past beta x the
 *   least cost of a finished recurrence so far; a stopped or failed attempt is retried in the same
 *   recurrence (at most `maxTries` attempts).
 * Each attempt samples one training path (a run of that batch size in the trace) from the
 * `zeus/<dataset>/paths` stream; the bandit draws from `zeus/<dataset>/bandit`. Regret of a
 * recurrence is what it spent minus the oracle's expected time, energy and cost (a fixed best
 * (batch, limit) with retries of failed runs, no early stopping).
 */
import { deriveSeed, RngStream } from "../../core/rng.js";
import { GaussianThompson } from "./gaussian-ts.js";
import { PruningExplorer } from "./pruning-explorer.js";
import { zeusCostJ } from "./zeus-cost.js";
import { zeusOracle, type ZeusOracle } from "./zeus-oracle.js";
import type { EpochAtLimit, ZeusWorkload } from "./zeus-workload.js";

export interface ZeusReplayOptions {
  eta: number;
  recurrences: number;
  seed: number | string;
  /** Early-stopping threshold as a multiple of the least recurrence cost (Zeus: 2); Infinity: off. */
  beta?: number;
  /** Attempts per recurrence before it is given up as not reached (Zeus: 20). */
  maxTries?: number;
}

export const ZEUS_REPLAY_DEFAULTS = { beta: 2, maxTries: 20 } as const;

export interface ZeusAttempt {
  batchSize: number;
  powerLimitW: number;
  /** The sampled run (index in run-id order). */
  run: number;
  epochs: number;
  reached: boolean;
  /** Stopped early by the cost threshold (including never started: 0 epochs). */
  stoppedEarly: boolean;
  /** This attempt's first epoch profiled the power limits. */
  profiled: boolean;
  timeS: number;
  energyJ: number;
  costJ: number;
}

export interface ZeusRegret {
  timeS: number;
  energyJ: number;
  costJ: number;
}

export interface ZeusRecurrence {
  /** 1-based. */
  recurrence: number;
  phase: "pruning" | "thompson";
  attempts: ZeusAttempt[];
  /** The attempt that reached the target (the last one). */
  batchSize: number;
  powerLimitW: number;
  reached: boolean;
  timeS: number;
  energyJ: number;
  costJ: number;
  regret: ZeusRegret;
  cumulativeRegret: ZeusRegret;
}

export interface ZeusReplay {
  workload: ZeusWorkload;
  oracle: ZeusOracle;
  options: Required<ZeusReplayOptions>;
  recurrences: ZeusRecurrence[];
  /** Batch sizes that survived pruning (Thompson sampling's arms). */
  arms: number[];
}

export function replayZeus(w: ZeusWorkload, options: ZeusReplayOptions): ZeusReplay {
  const opts = { ...ZEUS_REPLAY_DEFAULTS, ...options };
  const { eta } = opts;
  const oracle = zeusOracle(w, eta);
  const paths = new RngStream(deriveSeed(opts.seed, `zeus/${w.job.dataset}/paths`));
  const banditRng = new RngStream(deriveSeed(opts.seed, `zeus/${w.job.dataset}/bandit`));
  const pruning = new PruningExplorer(w.batchSizes, w.job.defaultBatchSize);
  let bandit: GaussianThompson | undefined;
  /** Costs seen per batch size before the bandit exists (it learns from all of them). */
  const history: [number, number][] = [];
  const bestLimit = new Map<number, EpochAtLimit>();
  let minCostJ = Infinity;
  const out: ZeusRecurrence[] = [];
  const cumulative: ZeusRegret = { timeS: 0, energyJ: 0, costJ: 0 };

  const pickBatch = (): number => {
    const next = pruning.next();
    if (next !== undefined) return next;
    if (bandit === undefined) {
      const survivors = pruning.survivors();
      // Zeus stops when pruning leaves nothing; b0 (it reaches in some run) is the safe fallback.
      bandit = new GaussianThompson(
        survivors.length > 0 ? survivors : [w.job.defaultBatchSize],
        banditRng,
      );
      for (const [b, c] of history) if (bandit.arms.includes(b)) bandit.observe(b, c);
    }
    return bandit.pick();
  };
  const observe = (b: number, costJ: number, reached: boolean) => {
    history.push([b, costJ]);
    if (bandit !== undefined) {
      if (bandit.arms.includes(b)) bandit.observe(b, costJ);
    } else {
      pruning.report(b, costJ, reached);
    }
  };

  for (let r = 1; r <= opts.recurrences; r++) {
    const phase = pruning.next() !== undefined ? "pruning" : "thompson";
    const attempts: ZeusAttempt[] = [];
    let spentJ = 0;
    for (let tries = 0; tries < opts.maxTries; tries++) {
      const b = pickBatch();
      const limits = w.epochAt.get(b) ?? [];
      const profiled = !bestLimit.has(b);
      if (profiled) bestLimit.set(b, cheapestLimit(limits, eta, w.maxPowerW));
      const at = bestLimit.get(b) as EpochAtLimit;
      const runs = w.epochs.get(b) ?? [];
      const run = paths.int(0, runs.length - 1);
      const target = runs[run] ?? null;
      const epochCostJ = zeusCostJ(at.energyPerEpochJ * w.gpus, at.timePerEpochS, eta, w.maxPowerW);
      const budget = Math.min(Math.floor((opts.beta * minCostJ) / epochCostJ), w.job.maxEpochs);
      if (budget === 0) {
        // Zeus: the job never starts; the bandit learns it is far too costly, and it retries.
        observe(b, 100 * opts.beta * minCostJ, false);
        attempts.push(attempt(b, at, run, 0, false, true, false, 0, 0, 0));
        continue;
      }
      const reached = target !== null && target <= budget;
      const epochs = reached ? target : budget;
      const [timeS, energyJ] = spend(epochs, at, profiled ? limits : undefined, w.gpus);
      const costJ = zeusCostJ(energyJ, timeS, eta, w.maxPowerW);
      spentJ += costJ;
      observe(b, costJ, reached);
      const early = !reached && budget < w.job.maxEpochs;
      attempts.push(attempt(b, at, run, epochs, reached, early, profiled, timeS, energyJ, costJ));
      if (reached) break;
    }
    const last = attempts[attempts.length - 1] as ZeusAttempt;
    const timeS = attempts.reduce((s, a) => s + a.timeS, 0);
    const energyJ = attempts.reduce((s, a) => s + a.energyJ, 0);
    if (last.reached) minCostJ = Math.min(minCostJ, spentJ);
    const regret = {
      timeS: timeS - oracle.optimum.timeS,
      energyJ: energyJ - oracle.optimum.energyJ,
      costJ: spentJ - oracle.optimum.costJ,
    };
    cumulative.timeS += regret.timeS;
    cumulative.energyJ += regret.energyJ;
    cumulative.costJ += regret.costJ;
    out.push({
      recurrence: r,
      phase,
      attempts,
      batchSize: last.batchSize,
      powerLimitW: last.powerLimitW,
      reached: last.reached,
      timeS,
      energyJ,
      costJ: spentJ,
      regret,
      cumulativeRegret: { ...cumulative },
    });
  }
  return {
    workload: w,
    oracle,
    options: opts,
    recurrences: out,
    arms: bandit?.arms.slice() ?? pruning.survivors(),
  };
}

/** The limit of least cost per epoch; ties go to the higher limit (profiled from the top down). */
export function cheapestLimit(
  limits: readonly EpochAtLimit[],
  eta: number,
  maxPowerW: number,
): EpochAtLimit {
  let best: EpochAtLimit | undefined;
  let bestCost = Infinity;
  for (const e of [...limits].sort((a, b) => b.powerLimitW - a.powerLimitW)) {
    const cost = zeusCostJ(e.energyPerEpochJ, e.timePerEpochS, eta, maxPowerW);
    if (cost < bestCost) {
      bestCost = cost;
      best = e;
    }
  }
  if (best === undefined) throw new RangeError("cheapestLimit: no limits");
  return best;
}

/** Time and energy of `epochs` epochs at `at`; a profiling first epoch costs the mean over limits. */
function spend(
  epochs: number,
  at: EpochAtLimit,
  profiling: readonly EpochAtLimit[] | undefined,
  gpus: number,
): [timeS: number, energyJ: number] {
  if (profiling === undefined || profiling.length === 0 || epochs === 0)
    return [epochs * at.timePerEpochS, epochs * at.energyPerEpochJ * gpus];
  const n = profiling.length;
  const firstS = profiling.reduce((s, e) => s + e.timePerEpochS, 0) / n;
  const firstJ = profiling.reduce((s, e) => s + e.energyPerEpochJ, 0) / n;
  return [
    firstS + (epochs - 1) * at.timePerEpochS,
    (firstJ + (epochs - 1) * at.energyPerEpochJ) * gpus,
  ];
}

function attempt(
  batchSize: number,
  at: EpochAtLimit,
  run: number,
  epochs: number,
  reached: boolean,
  stoppedEarly: boolean,
  profiled: boolean,
  timeS: number,
  energyJ: number,
  costJ: number,
): ZeusAttempt {
  const powerLimitW = at.powerLimitW;
  return {
    batchSize,
    powerLimitW,
    run,
    epochs,
    reached,
    stoppedEarly,
    profiled,
    timeS,
    energyJ,
    costJ,
  };
}
