/**
 * A straggler in a data-parallel job, replayed: one pipeline runs its microbatch compute
 * `factor` times slower, and the replay (prepareJob with two copies: the straggler and one
 * standing for the other dp - 1) makes the others wait at the gradient synchronization, drawing
 * the blocking power. Perseus' answer: slow the non-stragglers so they arrive just in time.
 * Their plan comes from the training planner's frontier of one pipeline (its public
 * functions); candidates are tried lowest estimated energy first (plan energy plus blocking
 * until the deadline), and the first whose replayed job step is no longer than the all-max
 * one is kept. Savings are the replays' energies, not the formula's (which is reported beside).
 */
import { capGridW } from "../../hardware/operating-point.js";
import { plannerInputOf, stragglerPlan, trainingFrontier } from "../training/index.js";
import {
  prepareJob,
  replayJob,
  type JobSpec,
  type JobStep,
} from "../../replay/training/job/index.js";

export interface StragglerJobOptions {
  factor: number;
  /** Plan the non-stragglers (runs the planner on one pipeline); default true. */
  plan?: boolean;
  /** The planner's time quantum (s). */
  unitTimeS: number;
  /** Replays tried before giving up on planning (keeping all-max); default 12. */
  maxTries?: number;
}

export interface StragglerJobResult {
  factor: number;
  /** Step of the same job without a straggler (s). */
  noStragglerStepS: number;
  allMax: JobStep;
  planned?: JobStep;
  /** How long the others wait for the straggler's gradients in the all-max replay (s). */
  othersWaitS: number;
  /** Planned vs all-max GPU energy per step, from the replays (%). */
  replaySavingPct?: number;
  /** Perseus' formula on the same frontier (stragglerPlan), for comparison (%). */
  formulaSavingPct?: number;
  /** Frontier candidates replayed before one kept the step time. */
  tries?: number;
}

export function stragglerJob(
  spec: JobSpec,
  noStragglerStepS: number,
  options: StragglerJobOptions,
): StragglerJobResult {
  const prepared = prepareJob({ ...spec, stragglerFactor: options.factor });
  const allMax = replayJob(prepared);
  const [slowEnd, othersEnd] = allMax.replicaComputeEndS as [number, number];
  const base = {
    factor: options.factor,
    noStragglerStepS,
    allMax,
    othersWaitS: slowEnd - othersEnd,
  };
  if (options.plan === false) return base;
  const { dag, costs } = prepared.pipeline;
  const p = prepared.pBlockingW;
  // The global-cap baseline over the profile's settable caps, as planTraining does (without
  // them the planner derives caps with Math.min(...) over every op choice, which overflows the
  // stack on a large pipeline).
  const capsW = capGridW(spec.hardware).filter(
    (w) => costs.powerCapW === undefined || w <= costs.powerCapW,
  );
  const frontier = trainingFrontier(plannerInputOf(dag, costs, p), {
    unitTimeS: options.unitTimeS,
    capsW,
  });
  // The deadline: when the straggler's gradients are all ready, minus the others' own
  // tail after their compute (optimizer and the like do not move).
  const tailS = frontier.baseline.timeS - othersEnd;
  const deadlineS = slowEnd + tailS;
  const idleJ = (t: number) => dag.stages * p * Math.max(0, deadlineS - t);
  const candidates = frontier.frontier
    .filter((c) => c.timeS <= deadlineS + 1e-12)
    .map((c) => ({ c, score: c.energyJ + idleJ(c.timeS) }))
    .filter((x) => x.score < frontier.baseline.energyJ + idleJ(frontier.baseline.timeS))
    .sort((a, b) => a.score - b.score);
  // The optimizer steps run after the synchronization, on the job's critical path: at the top.
  const afterSyncAtTop = (plan: readonly number[]) =>
    plan.map((f, id) =>
      dag.ops[id]!.kind === "optimizer" ? Math.max(...costs.ops[id]!.freqMHz) : f,
    );
  const maxTries = options.maxTries ?? 12;
  let tries = 0;
  let planned: JobStep = allMax;
  for (const { c } of candidates.slice(0, maxTries)) {
    tries++;
    const step = replayJob(prepared, [undefined, afterSyncAtTop(c.freqMHz)]);
    if (step.stepS <= allMax.stepS * (1 + 1e-9) && step.gpuEnergyJ < planned.gpuEnergyJ) {
      planned = step;
      break;
    }
  }
  const formula = stragglerPlan(
    frontier.frontier,
    frontier.baseline,
    options.factor,
    dag.stages,
    p,
    spec.dp,
  );
  return {
    ...base,
    planned,
    replaySavingPct: 100 * (1 - planned.gpuEnergyJ / allMax.gpuEnergyJ),
    formulaSavingPct: formula.job.savingPct,
    tries,
  };
}
