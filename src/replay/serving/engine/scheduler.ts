/**
 * vLLM V1-style iteration scheduler with chunked prefill. Each iteration walks the running
 * sequences in admission order, giving each what it lacks (1 token when decoding, the rest of
 * its prompt up to the token budget when prefilling), then admits waiting requests in arrival
 * order while sequences, budget and KV blocks allow. Only the last admitted sequence can still
 * be mid-prompt (its chunk used up the budget, so nothing was admitted after it), so the walk
 * serves every decode first, then that partial prefill.
 *
 * When a running sequence needs a block and none is free, the most recently admitted running
 * sequence is preempted (recompute): its blocks are freed and it goes back to the front of the
 * queue, its generated tokens kept as prompt to recompute. No admissions follow a preemption in
 * the same iteration (as in vLLM V1).
 */
import { Batch } from "./batch.js";
import type { KvCache } from "./kv-cache.js";
import type { Sequence } from "./sequence.js";
import { SequenceQueue } from "./sequence-queue.js";
import { AcceptanceModel, type ResolvedSpeculation } from "./speculation.js";

/** Speculative decoding's counts over a run (all zero without it). */
export interface SpeculationCounts {
  /** Sequence-steps that verified drafts, drafts proposed and drafts accepted in them. */
  verifySteps: number;
  proposedTokens: number;
  acceptedTokens: number;
  /** Sequence-steps of the target past the first token (plain decodes and verifications). */
  targetSteps: number;
  /** Output tokens those steps emitted. */
  targetStepTokens: number;
}

export interface SchedulerConfig {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  chunkedPrefill: boolean;
  speculative?: ResolvedSpeculation;
}

export class IterationScheduler {
  readonly waiting = new SequenceQueue();
  /** Admission order: most recent last. */
  running: Sequence[] = [];
  preemptions = 0;
  /** Sum of the queued and running sequences' `outstandingTokens` (the router's load). */
  outstandingTokens = 0;
  readonly speculation: SpeculationCounts = {
    verifySteps: 0,
    proposedTokens: 0,
    acceptedTokens: 0,
    targetSteps: 0,
    targetStepTokens: 0,
  };
  private readonly acceptance: AcceptanceModel | undefined;
  private readonly k: number;

  constructor(
    private readonly config: SchedulerConfig,
    readonly kv: KvCache,
    /** Names this scheduler's acceptance stream (one per replica). */
    streamName = "replica",
  ) {
    const spec = config.speculative;
    this.acceptance = spec === undefined ? undefined : new AcceptanceModel(spec, streamName);
    this.k = spec?.k ?? 0;
  }

  get hasWork(): boolean {
    return this.running.length > 0 || this.waiting.size > 0;
  }

  add(seq: Sequence): void {
    this.waiting.pushBack(seq);
    this.outstandingTokens += seq.outstandingTokens;
  }

  /** Fills `batch` for the next iteration; returns false when nothing can run. */
  schedule(batch: Batch): boolean {
    batch.clear();
    const preempted = this.scheduleRunning(batch);
    // A step whose preemptions emptied the batch would do nothing: admit right away instead.
    if (!preempted || batch.empty) this.admit(batch);
    return !batch.empty;
  }

  /**
   * Applies a finished iteration: caches grow, sequences whose prompt is complete sample a token
   * (into `emitted`), and those that reach their last token here leave (into `finished`).
   */
  complete(batch: Batch, emitted: Sequence[], finished: Sequence[]): void {
    emitted.length = 0;
    finished.length = 0;
    const counts = this.speculation;
    for (const seq of batch.seqs) {
      if (seq.stepDrafts > 0) {
        // Verification: the last sampled token and the accepted drafts join the cache, and the
        // target adds one token of its own after them.
        const accepted = (this.acceptance as AcceptanceModel).accepted(seq, seq.stepDrafts);
        const emits = 1 + accepted;
        seq.numComputed += emits;
        this.outstandingTokens -= emits;
        seq.generated += emits;
        seq.numTokens += emits;
        seq.stepEmitted = emits;
        counts.verifySteps++;
        counts.proposedTokens += seq.stepDrafts;
        counts.acceptedTokens += accepted;
        counts.targetSteps++;
        counts.targetStepTokens += emits;
        emitted.push(seq);
        if (seq.generated >= seq.stopAt) finished.push(seq);
        continue;
      }
      const decoding = seq.generated > 0;
      seq.numComputed += seq.stepTokens;
      this.outstandingTokens -= seq.stepTokens;
      if (seq.numComputed === seq.numTokens) {
        if (decoding) {
          counts.targetSteps++;
          counts.targetStepTokens++;
        }
        seq.generated++;
        seq.numTokens++;
        seq.stepEmitted = 1;
        emitted.push(seq);
        if (seq.generated === seq.stopAt) finished.push(seq);
      }
    }
    if (finished.length > 0) {
      for (const seq of finished) {
        this.kv.free(seq);
        this.outstandingTokens -= seq.outstandingTokens;
      }
      this.running = this.running.filter((s) => s.generated < s.stopAt);
    }
  }

  private scheduleRunning(batch: Batch): boolean {
    const kv = this.kv;
    let budget = this.config.maxNumBatchedTokens;
    let preempted = false;
    for (let i = 0; i < this.running.length; i++) {
      const seq = this.running[i] as Sequence;
      const missing = seq.numTokens - seq.numComputed;
      const n = Math.min(missing + this.draftsFor(seq, missing), budget);
      if (n <= 0) continue;
      let evictedSelf = false;
      while (!kv.canAppend(seq, n)) {
        const victim = this.running.pop() as Sequence;
        this.preempt(victim);
        preempted = true;
        if (victim === seq) {
          evictedSelf = true;
          break;
        }
      }
      if (evictedSelf) break;
      kv.allocate(seq, n);
      seq.stepContext = seq.numComputed;
      seq.stepTokens = n;
      seq.stepDrafts = Math.max(0, n - missing);
      batch.add(seq);
      budget -= n;
    }
    return preempted;
  }

  /**
   * Drafts a sequence verifies this step: k for a decoding sequence (its one missing token is
   * the last sampled one), fewer near its end so it never emits past its last token.
   */
  private draftsFor(seq: Sequence, missing: number): number {
    if (this.k === 0 || missing !== 1 || seq.generated === 0) return 0;
    return Math.max(0, Math.min(this.k, seq.stopAt - seq.generated - 1));
  }

  private admit(batch: Batch): void {
    const { maxNumSeqs, chunkedPrefill } = this.config;
    const kv = this.kv;
    let budget = this.config.maxNumBatchedTokens - batch.tokens;
    while (budget > 0 && this.running.length < maxNumSeqs) {
      const seq = this.waiting.peek();
      if (seq === undefined) break;
      const remaining = seq.numTokens - seq.numComputed;
      if (!chunkedPrefill && remaining > budget) break;
      const n = Math.min(remaining, budget);
      if (!kv.canAppend(seq, n)) break;
      this.waiting.popFront();
      kv.allocate(seq, n);
      seq.stepContext = seq.numComputed;
      seq.stepTokens = n;
      seq.stepDrafts = 0;
      this.running.push(seq);
      batch.add(seq);
      budget -= n;
    }
  }

  private preempt(seq: Sequence): void {
    this.kv.free(seq);
    this.outstandingTokens += seq.numComputed;
    seq.numComputed = 0;
    seq.stepTokens = 0;
    seq.stepDrafts = 0;
    this.waiting.pushFront(seq);
    this.preemptions++;
  }
}
