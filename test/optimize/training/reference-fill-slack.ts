/**
 * Rounding repair for planned points. The min-cut sweep plans durations on each op's convex
 * curve; running them means snapping each op to a real clock no slower than planned, which can
 * leave slack. This pass hands that slack back without lengthening the iteration: compute every
 * op's latest finish for the current iteration time, then, in dependency order, run each op at
 * the clock of least effective energy that still finishes by its latest finish.
 */
import { quantizeS } from "../../../src/optimize/training/evaluate-plan.js";
import type { Choice, PlannerInput } from "../../../src/optimize/training/plan-input.js";

/** An op's choices by quantized time, with the best (least effective energy) choice among all
 * choices at least as fast as each: a latest-finish bound then costs one binary search. */
interface Ladder {
  timeS: Float64Array;
  best: Choice[];
  bestEff: Float64Array;
}

export class SlackFiller {
  private readonly ladders: Ladder[];
  private readonly succ: number[][];
  private readonly finish: Float64Array;
  private readonly latestFinish: Float64Array;

  constructor(
    private readonly input: PlannerInput,
    private readonly order: readonly number[],
    private readonly unitTimeS: number,
  ) {
    this.succ = input.nodes.map(() => []);
    input.nodes.forEach((n, i) => n.deps.forEach((d) => this.succ[d]!.push(i)));
    this.finish = new Float64Array(input.nodes.length);
    this.latestFinish = new Float64Array(input.nodes.length);
    this.ladders = input.nodes.map((n) => {
      const sorted = [...n.choices].sort(
        (a, b) => quantizeS(a.timeS, unitTimeS) - quantizeS(b.timeS, unitTimeS),
      );
      const best: Choice[] = [];
      const bestEff = new Float64Array(sorted.length);
      sorted.forEach((c, k) => {
        const eff = c.energyJ - input.pBlockingW * quantizeS(c.timeS, unitTimeS);
        const prev = k > 0 ? bestEff[k - 1]! : Infinity;
        best.push(eff < prev ? c : best[k - 1]!);
        bestEff[k] = Math.min(eff, prev);
      });
      return {
        timeS: Float64Array.from(sorted, (c) => quantizeS(c.timeS, unitTimeS)),
        best,
        bestEff,
      };
    });
  }

  /** Improves `chosen` in place; the iteration time never grows. */
  fill(chosen: Choice[]): void {
    const { nodes, pBlockingW } = this.input;
    const { order, succ, finish, latestFinish, unitTimeS } = this;
    const q = (c: Choice) => quantizeS(c.timeS, unitTimeS);
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
      // Slowest rung that still finishes in time; its prefix-best is the choice to run.
      const ladder = this.ladders[i]!;
      const room = latestFinish[i]! + tol - start;
      let lo = -1;
      let hi = ladder.timeS.length;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (ladder.timeS[mid]! <= room) lo = mid;
        else hi = mid;
      }
      const current = chosen[i]!;
      if (lo >= 0 && ladder.bestEff[lo]! < current.energyJ - pBlockingW * q(current)) {
        chosen[i] = ladder.best[lo]!;
      }
      finish[i] = start + q(chosen[i]!);
    }
  }
}
