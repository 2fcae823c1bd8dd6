/**
 * Costs of a data-parallel job's ops, from one pipeline's table (compute and optimizer from the
 * cost model) plus the transfers priced on the link the placement gives them:
 *   send            one microbatch's activation (or its gradient) to the next stage's peer GPU,
 *                   on the node link or the cluster link (workload/training/placement);
 *   gradient sync   a chunk's gradients all-reduced over the stage's dp GPUs (ring,
 *                   2(n-1)/n x bytes), or reduce-scattered ((n-1)/n x bytes) with a
 *                   distributed optimizer, in buckets of `bucketBytes`, each paying the
 *                   ring's latency steps. Transfers draw the profile's communication power.
 * A straggler pipeline runs its microbatch compute (forward and backward) `factor` times slower
 * at the same power (a throttled or slower GPU), so its energy grows with its time.
 */
import { collectiveTimeS, linkOfScope } from "../../../hardware/cost/link-time.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import type { TrainingDag } from "../../../workload/training/dag.js";
import type { DataParallelDag } from "../../../workload/training/data-parallel-dag.js";
import { dpScope, sendScope, type Layout } from "../../../workload/training/placement.js";
import { flatChoices, type OpChoices, type OpCostTable } from "../cost/op-costs.js";

/**
 * Gradient bucket size: PyTorch DDP's default bucket_cap_mb is 25 MB; Megatron-LM's DDP
 * buckets ~40 M parameters (bucket_size = max(40M, 1M x dp) elements). 40 MB is the assumption.
 */
export const DEFAULT_BUCKET_BYTES = 40e6;

/** `table` with its sends priced on the link between their stages. */
export function withPlacedSends(
  dag: TrainingDag,
  table: OpCostTable,
  hardware: HardwareProfile,
  layout: Layout,
): OpCostTable {
  const clocks = table.ops[0]?.freqMHz ?? [];
  const ops = dag.ops.map((op, id): OpChoices => {
    const c = table.ops[id] as OpChoices;
    if (op.kind !== "send") return c;
    const link = linkOfScope(hardware, sendScope(layout, op.stage, op.toStage ?? op.stage + 1));
    const timeS = collectiveTimeS(link, "send", op.linkBytes ?? 0, 2);
    return flatChoices(clocks, timeS, timeS * hardware.power.communicationW);
  });
  return { ...table, ops };
}

/**
 * How a stage's gradients are synchronized across its dp GPUs:
 *   allreduce              PyTorch DDP / Megatron's default: every GPU ends with the summed
 *                          gradients and runs the whole optimizer step;
 *   distributed-optimizer  ZeRO-1 style (Megatron's distributed optimizer, Apex's
 *                          DistributedFusedAdam): a reduce-scatter, each GPU updates its 1/dp
 *                          shard, and the updated parameters' all-gather overlaps the next
 *                          step's forward (overlap_param_sync), hidden like the overlapped
 *                          gradient buckets.
 */
export type GradientSync = "allreduce" | "distributed-optimizer";

/** Time of one chunk's gradient collective over the dp group of `stage` (s). */
export function gradientSyncTimeS(
  hardware: HardwareProfile,
  layout: Layout,
  stage: number,
  bytes: number,
  bucketBytes: number,
  sync: GradientSync = "allreduce",
): number {
  const link = linkOfScope(hardware, dpScope(layout, stage));
  const buckets = Math.max(1, Math.ceil(bytes / bucketBytes));
  const collective = sync === "allreduce" ? "allreduce" : "reduce-scatter";
  return buckets * collectiveTimeS(link, collective, bytes / buckets, layout.dp);
}

export interface JobCostOptions {
  hardware: HardwareProfile;
  layout: Layout;
  bucketBytes: number;
  /** The straggler replica (0) runs its forward and backward ops this many times slower. */
  stragglerFactor?: number;
  /** Default "allreduce". */
  gradientSync?: GradientSync;
}

const SLOWED = new Set(["forward", "backward", "backward-input", "backward-weight"]);

export function jobCosts(
  job: DataParallelDag,
  pipeline: OpCostTable,
  options: JobCostOptions,
): OpCostTable {
  const { hardware, layout, bucketBytes } = options;
  const sync = options.gradientSync ?? "allreduce";
  const f = options.stragglerFactor ?? 1;
  const clocks = pipeline.ops[0]?.freqMHz ?? [];
  const slowed = new Map<number, OpChoices>();
  const sharded = new Map<number, OpChoices>();
  const ops = job.dag.ops.map((op, id): OpChoices => {
    const b = job.baseOf[id] as number;
    if (b < 0) {
      const stage = (job.devices[op.stage] ?? { stage: 0 }).stage;
      const timeS = gradientSyncTimeS(
        hardware,
        layout,
        stage,
        op.linkBytes ?? 0,
        bucketBytes,
        sync,
      );
      return flatChoices(clocks, timeS, timeS * hardware.power.communicationW);
    }
    const c = pipeline.ops[b] as OpChoices;
    if (op.kind === "optimizer" && sync === "distributed-optimizer" && layout.dp > 1) {
      // Each GPU updates its 1/dp shard: the streaming Adam kernel's time and energy scale
      // with the parameters it reads (its launch overhead is negligible at these sizes).
      let shard = sharded.get(b);
      if (shard === undefined) {
        const d = layout.dp;
        shard = {
          freqMHz: c.freqMHz,
          timeS: c.timeS.map((t) => t / d),
          energyJ: c.energyJ.map((e) => e / d),
        };
        sharded.set(b, shard);
      }
      return shard;
    }
    if (f === 1 || job.replicaOf[id] !== 0 || !SLOWED.has(op.kind)) return c;
    let s = slowed.get(b);
    if (s === undefined) {
      s = {
        freqMHz: c.freqMHz,
        timeS: c.timeS.map((t) => t * f),
        energyJ: c.energyJ.map((e) => e * f),
      };
      slowed.set(b, s);
    }
    return s;
  });
  return { ...pipeline, ops };
}
