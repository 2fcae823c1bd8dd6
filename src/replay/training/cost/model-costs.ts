/**
 * Op costs from the hardware cost model: each virtual stage's forward, backward (or its B/W
 * halves) and optimizer kernels priced with costAtClock at the grid clocks the GPU can run them
 * at; sends and all-reduces from the link model (flat across clocks, at the profile's
 * communication power). The power limit is a physical law here: an op's menu stops at the clock
 * the power-cap controller settles on for it run back to back (steadyCappedCost under the
 * profile's default limit, or a user cap), so its top row is the default setting and no row
 * draws more than the cap. The table carries the profile and the cap, so the replay can enforce
 * the same cap (windowed) and the profile's switch latency.
 */
import { badValue } from "../../../input/input-error.js";
import { costAtClock } from "../../../hardware/cost/cost-at-clock.js";
import { resolvePoint } from "../../../hardware/operating-point.js";
import { steadyCappedCost } from "../../../hardware/power/steady-cap.js";
import { linkFor, linkTimeS } from "../../../hardware/cost/link-time.js";
import { kernelTiming } from "../../../hardware/cost/op-time.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import type { Dtype, Op } from "../../../hardware/op.js";
import { checkPositiveInteger } from "../../../workload/model/validate.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { TrainingDag } from "../../../workload/training/dag.js";
import { flatChoices, type OpChoices, type OpCostTable } from "./op-costs.js";
import { stageParameters, virtualStageLayers } from "../../../workload/training/stage-sizes.js";
import { optimizerWork, stageWork, type StageWork } from "../../../workload/training/stage-work.js";

export interface ModelCostOptions {
  model: TransformerShape;
  /** Sequences per microbatch. */
  batch: number;
  seqTokens: number;
  /** Tensor-parallel degree of a stage; default 1. */
  tp?: number;
  /** Data-parallel degree (the gradient all-reduce's group); default 1. */
  dp?: number;
  layersPerVirtualStage?: readonly number[];
  /** Lowest clock priced; default the whole grid. */
  minFreqMHz?: number;
  /** Power cap per GPU (W) the ops run under; default the profile's default power limit. */
  powerCapW?: number;
  /**
   * Format of the GEMMs (default the model's dtype). "fp8" is Transformer Engine's recipe: the
   * GEMMs run on the fp8 tensor rate, everything else (attention, norms, activations stored
   * between kernels, gradients) stays in the model's dtype. Needs the profile's fp8 rate.
   */
  gemmDtype?: Dtype;
}

