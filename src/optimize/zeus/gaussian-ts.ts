/**
 * Gaussian Thompson sampling over batch sizes, as Zeus' batch size optimizer runs it after pruning:
 * each arm's mean cost has a Gaussian belief (flat prior) whose precision is the number of
 * observations x the arm's reward precision, 1 / variance of its observed costs (infinite when
 * they are all equal, so the belief is their mean exactly). Each pick samples every arm's mean and
 * takes the least sampled cost. Arms with fewer than `minObservations` costs are tried first.
 */
import type { RngStream } from "../../core/rng.js";

export class GaussianThompson {
  private readonly costs = new Map<number, number[]>();

  constructor(
    readonly arms: readonly number[],
    private readonly rng: RngStream,
    private readonly minObservations = 2,
  ) {
    if (arms.length === 0) throw new RangeError("GaussianThompson: no arms");
    for (const a of arms) this.costs.set(a, []);
  }

  observe(arm: number, costJ: number): void {
    const list = this.costs.get(arm);
    if (list === undefined) throw new RangeError(`GaussianThompson: unknown arm ${arm}`);
    list.push(costJ);
  }

  /** Posterior mean and standard deviation of an arm's mean cost. */
  belief(arm: number): { meanJ: number; sdJ: number } {
    const c = this.costs.get(arm) ?? [];
    if (c.length === 0) return { meanJ: NaN, sdJ: Infinity };
    const mean = c.reduce((s, x) => s + x, 0) / c.length;
    const variance = c.reduce((s, x) => s + (x - mean) ** 2, 0) / c.length;
    // Posterior precision n / variance: sd = sqrt(variance / n).
    return { meanJ: mean, sdJ: Math.sqrt(variance / c.length) };
  }

  pick(): number {
    const cold = this.arms.filter((a) => (this.costs.get(a)?.length ?? 0) < this.minObservations);
    if (cold.length > 0) return this.rng.choice(cold);
    let best = this.arms[0] as number;
    let bestCost = Infinity;
    for (const a of this.arms) {
      const { meanJ, sdJ } = this.belief(a);
      const sampled = sdJ === 0 ? meanJ : this.rng.normal(meanJ, sdJ);
      if (sampled < bestCost) {
        bestCost = sampled;
        best = a;
      }
    }
    return best;
  }
}
