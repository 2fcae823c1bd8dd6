/**
 * The planner input as flat typed arrays, for the loops that run once per frontier step over
 * every op (thousands of steps x ten thousand ops at MLPerf size): dependencies and successors
 * in compressed rows, every op's choices in one flat list (a plan is one flat choice index per
 * op), their times quantized once. `evaluate` is planEvaluator's quantized accounting on such a
 * plan, summed in the same order, so both give the same figures.
 */
import { Adder } from "d3-array";
import { quantizeS } from "./evaluate-plan.js";
import type { Choice, PlannerInput } from "./plan-input.js";

export class PlanArrays {
  readonly n: number;
  readonly order: Int32Array;
  readonly depStart: Int32Array;
  readonly deps: Int32Array;
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  readonly stage: Int32Array;
  /** Op i's choices are flat indices choiceStart[i] .. choiceStart[i+1]-1, in input order. */
  readonly choiceStart: Int32Array;
  readonly choices: Choice[];
  /** Per flat choice: its time quantized down to the unit (s), its energy (J). */
  readonly qTimeS: Float64Array;
  readonly energyJ: Float64Array;
  private readonly finish: Float64Array;
  private readonly busy: Float64Array;

  constructor(
    readonly input: PlannerInput,
    order: readonly number[],
    readonly unitTimeS: number,
  ) {
    const { nodes } = input;
    const n = nodes.length;
    this.n = n;
    this.order = Int32Array.from(order);
    this.depStart = new Int32Array(n + 1);
    this.succStart = new Int32Array(n + 1);
    nodes.forEach((node, i) => {
      this.depStart[i + 1] = this.depStart[i]! + node.deps.length;
      for (const d of node.deps) this.succStart[d + 1]!++;
    });
    for (let i = 0; i < n; i++) this.succStart[i + 1]! += this.succStart[i]!;
    this.deps = new Int32Array(this.depStart[n]!);
    this.succ = new Int32Array(this.depStart[n]!);
    const fill = this.succStart.slice(0, n);
    nodes.forEach((node, i) => {
      node.deps.forEach((d, k) => {
        this.deps[this.depStart[i]! + k] = d;
        this.succ[fill[d]!++] = i;
      });
    });
    this.stage = Int32Array.from(nodes, (node) => node.stage);
    this.choiceStart = new Int32Array(n + 1);
    nodes.forEach(
      (node, i) => (this.choiceStart[i + 1] = this.choiceStart[i]! + node.choices.length),
    );
    this.choices = nodes.flatMap((node) => node.choices);
    this.qTimeS = Float64Array.from(this.choices, (c) => quantizeS(c.timeS, unitTimeS));
    this.energyJ = Float64Array.from(this.choices, (c) => c.energyJ);
    this.finish = new Float64Array(n);
    this.busy = new Float64Array(input.stages);
  }

  /** Quantized time and energy of a plan (a flat choice index per op), as planEvaluator. */
  evaluate(chosen: Int32Array): { timeS: number; energyJ: number } {
    const { order, depStart, deps, finish, qTimeS, energyJ, stage, busy } = this;
    let timeS = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      let start = 0;
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++)
        start = Math.max(start, finish[deps[e]!]!);
      const end = start + qTimeS[chosen[i]!]!;
      finish[i] = end;
      if (end > timeS) timeS = end;
    }
    const energy = new Adder();
    busy.fill(0);
    for (let i = 0; i < this.n; i++) {
      energy.add(energyJ[chosen[i]!]!);
      busy[stage[i]!]! += qTimeS[chosen[i]!]!;
    }
    for (let s = 0; s < busy.length; s++) energy.add(this.input.pBlockingW * (timeS - busy[s]!));
    return { timeS, energyJ: energy.valueOf() };
  }
}
