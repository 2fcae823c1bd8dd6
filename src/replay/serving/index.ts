/** Serving replay: replicas with a paged KV cache and a vLLM-style scheduler, policies, metrics. */
export { Batch, isDecode, type BatchView, type PrefillChunkView } from "./engine/batch.js";
export {
  checkRequest,
  resolveEngine,
  type EngineOptions,
  type ResolvedEngine,
} from "./engine/engine-options.js";
export { emitTokens } from "./engine/emit-tokens.js";
export { IterationTimer } from "./cost/iteration-timer.js";
export { IterationCostModel } from "./cost/iteration-cost.js";
export {
  emptyMix,
  mixOfBatch,
  mixOfParts,
  type IterationMix,
  type PrefillPart,
} from "./cost/iteration-mix.js";
export { KvCache } from "./engine/kv-cache.js";
export { kvCapacity, weightParamsPerGpu, type KvCapacity } from "./engine/kv-capacity.js";
export {
  CDF_PROBABILITIES,
  quantileGrid,
  type LatencyQuantiles,
} from "./metrics/latency-quantiles.js";
export {
  servingResult,
  summarize,
  type ServingResult,
  type Slo,
  type Summary,
} from "./metrics/metrics.js";
export {
  createPolicy,
  DefaultPolicy,
  LockedClockPolicy,
  PerPhasePolicy,
  PowerCapPolicy,
} from "./policy/policies.js";
export type {
  ClockPolicy,
  IterationKind,
  PolicySpec,
  RecentStats,
  SloDynamicOptions,
} from "./policy/policy.js";
export { PowerTimeline, type PowerSegment } from "../../hardware/power/power-timeline.js";
export { SegmentKind } from "../../hardware/power/segment-kind.js";
export { Replica, type IterationInfo, type ReplicaOptions } from "./engine/replica.js";
export { RequestLog, type RequestLogOptions } from "./metrics/request-log.js";
export { IterationScheduler, type SchedulerConfig } from "./engine/scheduler.js";
export { simulateReplica, type ReplicaRun } from "./cluster/serve-replica.js";
export {
  resolveHardware,
  resolveModel,
  scheduleArrivals,
  type ServeOptions,
} from "./cluster/serve-inputs.js";
export { Sequence, type SequenceStart } from "./engine/sequence.js";
export { SloDynamicPolicy } from "./policy/slo-dynamic-policy.js";
export { WeightedSamples } from "./metrics/weighted-samples.js";
export { createRouter, type Router, type RouterKind } from "./cluster/router.js";
export {
  serveCluster,
  simulateCluster,
  type ClusterOptions,
  type ClusterRun,
} from "./cluster/serve-cluster.js";
export { hostTimeS, type EngineHost, type EngineProfile } from "./engine-profile/engine-profile.js";
export {
  builtinEngineProfileDir,
  listEngineProfiles,
  loadEngineProfile,
} from "./engine-profile/load-engine-profile.js";
export { SteadyWindow, type SteadyState } from "./metrics/steady-window.js";
