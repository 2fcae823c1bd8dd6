/**
 * Epochs a batch size costs, in expectation, to reach the target when each recurrence samples one
 * of the trace's runs and a failed run (not reached within the epoch limit) is retried: a failed
 * run spends the whole limit, so with k of n runs reaching,
 *   E[epochs] = (sum of reaching runs' epochs + (n - k) x maxEpochs) / k
 * (the mean over runs when every run reaches). Infinity when no run reaches.
 */
export function expectedEpochs(runs: readonly (number | null)[], maxEpochs: number): number {
  const reached = runs.filter((e): e is number => e !== null);
  if (reached.length === 0) return Infinity;
  const spent = reached.reduce((s, e) => s + e, 0) + (runs.length - reached.length) * maxEpochs;
  return spent / reached.length;
}

/** Share of the runs that reach the target. */
export function reachRate(runs: readonly (number | null)[]): number {
  return runs.length === 0 ? 0 : runs.filter((e) => e !== null).length / runs.length;
}
