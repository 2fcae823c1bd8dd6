/**
 * Serve a trace on one replica: a cluster of one, keeping the replica for callers that inspect
 * it (tests, benchmarks).
 */
import type { Request, Trace } from "../../../workload/serving/request.js";
import type { ServingResult } from "../metrics/metrics.js";
import type { Replica } from "../engine/replica.js";
import type { RequestLog } from "../metrics/request-log.js";
import { simulateCluster } from "./serve-cluster.js";
import type { ServeOptions } from "./serve-inputs.js";

export interface ReplicaRun {
  result: ServingResult;
  replica: Replica;
  log: RequestLog;
}

export function simulateReplica(
  trace: Trace | readonly Request[],
  options: ServeOptions,
): ReplicaRun {
  const run = simulateCluster(trace, { ...options, replicas: 1, disaggregation: undefined });
  return { result: run.result, replica: run.replicas[0] as Replica, log: run.log };
}
