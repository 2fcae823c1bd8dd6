/** Serving replay: replicas with a paged KV cache and a vLLM-style scheduler, policies, metrics. */
export { Batch, isDecode, type BatchView, type PrefillChunkView } from "./batch.js";
export {
  checkRequest,
  resolveEngine,
  type EngineOptions,
  type ResolvedEngine,
} from "./engine-options.js";
export { emitTokens } from "./emit-tokens.js";
export { IterationTimer } from "./iteration-timer.js";
export { IterationCostModel } from "./iteration-cost.js";
export {
  emptyMix,
  mixOfBatch,
  mixOfParts,
  type IterationMix,
  type PrefillPart,
} from "./iteration-mix.js";
export { KvCache } from "./kv-cache.js";
export { kvCapacity, weightParamsPerGpu, type KvCapacity } from "./kv-capacity.js";
export { servingResult, summarize, type ServingResult, type Slo, type Summary } from "./metrics.js";
export {
  createPolicy,
  DefaultPolicy,
  LockedClockPolicy,
  PerPhasePolicy,
  PowerCapPolicy,
} from "./policies.js";
export type {
  ClockPolicy,
  IterationKind,
  PolicySpec,
  RecentStats,
  SloDynamicOptions,
} from "./policy.js";
export { checkPoint } from "./check-point.js";
export { PowerTrack, SegmentKind } from "./power-track.js";
export { Replica, type IterationInfo, type ReplicaOptions } from "./replica.js";
export { RequestLog, type RequestLogOptions } from "./request-log.js";
export { IterationScheduler, type SchedulerConfig } from "./scheduler.js";
export {
  resolveHardware,
  resolveModel,
  scheduleArrivals,
  serveOnReplica,
  simulateReplica,
  type ReplicaRun,
  type ServeOptions,
} from "./serve-replica.js";
export { Sequence, type SequenceStart } from "./sequence.js";
export { SloDynamicPolicy } from "./slo-dynamic-policy.js";
export { WeightedSamples } from "./weighted-samples.js";
export { createRouter, type Router, type RouterKind } from "./router.js";
export {
  serveCluster,
  simulateCluster,
  type ClusterOptions,
  type ClusterRun,
} from "./serve-cluster.js";
