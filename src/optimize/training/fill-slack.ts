/**
 * Rounding repair for planned points. The min-cut sweep plans durations on each op's convex
 * curve; running them means snapping each op to a real clock no slower than planned, which can
 * leave slack. This pass hands that slack back without lengthening the iteration: compute every
 * op's latest finish for the current iteration time, then, in dependency order, run each op at
 * the clock of least effective energy that still finishes by its latest finish. It works on
 * flat choice indices (PlanArrays): it runs once per frontier step over every op.
 */
import type { PlanArrays } from "./plan-arrays.js";

export class SlackFiller {
  /** Per op, its choices by quantized time (stable), flat like PlanArrays' choices: the time of
   * each rung, and the best (least effective energy) choice among rungs at least as fast. */
  private readonly rungTimeS: Float64Array;
  private readonly rungBest: Int32Array;
  private readonly rungBestEff: Float64Array;
  /** Per flat choice: the last rung of its op no slower than it (where a search usually ends). */
  private readonly rungOf: Int32Array;
  private readonly finish: Float64Array;
  private readonly latestFinish: Float64Array;

  constructor(private readonly plan: PlanArrays) {
    const { n, choiceStart, qTimeS, energyJ } = plan;
    const pBlockingW = plan.input.pBlockingW;
    const total = choiceStart[n]!;
    this.rungTimeS = new Float64Array(total);
    this.rungBest = new Int32Array(total);
    this.rungBestEff = new Float64Array(total);
    for (let i = 0; i < n; i++) {
      const a = choiceStart[i]!;
      const b = choiceStart[i + 1]!;
      const sorted = Array.from({ length: b - a }, (_, k) => a + k).sort(
        (x, y) => qTimeS[x]! - qTimeS[y]!,
      );
      sorted.forEach((c, k) => {
        const eff = energyJ[c]! - pBlockingW * qTimeS[c]!;
        const prev = k > 0 ? this.rungBestEff[a + k - 1]! : Infinity;
        this.rungTimeS[a + k] = qTimeS[c]!;
        this.rungBest[a + k] = eff < prev ? c : this.rungBest[a + k - 1]!;
        this.rungBestEff[a + k] = Math.min(eff, prev);
      });
    }
    this.rungOf = new Int32Array(total);
    for (let i = 0; i < n; i++) {
      for (let c = choiceStart[i]!; c < choiceStart[i + 1]!; c++) {
        this.rungOf[c] = this.lastRungWithin(choiceStart[i]!, choiceStart[i + 1]!, qTimeS[c]!);
      }
    }
    this.finish = new Float64Array(n);
    this.latestFinish = new Float64Array(n);
  }

  /** The last rung in [a, b) no slower than `room`, or a - 1. */
  private lastRungWithin(a: number, b: number, room: number): number {
    let lo = a - 1;
    let hi = b;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.rungTimeS[mid]! <= room) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Improves `chosen` (a flat choice index per op) in place; the iteration time never grows. */
  fill(chosen: Int32Array): void {
    const { order, depStart, deps, succStart, succ, qTimeS, energyJ, choiceStart } = this.plan;
    const pBlockingW = this.plan.input.pBlockingW;
    const { finish, latestFinish, rungTimeS, rungBest, rungBestEff } = this;
    let timeS = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      let start = 0;
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++)
        start = Math.max(start, finish[deps[e]!]!);
      finish[i] = start + qTimeS[chosen[i]!]!;
      timeS = Math.max(timeS, finish[i]!);
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k]!;
      let lf = timeS;
      for (let e = succStart[i]!; e < succStart[i + 1]!; e++) {
        const j = succ[e]!;
        lf = Math.min(lf, latestFinish[j]! - qTimeS[chosen[j]!]!);
      }
      latestFinish[i] = lf;
    }
    const tol = 1e-9 * Math.max(1, timeS);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      let start = 0;
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++)
        start = Math.max(start, finish[deps[e]!]!);
      // Slowest rung that still finishes in time; its prefix-best is the choice to run.
      const room = latestFinish[i]! + tol - start;
      const a = choiceStart[i]!;
      const b = choiceStart[i + 1]!;
      const current = chosen[i]!;
      // Usually the op has no room to slow down: its own rung is the answer.
      const own = this.rungOf[current]!;
      const lo =
        rungTimeS[own]! <= room && (own + 1 === b || rungTimeS[own + 1]! > room)
          ? own
          : this.lastRungWithin(a, b, room);
      if (lo >= a && rungBestEff[lo]! < energyJ[current]! - pBlockingW * qTimeS[current]!) {
        chosen[i] = rungBest[lo]!;
      }
      finish[i] = start + qTimeS[chosen[i]!]!;
    }
  }
}
