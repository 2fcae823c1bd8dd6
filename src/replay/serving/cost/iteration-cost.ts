/**
 * Time and energy of one serving iteration on one GPU of the replica, for its exact mix, from the
 * foundation cost model: the same ops `mixedStepOps` builds, priced by `opCostAt` at the clock.
 *
 * Fast path: every op except attention depends only on the step's token count (and the LM head
 * on how many sequences sample), so their summed time and energy are memoized per clock and
 * token count on first use, in tables shared by every replay of the same profile, model shape
 * and TP degree in the process (shared-tables.ts: a sweep prices each token count once). The
 * two attention ops depend on the mix only through sums (FLOPs and bytes add over sequences, in
 * exact integer arithmetic), so they are priced once per iteration from those sums. The result
 * equals costAtClock(mixedStepOps(...)) up to rounding of the final additions (the tests hold
 * it to 1e-9).
 * Decode attention runs on the engine's kernel (its bandwidth share and vector work, from the
 * engine profile); mixedStepOps with the same `decodeKernel` prices the same ops.
 * Speculative decoding: verifications run on the decode kernel with the decodes (k+1 queries
 * per sequence, its cache read once); a drafter on the GPUs
 * (a draft model or MTP heads) adds `steps` decode steps of its own model over the verifying
 * sequences, and one pass over the iteration's prompt chunks (to fill its own cache), priced by
 * a second cost model of the drafter's shape, back to back with the target.
 */
import { Adder } from "d3-array";
import { opCostAt, type ClockCost } from "../../../hardware/cost/cost-at-clock.js";
import { clockFactors, type ClockFactors } from "../../../hardware/power/power-model.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import type { Op } from "../../../hardware/op.js";
import {
  IDEAL_DECODE_KERNEL,
  prefillAttentionWorkOfSums,
  queryAttentionWork,
  type AttentionDims,
  type DecodeKernel,
} from "../../../workload/model/attention.js";
import { attentionDimsOf } from "../../../workload/model/attention-dims.js";
import { layerForwardOps } from "../../../workload/model/layer-ops.js";
import { embeddingOps, lmHeadOps } from "../../../workload/model/model-ends.js";
import { gemmOp } from "../../../workload/model/op-builders.js";
import { shardOf, type TpShard } from "../../../workload/model/tensor-parallel.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { Batch } from "../engine/batch.js";
import { LazyTable } from "./lazy-table.js";
import { SharedTables } from "./shared-tables.js";
import {
  emptyMix,
  mixOfBatch,
  mixOfParts,
  type IterationMix,
  type PrefillPart,
} from "./iteration-mix.js";

export { emptyMix, type IterationMix } from "./iteration-mix.js";

interface ClockTables {
  factors: ClockFactors;
  tokenTimeS: LazyTable;
  tokenEnergyJ: LazyTable;
  logitsTimeS: LazyTable;
  logitsEnergyJ: LazyTable;
}

/** The drafter's model on the same GPUs and its decode steps per iteration (k). */
export interface DrafterCost {
  model: IterationCostModel;
  steps: number;
}

/** Per-clock token tables, shared across replays of the same profile, shape and TP degree. */
const SHARED = new SharedTables<(ClockTables | undefined)[]>();

export class IterationCostModel {
  readonly shard: TpShard;
  readonly dims: AttentionDims;
  readonly decodeKernel: DecodeKernel;
  private readonly grid: readonly number[];
  private readonly tables: (ClockTables | undefined)[];
  private readonly attention: Op;
  private readonly decodeAttention: Op;
  private readonly draftMix = emptyMix();
  /** The drafter priced with each verifying iteration; set by the replica. */
  drafter: DrafterCost | undefined;

  constructor(
    readonly profile: HardwareProfile,
    readonly shape: TransformerShape,
    tp: number,
    /** Largest token count and sampling count an iteration can have (table sizes). */
    private readonly maxTokens: number,
    private readonly maxLogits: number,
    decodeKernel: DecodeKernel = IDEAL_DECODE_KERNEL,
  ) {
    this.decodeKernel = decodeKernel;
    this.shard = shardOf(shape, tp);
    this.dims = attentionDimsOf(shape, this.shard, true);
    this.grid = profile.clocks.smMHz;
    // The token tables depend on nothing else (attention is priced per iteration).
    this.tables = SHARED.get(
      [profile, shape, tp],
      () => new Array<ClockTables | undefined>(this.grid.length),
    );
    const layers = shape.layers;
    this.attention = {
      name: "layer.attention",
      kind: "attention",
      dtype: shape.dtype,
      flops: 0,
      bytes: 0,
      count: layers,
    };
    this.decodeAttention = {
      ...this.attention,
      name: "layer.attention.decode",
      memoryEfficiency: decodeKernel.memoryEfficiency,
      vectorFlops: 0,
    };
  }

  /** Sums of `batch` that the cost depends on, written into `out`. */
  mixOf(batch: Batch, out: IterationMix = emptyMix()): IterationMix {
    return mixOfBatch(this.dims, batch, out);
  }

  /** The same sums from mixedStepOps-style inputs (tests and one-off pricing). */
  mixOfParts(prefill: readonly PrefillPart[], decodeContexts: readonly number[]): IterationMix {
    return mixOfParts(this.dims, prefill, decodeContexts);
  }

  clockIndex(freqMHz: number): number {
    const i = this.grid.indexOf(freqMHz);
    if (i < 0) throw new RangeError(`clock ${freqMHz} MHz is not on ${this.profile.name}'s grid`);
    return i;
  }

