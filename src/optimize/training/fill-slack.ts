/**
 * Rounding repair for planned points. The min-cut sweep plans durations on each op's convex
 * curve; running them means snapping each op to a real clock no slower than planned, which can
 * leave slack. This pass hands that slack back without lengthening the iteration: compute every
 * op's latest finish for the current iteration time, then, in dependency order, run each op at
 * the clock of least effective energy that still finishes by its latest finish.
 */
import { quantizeS } from "./evaluate-plan.js";
import type { Choice, PlannerInput } from "./plan-input.js";

export class SlackFiller {
  private readonly succ: number[][];
  private readonly finish: Float64Array;
  private readonly latestFinish: Float64Array;

  constructor(
    private readonly input: PlannerInput,
    private readonly order: readonly number[],
    private readonly unitS: number,
  ) {
    this.succ = input.nodes.map(() => []);
    input.nodes.forEach((n, i) => n.deps.forEach((d) => this.succ[d]!.push(i)));
    this.finish = new Float64Array(input.nodes.length);
    this.latestFinish = new Float64Array(input.nodes.length);
  }

  /** Improves `chosen` in place; the iteration time never grows. */
  fill(chosen: Choice[]): void {
    const { nodes, blockingW } = this.input;
    const { order, succ, finish, latestFinish, unitS } = this;
    const q = (c: Choice) => quantizeS(c.timeS, unitS);
    let timeS = 0;
    for (const i of order) {
      let start = 0;
      for (const d of nodes[i]!.deps) start = Math.max(start, finish[d]!);
      finish[i] = start + q(chosen[i]!);
      timeS = Math.max(timeS, finish[i]!);
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k]!;
      let lf = timeS;
      for (const j of succ[i]!) lf = Math.min(lf, latestFinish[j]! - q(chosen[j]!));
      latestFinish[i] = lf;
    }
    const tol = 1e-9 * Math.max(1, timeS);
    for (const i of order) {
      let start = 0;
      for (const d of nodes[i]!.deps) start = Math.max(start, finish[d]!);
      let best = chosen[i]!;
      let bestEff = best.energyJ - blockingW * q(best);
      for (const c of nodes[i]!.choices) {
        const eff = c.energyJ - blockingW * q(c);
        if (eff < bestEff && start + q(c) <= latestFinish[i]! + tol) {
          best = c;
          bestEff = eff;
        }
      }
      chosen[i] = best;
      finish[i] = start + q(best);
    }
  }
}
