/**
 * The fewest replicas that meet the SLOs, found by simulation: double the count until it meets
 * them (or the limit is reached), then bisect between the last count that failed and the first
 * that met. Assumes more replicas never make the percentiles worse (the same trace spread over
 * more engines); the search still replays the count one below its answer, so a reader can see it
 * fail.
 */
export interface ReplicaTrial<R> {
  replicas: number;
  meets: boolean;
  result: R;
}

export interface ReplicaSearch<R> {
  /** The answer; undefined when even `maxReplicas` misses the SLOs. */
  found?: ReplicaTrial<R>;
  /** The count one below the answer (it misses), when the answer is above 1. */
  oneFewer?: ReplicaTrial<R>;
  /** The largest count tried: the best there is when nothing meets. */
  best: ReplicaTrial<R>;
  /** Every replay, in the order run. */
  trials: ReplicaTrial<R>[];
}

export function searchReplicas<R>(
  maxReplicas: number,
  evaluate: (replicas: number) => { meets: boolean; result: R },
): ReplicaSearch<R> {
  const trials: ReplicaTrial<R>[] = [];
  const seen = new Map<number, ReplicaTrial<R>>();
  const trial = (replicas: number): ReplicaTrial<R> => {
    let t = seen.get(replicas);
    if (t === undefined) {
      t = { replicas, ...evaluate(replicas) };
      seen.set(replicas, t);
      trials.push(t);
    }
    return t;
  };
  let failed = 0;
  let n = 1;
  let t = trial(n);
  while (!t.meets && n < maxReplicas) {
    failed = n;
    n = Math.min(2 * n, maxReplicas);
    t = trial(n);
  }
  if (!t.meets) return { best: t, trials };
  // Invariant: `failed` misses (or is 0), `n` meets.
  while (n - failed > 1) {
    const mid = Math.floor((failed + n) / 2);
    if (trial(mid).meets) n = mid;
    else failed = mid;
  }
  const found = trial(n);
  return { found, oneFewer: n > 1 ? trial(n - 1) : undefined, best: found, trials };
}