  /** One GPU's time and energy for the mix at grid clock `index`. */
  costAt(mix: IterationMix, index: number): ClockCost {
    const t = this.tables[index] ?? this.makeTables(index);
    if (mix.tokens > this.maxTokens || mix.logitsTokens > this.maxLogits)
      throw new RangeError(`iteration of ${mix.tokens} tokens exceeds the cost tables`);
    let timeS = this.tokenCost(t, mix.tokens);
    let energyJ = t.tokenEnergyJ.get(mix.tokens);
    if (mix.logitsTokens > 0) {
      timeS += this.logitsCost(t, mix.logitsTokens);
      energyJ += t.logitsEnergyJ.get(mix.logitsTokens);
    }
    const att = this.attention;
    const layers = this.shape.layers;
    if (mix.prefills > 0) {
      att.flops = mix.prefillFlops;
      att.bytes = mix.prefillBytes;
      const c = opCostAt(this.profile, att, t.factors);
      timeS += c.timeS * layers;
      energyJ += c.powerW * c.timeS * layers;
    }
    if (mix.decodes > 0 || mix.verifies > 0) {
      // Decodes and verifications share one decode-kernel launch.
      const work = queryAttentionWork(
        this.dims,
        mix.decodes + mix.verifyQueries,
        mix.decodeContextSum + mix.verifyPairSum,
        mix.decodeContextSum + mix.verifyKeySum,
        this.decodeKernel,
      );
      const dec = this.decodeAttention;
      dec.flops = work.flops;
      dec.bytes = work.bytes;
      dec.vectorFlops = work.vectorFlops;
      const c = opCostAt(this.profile, dec, t.factors);
      timeS += c.timeS * layers;
      energyJ += c.powerW * c.timeS * layers;
    }
    const d = this.drafter;
    if (d !== undefined && mix.prefills > 0) {
      // The drafter runs over the prompt chunks too, to fill its own KV cache (no proposals).
      const m = this.draftMix;
      const work = prefillAttentionWorkOfSums(
        d.model.dims,
        mix.prefills,
        mix.prefillTokens,
        mix.prefillPairSum,
        mix.prefillKeySum,
      );
      m.tokens = mix.prefillTokens;
      m.prefills = mix.prefills;
      m.prefillFlops = work.flops;
      m.prefillBytes = work.bytes;
      m.logitsTokens = m.decodes = 0;
      const c = d.model.costAt(m, index);
      timeS += c.timeS;
      energyJ += c.energyJ;
      m.prefills = 0;
    }
    if (d !== undefined && mix.verifies > 0) {
      // Draft step i proposes token i+1 after the last sampled one: it attends to i+1 more keys.
      const m = this.draftMix;
      m.tokens = m.logitsTokens = m.decodes = mix.verifies;
      for (let i = 0; i < d.steps; i++) {
        m.decodeContextSum = mix.verifyContextSum + (i + 1) * mix.verifies;
        const c = d.model.costAt(m, index);
        timeS += c.timeS;
        energyJ += c.energyJ;
      }
    }
    return { freqMHz: t.factors.freqMHz, timeS, energyJ, avgPowerW: energyJ / timeS };
  }

  private tokenCost(t: ClockTables, tokens: number): number {
    const v = t.tokenTimeS.get(tokens);
    if (v === v) return v;
    const ops = [
      ...embeddingOps(this.shape, this.shard, tokens),
      ...layerForwardOps({
        shape: this.shape,
        shard: this.shard,
        tokens,
        attention: [],
        kvWrite: true,
        count: this.shape.layers,
      }),
      ...lmHeadOps(this.shape, this.shard, tokens, 0),
    ];
    return this.fill(t, ops, t.tokenTimeS, t.tokenEnergyJ, tokens);
  }

  private logitsCost(t: ClockTables, logits: number): number {
    const v = t.logitsTimeS.get(logits);
    if (v === v) return v;
    const op = gemmOp(
      "lm_head",
      this.shape.dtype,
      logits,
      this.shard.vocabPerGpu,
      this.shape.hidden,
    );
    return this.fill(t, [op], t.logitsTimeS, t.logitsEnergyJ, logits);
  }

  private fill(
    t: ClockTables,
    ops: readonly Op[],
    times: LazyTable,
    energies: LazyTable,
    i: number,
  ): number {
    const time = new Adder();
    const energy = new Adder();
    for (const op of ops) {
      const c = opCostAt(this.profile, op, t.factors);
      const n = op.count ?? 1;
      time.add(c.timeS * n);
      energy.add(c.powerW * c.timeS * n);
    }
    times.set(i, time.valueOf());
    energies.set(i, energy.valueOf());
    return time.valueOf();
  }

  private makeTables(index: number): ClockTables {
    const freqMHz = this.grid[index];
    if (freqMHz === undefined) throw new RangeError(`no clock at grid index ${index}`);
    const t: ClockTables = {
      factors: clockFactors(this.profile, freqMHz),
      tokenTimeS: new LazyTable(),
      tokenEnergyJ: new LazyTable(),
      logitsTimeS: new LazyTable(),
      logitsEnergyJ: new LazyTable(),
    };
    for (const table of [t.tokenTimeS, t.tokenEnergyJ, t.logitsTimeS, t.logitsEnergyJ])
      table.set(0, 0);
    this.tables[index] = t;
    return t;
  }
}
