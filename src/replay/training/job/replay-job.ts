/**
 * One step of a data-parallel training job, replayed on the discrete-event kernel: one
 * pipeline's schedule (compute DAG from the caller) gets its sends and optimizer steps
 * (withCommunication), its ops are priced from the model on the hardware profile (sends on the
 * link the placement gives them), and the pipeline is copied once (every pipeline alike) or
 * twice (a straggler and the rest), joined by the bucketed gradient synchronization
 * (dataParallelDag). The replay gives every op's interval; the GPUs' power over the step comes
 * from them (job-power), weighted by the GPUs each copy stands for.
 */
import { fsum } from "d3-array";
import type { Dtype } from "../../../hardware/op.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { nodePowerW } from "../../../hardware/power/node-power.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { TrainingDag } from "../../../workload/training/dag.js";
import {
  dataParallelDag,
  type DataParallelDag,
} from "../../../workload/training/data-parallel-dag.js";
import { nodesOf, tpScope, type Layout } from "../../../workload/training/placement.js";
import { activationBytes, virtualStageParameters } from "../../../workload/training/stage-sizes.js";
import { withCommunication } from "../../../workload/training/with-communication.js";
import { bytesOf } from "../../../workload/model/dtype.js";
import { linkOfScope } from "../../../hardware/cost/link-time.js";
import { costsFromModel } from "../cost/model-costs.js";
import type { OpCostTable } from "../cost/op-costs.js";
import { replayIteration } from "../replay-iteration.js";
import type { IterationReplay } from "../iteration-replay.js";
import { DEFAULT_BUCKET_BYTES, jobCosts, withPlacedSends, type GradientSync } from "./job-costs.js";
import {
  gpuClassPowers,
  jobPowerSteps,
  type GpuClassPower,
  type PowerSegmentW,
} from "./job-power.js";

export interface JobSpec {
  hardware: HardwareProfile;
  model: TransformerShape;
  /** One pipeline's compute schedule (stages = pp, chunks = vpp). */
  schedule: TrainingDag;
  tp: number;
  dp: number;
  microbatchSize: number;
  seqTokens: number;
  /** GEMM format (fp8 on Transformer Engine); default the model's. */
  gemmDtype?: Dtype;
  /** Power cap per GPU (W); default the profile's default limit. */
  powerCapW?: number;
  /** Default DEFAULT_BUCKET_BYTES. */
  bucketBytes?: number;
  /** Default "allreduce". */
  gradientSync?: GradientSync;
  /** One pipeline (of dp >= 2) runs its microbatch compute this many times slower. */
  stragglerFactor?: number;
}

/** The job's DAG and costs, before any clock plan. */
export interface PreparedJob {
  spec: JobSpec;
  layout: Layout;
  /** One pipeline with its sends and optimizer steps, and its costs (what a planner plans). */
  pipeline: { dag: TrainingDag; costs: OpCostTable };
  job: DataParallelDag;
  costs: OpCostTable;
  /** GPUs each replica of the job DAG stands for. */
  gpusOfReplica: number[];
  pBlockingW: number;
}

export function prepareJob(spec: JobSpec): PreparedJob {
  const { hardware, model, tp, dp } = spec;
  const pp = spec.schedule.stages;
  const layout: Layout = { tp, pp, dp, gpusPerNode: hardware.node.gpusPerNode };
  if (tp > 1) for (let s = 0; s < pp; s++) linkOfScope(hardware, tpScope(layout, s));
  const straggler = spec.stragglerFactor !== undefined && spec.stragglerFactor !== 1;
  if (straggler && dp < 2) throw new RangeError("a straggler pipeline needs dp >= 2");
  const dag = withCommunication(spec.schedule, {
    activationBytes: activationBytes(model, {
      batch: spec.microbatchSize,
      seqTokens: spec.seqTokens,
    }),
    optimizer: true,
  });
  const priced = costsFromModel(dag, hardware, {
    model,
    batch: spec.microbatchSize,
    seqTokens: spec.seqTokens,
    tp,
    dp,
    powerCapW: spec.powerCapW,
    gemmDtype: spec.gemmDtype,
  });
  const costs = withPlacedSends(dag, priced, hardware, layout);
  const chunks = Math.max(1, ...dag.ops.map((op) => op.chunk + 1));
  const gradBytes =
    dp > 1
      ? virtualStageParameters(model, { stages: pp, chunks, tp }).map(
          (n) => n * bytesOf(model.dtype),
        )
      : undefined;
  const job = dataParallelDag(dag, { replicas: straggler ? 2 : 1, chunkGradientBytes: gradBytes });
  const table = jobCosts(job, costs, {
    hardware,
    layout,
    bucketBytes: spec.bucketBytes ?? DEFAULT_BUCKET_BYTES,
    stragglerFactor: straggler ? spec.stragglerFactor : undefined,
    gradientSync: spec.gradientSync,
  });
  return {
    spec,
    layout,
    pipeline: { dag, costs },
    job,
    costs: table,
    gpusOfReplica: straggler ? [tp, tp * (dp - 1)] : [tp * dp],
    pBlockingW: hardware.power.blockingW,
  };
}