export function costsFromModel(
  dag: TrainingDag,
  hardware: HardwareProfile,
  options: ModelCostOptions,
): OpCostTable {
  const tp = checkPositiveInteger("tp", options.tp ?? 1);
  const dp = checkPositiveInteger("dp", options.dp ?? 1);
  const chunks = Math.max(1, ...dag.ops.map((op) => op.chunk + 1));
  const split = {
    stages: dag.stages,
    chunks,
    tp,
    layersPerVirtualStage: options.layersPerVirtualStage,
  };
  const layers = virtualStageLayers(options.model, split);
  const gemmDtype = options.gemmDtype;
  if (gemmDtype !== undefined && hardware.compute.tensorFlopsPerClock[gemmDtype] === undefined) {
    throw badValue("dtype", `profile '${hardware.name}' has no ${gemmDtype} tensor throughput`);
  }
  const withGemmDtype = (ops: Op[]): Op[] =>
    gemmDtype === undefined
      ? ops
      : ops.map((op) => (op.kind === "gemm" ? { ...op, dtype: gemmDtype } : op));
  const { ceilingMHz, capW } = resolvePoint(hardware, { powerCapW: options.powerCapW });
  const clocksMHz = hardware.clocks.smMHz
    .filter((f) => f >= (options.minFreqMHz ?? -Infinity))
    .sort((a, b) => b - a);
  if (clocksMHz.length === 0) {
    throw badValue(
      "minFreqMHz",
      `${options.minFreqMHz} MHz is above every clock of ${hardware.name}`,
    );
  }
  const price = (work: readonly Op[]): OpChoices => {
    // The clock the controller runs this op at by default: no row above it.
    const topMHz =
      capW === Infinity ? ceilingMHz : steadyCappedCost(hardware, work, ceilingMHz, capW).freqMHz;
    let menu = clocksMHz.filter((f) => f <= topMHz);
    if (menu.length === 0) menu = [clocksMHz[clocksMHz.length - 1] as number];
    const costs = menu.map((f) => costAtClock(hardware, work, f));
    return {
      freqMHz: menu,
      timeS: costs.map((c) => c.timeS),
      energyJ: costs.map((c) => c.energyJ),
      memoryBoundShare: menu.map((f) => memoryBoundShare(hardware, work, f)),
    };
  };
  // Transfers: the link is chosen by how far apart the GPUs sit (Megatron's rank order puts tp
  // innermost, then dp, then pp), then priced by linkTimeS on that link alone.
  const onLink = (span: number, op: Op): OpChoices => {
    const view = { ...hardware, interconnect: [linkFor(hardware, span)] };
    const timeS = linkTimeS(view, op);
    return flatChoices(clocksMHz, timeS, timeS * hardware.power.communicationW);
  };
  const params = stageParameters(options.model, split);
  const work = new Map<number, StageWork>();
  const workOf = (virtual: number): StageWork => {
    let w = work.get(virtual);
    if (w === undefined) {
      const position = { first: virtual === 0, last: virtual === layers.length - 1 };
      const mb = { batch: options.batch, seqTokens: options.seqTokens, tp };
      const all = stageWork(options.model, mb, layers[virtual] as number, position);
      w = {
        forward: withGemmDtype(all.forward),
        backward: withGemmDtype(all.backward),
        backwardInput: withGemmDtype(all.backwardInput),
        backwardWeight: withGemmDtype(all.backwardWeight),
      };
      work.set(virtual, w);
    }
    return w;
  };
  const cache = new Map<string, OpChoices>();
  const cached = (key: string, make: () => OpChoices): OpChoices => {
    let c = cache.get(key);
    if (c === undefined) cache.set(key, (c = make()));
    return c;
  };
  const ops = dag.ops.map((op): OpChoices => {
    const virtual = op.chunk * dag.stages + op.stage;
    switch (op.kind) {
      case "forward":
        return cached(`F${virtual}`, () => price(workOf(virtual).forward));
      case "backward":
        return cached(`B${virtual}`, () => price(workOf(virtual).backward));
      case "backward-input":
        return cached(`Bi${virtual}`, () => price(workOf(virtual).backwardInput));
      case "backward-weight":
        return cached(`Bw${virtual}`, () => price(workOf(virtual).backwardWeight));
      case "optimizer":
        return cached(`O${op.stage}`, () => price(optimizerWork(params[op.stage] ?? 0)));
      case "send":
        return cached(`S${op.linkBytes}`, () =>
          onLink(2 * tp * dp, link("sendrecv", op.linkBytes, 2)),
        );
      case "allreduce":
        return cached(`A${op.linkBytes}`, () =>
          onLink(tp * dp, link("allreduce", op.linkBytes, dp)),
        );
    }
  });
  return { ops, hardware, powerCapW: capW === Infinity ? undefined : capW };
}

/** Share of `work`'s kernel time at `freqMHz` in kernels that wait on HBM more than compute. */
function memoryBoundShare(hardware: HardwareProfile, work: readonly Op[], freqMHz: number): number {
  let all = 0;
  let bound = 0;
  for (const op of work) {
    const t = kernelTiming(hardware, op, freqMHz);
    const timeS = t.timeS * (op.count ?? 1);
    all += timeS;
    if (t.memoryS > t.computeS) bound += timeS;
  }
  return all > 0 ? bound / all : 0;
}

function link(
  kind: "sendrecv" | "allreduce",
  linkBytes: number | undefined,
  groupSize: number,
): Op {
  const bytes = linkBytes ?? 0;
  return {
    name: kind,
    kind,
    dtype: "bf16",
    flops: 0,
    bytes: 2 * bytes,
    linkBytes: bytes,
    groupSize,
  };
}
