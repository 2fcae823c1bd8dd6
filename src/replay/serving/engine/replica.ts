/**
 * One model replica on `tp` GPUs of a profile, on a shared Simulator: requests come in through
 * `submit`, iterations run back to back while there is work (one event per iteration end), and
 * the replica idles at the profile's idle power when empty, waking on the next arrival. Every
 * instant of its life is on its power timeline: an iteration (see IterationTimer) or idle.
 */
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import type { Simulator } from "../../../core/simulator.js";
import type { TransformerShape } from "../../../workload/model/transformer.js";
import type { Request } from "../../../workload/serving/request.js";
import { Batch } from "./batch.js";
import type { CapChoice } from "../../../hardware/power/windowed-cap.js";
import { emitTokens } from "./emit-tokens.js";
import {
  checkRequest,
  resolveEngine,
  type EngineOptions,
  type ResolvedEngine,
} from "./engine-options.js";
import { emptyMix, IterationCostModel } from "../cost/iteration-cost.js";
import { KvCache } from "./kv-cache.js";
import { kvCapacity, type KvCapacity } from "./kv-capacity.js";
import { DefaultPolicy } from "../policy/policies.js";
import type { ClockPolicy, IterationKind, RecentStats } from "../policy/policy.js";
import { IterationTimer } from "../cost/iteration-timer.js";
import type { PowerTimeline } from "../../../hardware/power/power-timeline.js";
import type { RequestLog } from "../metrics/request-log.js";
import { IterationScheduler, type SpeculationCounts } from "./scheduler.js";
import { Sequence, type SequenceStart } from "./sequence.js";
import { SERVING_EVENT_PRIORITY } from "./serving-events.js";
import type { SteadyWindow } from "../metrics/steady-window.js";

export interface ReplicaOptions {
  profile: HardwareProfile;
  model: TransformerShape;
  /** Tensor-parallel degree (GPUs of the replica). Default 1. */
  tp?: number;
  engine?: EngineOptions;
  /** Default: the profile's default clock and power limit. */
  policy?: ClockPolicy;
  log: RequestLog;
  /** When the replica's life (and its power timeline and 1 s bins) starts. Default sim.nowS. */
  startS?: number;
  name?: string;
  /** Keep every power segment (default true); energies and bins are kept either way. */
  keepSegments?: boolean;
  /** Called at each iteration's end, after tokens are emitted (instrumentation). */
  onIteration?: (replica: Replica, it: IterationInfo) => void;
  /** Called when a request emits its last token. */
  onFinish?: (request: Request, timeS: number) => void;
  /** Called when a `prefillOnly` request emits its first token and leaves (disaggregation). */
  onPrefilled?: (request: Request, timeS: number) => void;
}

export interface IterationInfo {
  startS: number;
  endS: number;
  kind: IterationKind;
  freqMHz: number;
  capBound: boolean;
  /** Kernel time and energy of all GPUs (overhead and stalls excluded). */
  computeS: number;
  energyJ: number;
  batch: Batch;
}

export class Replica {
  readonly name: string;
  readonly tp: number;
  readonly engine: ResolvedEngine;
  readonly capacity: KvCapacity;
  readonly kv: KvCache;
  readonly scheduler: IterationScheduler;
  readonly costModel: IterationCostModel;
  readonly timer: IterationTimer;
  readonly recent: RecentStats = { itlSumS: 0, itlCount: 0, iterations: 0 };
  iterations = 0;
  prefillIterations = 0;
  /** Sequences summed over this replica's iterations. */
  batchSequences = 0;
  /** Measures the saturated steady state when set (serveCluster's `measure: saturated`). */
  steady: SteadyWindow | undefined;
  outstandingRequests = 0;
  /** Prompt tokens still to compute (recompute included) plus output tokens still to emit. */
  get outstandingTokens(): number {
    return this.scheduler.outstandingTokens;
  }

  private readonly batch = new Batch();
  private readonly mix = emptyMix();
  private readonly emitted: Sequence[] = [];
  private readonly finished: Sequence[] = [];
  private readonly policy: ClockPolicy;
  private busy = false;
  private wakePending = false;
  private idleSinceS: number;
  private prevEndS = NaN;
  private iterStartS = 0;
  private lastChoice: CapChoice | undefined;

  constructor(
    readonly sim: Simulator,
    readonly options: ReplicaOptions,
  ) {
    const { profile, model } = options;
    this.tp = options.tp ?? 1;
    this.name = options.name ?? "replica";
    this.engine = resolveEngine(model, options.engine);
    this.capacity = kvCapacity(profile, model, this.tp, this.engine);
    this.kv = new KvCache(this.capacity.blocks, this.capacity.blockTokens);
    this.scheduler = new IterationScheduler(this.engine, this.kv, this.name);
    const spec = this.engine.speculative;
    this.costModel = new IterationCostModel(
      profile,
      model,
      this.tp,
      this.engine.maxNumBatchedTokens,
      // A verification samples every one of its k+1 positions.
      spec === undefined ? this.engine.maxNumSeqs : this.engine.maxNumBatchedTokens,
      this.engine.profile.decodeAttention,
    );
    if (spec?.drafter !== undefined) {
      const draft = new IterationCostModel(
        profile,
        spec.drafter,
        this.tp,
        this.engine.maxNumBatchedTokens,
        this.engine.maxNumSeqs,
        this.engine.profile.decodeAttention,
      );
      this.costModel.drafter = { model: draft, steps: spec.k };
    }
    this.policy = options.policy ?? new DefaultPolicy();
    const startS = options.startS ?? sim.nowS;
    this.idleSinceS = startS;
    this.timer = new IterationTimer(
      profile,
      this.tp,
      this.costModel,
      this.engine.profile.host,
      startS,
      options.keepSegments ?? true,
    );
  }