export interface JobStep {
  /** Step time: the replay's end (s). */
  stepS: number;
  replay: IterationReplay;
  classes: GpuClassPower[];
  /** All GPUs' power (W) over the step, merged steps. */
  gpuPower: PowerSegmentW[];
  gpus: number;
  nodes: number;
  /** Non-GPU power of the job's nodes (W), drawn all along. */
  nodePowerW: number;
  gpuEnergyJ: number;
  nodeEnergyJ: number;
  /** GPU energy split (J, all GPUs). */
  computeJ: number;
  communicationJ: number;
  waitingJ: number;
  /** Each replica's time to its last op (s): the straggler's and the others'. */
  replicaEndS: number[];
  /** Each replica's last microbatch compute end (s): when its gradients are all ready. */
  replicaComputeEndS: number[];
}

/**
 * Replays the prepared step. `plans[r]` is a clock per pipeline op for replica r (undefined:
 * every op at its top clock, the default setting); `floorW` a smoothing floor per GPU.
 */
export function replayJob(
  prepared: PreparedJob,
  plans: readonly (readonly number[] | undefined)[] = [],
  floorW?: number,
): JobStep {
  const { job, costs, spec } = prepared;
  const clock = job.dag.ops.map((op, id) => {
    const c = costs.ops[id]!;
    const b = job.baseOf[id]!;
    const plan = plans[job.replicaOf[id]!];
    return b >= 0 && plan !== undefined ? plan[b]! : Math.max(...c.freqMHz);
  });
  const replay = replayIteration(job.dag, costs, clock, {
    hardware: spec.hardware,
    pBlockingW: prepared.pBlockingW,
    switchLatencyS: 0,
    gpusPerStage: 1,
    powerCapW: costs.powerCapW,
  });
  const stepS = replay.timeS;
  const classes = gpuClassPowers(job, replay.ops, stepS, {
    blockingW: prepared.pBlockingW,
    gpusOfReplica: prepared.gpusOfReplica,
    floorW,
  });
  const gpus = spec.tp * spec.schedule.stages * spec.dp;
  const nodeW = nodePowerW(spec.hardware, gpus);
  const sum = (f: (c: GpuClassPower) => number) => fsum(classes, (c) => c.gpus * f(c));
  const replicas = prepared.gpusOfReplica.length;
  const endOf = (keep: (id: number) => boolean) =>
    Array.from({ length: replicas }, (_, r) =>
      replay.ops.reduce(
        (t, o) => (job.replicaOf[o.id] === r && keep(o.id) ? Math.max(t, o.endS) : t),
        0,
      ),
    );
  const isMicrobatchCompute = (id: number) => {
    const k = job.dag.ops[id]!.kind;
    return k === "forward" || k === "backward" || k === "backward-input" || k === "backward-weight";
  };
  return {
    stepS,
    replay,
    classes,
    gpuPower: jobPowerSteps(classes),
    gpus,
    nodes: nodesOf(prepared.layout),
    nodePowerW: nodeW,
    gpuEnergyJ: sum((c) => c.energyJ),
    nodeEnergyJ: nodeW * stepS,
    computeJ: sum((c) => c.computeJ),
    communicationJ: sum((c) => c.communicationJ),
    waitingJ: sum((c) => c.waitingJ),
    replicaEndS: endOf(() => true),
    replicaComputeEndS: endOf(isMicrobatchCompute),
  };
}
