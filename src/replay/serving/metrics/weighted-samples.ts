/**
 * Samples with integer weights: an iteration's decode tokens share one inter-token gap, so the
 * ITL distribution is stored as (gap, how many tokens) runs instead of one entry per token. The
 * quantile is d3's quantileSorted (R-7, linear between order statistics) of the expanded list.
 */
import { Adder } from "d3-array";

export class WeightedSamples {
  private values = new Float64Array(1024);
  private weights = new Float64Array(1024);
  private n = 0;
  private total = 0;
  private readonly sum = new Adder();

  get count(): number {
    return this.total;
  }

  add(value: number, weight = 1): void {
    if (weight <= 0) return;
    if (this.n === this.values.length) {
      const v = new Float64Array(this.n * 2);
      v.set(this.values);
      this.values = v;
      const w = new Float64Array(this.n * 2);
      w.set(this.weights);
      this.weights = w;
    }
    this.values[this.n] = value;
    this.weights[this.n] = weight;
    this.n++;
    this.total += weight;
    this.sum.add(value * weight);
  }

  mean(): number {
    return this.total > 0 ? this.sum.valueOf() / this.total : NaN;
  }

  /** Quantiles of the expanded samples at each p in [0, 1] (NaN when empty). */
  quantiles(ps: readonly number[]): number[] {
    const n = this.n;
    if (this.total === 0) return ps.map(() => NaN);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const v = this.values;
    order.sort((a, b) => (v[a] as number) - (v[b] as number));
    const sortedV = new Float64Array(n);
    const cum = new Float64Array(n);
    let c = 0;
    for (let i = 0; i < n; i++) {
      const j = order[i] as number;
      sortedV[i] = v[j] as number;
      c += this.weights[j] as number;
      cum[i] = c;
    }
    // Value of the k-th (0-based) element of the expanded sorted list.
    const at = (k: number): number => {
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] as number) > k) hi = mid;
        else lo = mid + 1;
      }
      return sortedV[lo] as number;
    };
    const total = this.total;
    return ps.map((p) => {
      if (p <= 0 || total < 2) return at(0);
      if (p >= 1) return at(total - 1);
      const i = (total - 1) * p;
      const i0 = Math.floor(i);
      const v0 = at(i0);
      return v0 + (at(i0 + 1) - v0) * (i - i0);
    });
  }
}