  get profile(): HardwareProfile {
    return this.options.profile;
  }

  /** All its GPUs' power over its life. */
  get power(): PowerTimeline {
    return this.timer.power;
  }

  get clockSwitches(): number {
    return this.timer.clockSwitches;
  }

  get capBoundIterations(): number {
    return this.timer.capBoundIterations;
  }

  /** Speculative decoding's counts (zeros without it). */
  get speculation(): SpeculationCounts {
    return this.scheduler.speculation;
  }

  /** Kernel time of its iterations, and the part of it the power cap bound. */
  get kernelS(): number {
    return this.timer.kernelS;
  }

  get capBoundKernelS(): number {
    return this.timer.capBoundKernelS;
  }

  get preemptions(): number {
    return this.scheduler.preemptions;
  }

  get idle(): boolean {
    return !this.busy;
  }

  /** Queues `request`; `start` makes it a prefill-only or an already-prefilled sequence. */
  submit(request: Request, start?: SequenceStart): void {
    checkRequest(this.engine, request);
    const seq = new Sequence(request, start);
    this.scheduler.add(seq);
    this.outstandingRequests++;
    if (!this.busy && !this.wakePending) {
      this.wakePending = true;
      this.sim.schedule(0, this.onWake, SERVING_EVENT_PRIORITY.wake);
    }
  }

  /** Ends the replica's life at `endS`: idle until then on its power timeline. */
  finish(endS: number): void {
    if (this.busy || this.scheduler.hasWork)
      throw new Error(`${this.name}: still has work at the end of the run (${endS} s)`);
    this.timer.idle(this.idleSinceS, endS);
    this.idleSinceS = endS;
  }

  /** The `wake` event. */
  private readonly onWake = (): void => {
    this.wakePending = false;
    if (this.busy) return;
    const now = this.sim.nowS;
    this.timer.idle(this.idleSinceS, now);
    this.busy = true;
    this.startIteration(now);
  };

  private startIteration(nowS: number): void {
    const batch = this.batch;
    if (!this.scheduler.schedule(batch)) {
      if (this.scheduler.hasWork)
        throw new Error(`${this.name}: scheduler stalled with work queued`);
      this.busy = false;
      this.idleSinceS = nowS;
      this.steady?.close(nowS, this.power.energyJ());
      return;
    }
    this.steady?.begin(
      nowS,
      this.options.log.finished,
      this.scheduler.waiting.size > 0,
      this.power.energyJ(),
    );
    const kind: IterationKind = batch.prefills > 0 ? "prefill" : "decode";
    const point = this.policy.clockFor(kind, nowS, this.recent);
    const choice = this.timer.run(nowS, point, this.costModel.mixOf(batch, this.mix));
    this.iterations++;
    this.batchSequences += batch.seqs.length;
    if (kind === "prefill") this.prefillIterations++;
    this.iterStartS = nowS;
    this.lastChoice = choice;
    this.sim.scheduleAt(choice.endS, this.onIterationEnd, SERVING_EVENT_PRIORITY.iterationEnd);
  }

  /** The `iterationEnd` event. */
  private readonly onIterationEnd = (): void => {
    const now = this.sim.nowS;
    const { log, onFinish, onIteration } = this.options;
    this.scheduler.complete(this.batch, this.emitted, this.finished);
    const tokens = emitTokens(this.emitted, now, this.prevEndS, log, this.recent, this.steady);
    this.steady?.end(this.iterStartS, now, this.batch.seqs.length, tokens);
    for (const seq of this.finished) {
      this.outstandingRequests--;
      if (seq.generated < seq.request.outputTokens) {
        this.options.onPrefilled?.(seq.request, now);
        continue;
      }
      log.finish(seq.request.id, now, seq.generated);
      onFinish?.(seq.request, now);
    }
    this.recent.iterations++;
    if (onIteration !== undefined) {
      const c = this.lastChoice as CapChoice;
      onIteration(this, {
        startS: this.iterStartS,
        endS: now,
        kind: this.batch.prefills > 0 ? "prefill" : "decode",
        freqMHz: c.cost.freqMHz,
        capBound: c.capBound,
        computeS: c.cost.timeS,
        energyJ: c.cost.energyJ * this.tp,
        batch: this.batch,
      });
    }
    this.prevEndS = now;
    this.startIteration(now);
  };
}
