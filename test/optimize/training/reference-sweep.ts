/**
 * The iteration time-energy frontier over per-op clock choices, by Phillips-Dessouky's minimum
 * cut sweep as Perseus (lowtime) runs it. Start with every op at its least effective energy
 * (the slowest sensible clock); then repeatedly shorten the iteration by one time unit at the
 * least energy cost: on the DAG of critical ops, a minimum s-t cut (lower bound = energy saved by
 * slowing an op one unit, upper bound = energy spent speeding it one unit) says which ops to
 * speed up (cut forwards) and which to slow down (cut backwards). Each pass is one frontier
 * point, until some critical path cannot be shortened any more.
 */
import {
  FlowGraph,
  minCutWithLowerBounds,
  type BoundedEdge,
} from "../../../src/optimize/graph/max-flow.js";
import { planEvaluator } from "../../../src/optimize/training/evaluate-plan.js";
import { SlackFiller } from "./reference-fill-slack.js";
import { opCurve, type OpCurve } from "../../../src/optimize/training/op-curve.js";
import {
  topologicalOrder,
  type Choice,
  type PlannerInput,
} from "../../../src/optimize/training/plan-input.js";

export interface SweepOptions {
  /** Op times are quantized down to this unit (s); Perseus uses 1 ms. */
  unitTimeS: number;
  /** Safety bound on passes (default: enough to go from slowest to fastest). */
  maxSteps?: number;
}

export interface Sweep {
  /** One point per pass, slowest first; time falls by one unit per pass (as quantized). */
  points: { timeS: number; energyJ: number }[];
  /** The clock plans of the given points (indices ascending), rebuilt from the recorded moves. */
  plans(indices: readonly number[]): number[][];
}

export function referenceSweep(input: PlannerInput, options: SweepOptions): Sweep {
  const { nodes } = input;
  const unitTimeS = options.unitTimeS;
  const order = topologicalOrder(nodes);
  const curves = nodes.map((n) => opCurve(n.choices, unitTimeS, input.pBlockingW));
  const succ: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => n.deps.forEach((d) => succ[d]!.push(i)));
  const units = Int32Array.from(curves, (c) => c.maxUnits);
  const evaluator = planEvaluator(input, order, unitTimeS);

  const startUnits = Int32Array.from(units);
  const points: { timeS: number; energyJ: number }[] = [];
  // Plans are kept as the moves between passes: thousands of passes x thousands of ops would
  // not fit in memory as full plans.
  const moves: Cut[] = [];
  const filler = new SlackFiller(input, order, unitTimeS);
  const realize = (u: Int32Array): Choice[] => {
    const chosen = curves.map((c, i) => pickOf(c, u[i]!));
    filler.fill(chosen);
    return chosen;
  };
  const record = (cut?: Cut) => {
    if (cut !== undefined) moves.push(cut);
    points.push(evaluator.evaluate(realize(units)));
  };
  record();

  const graph = new FlowGraph();
  const es = new Int32Array(nodes.length);
  const ls = new Int32Array(nodes.length);
  const maxSteps = options.maxSteps ?? curves.reduce((a, c) => a + c.maxUnits - c.minUnits, 0) + 1;
  for (let step = 0; step < maxSteps; step++) {
    const cut = cheapestCut(curves, units, order, succ, es, ls, input, graph);
    if (cut === undefined) break;
    // The same cut stays the cheapest while every op it moves stays on one linear piece of its
    // curve and no non-critical op runs out of slack: apply it that many times without re-solving.
    const repeat = Math.min(cut.repeat, maxSteps - step);
    for (let r = 0; r < repeat; r++) {
      for (const i of cut.faster) units[i]!--;
      for (const i of cut.slower) units[i]!++;
      record(cut);
    }
    step += repeat - 1;
  }
  const plans = (indices: readonly number[]): number[][] => {
    const u = Int32Array.from(startUnits);
    const out: number[][] = [];
    let at = 0;
    for (const k of indices) {
      if (k < at) throw new RangeError("plan indices must ascend");
      for (; at < k; at++) {
        for (const i of moves[at]!.faster) u[i]!--;
        for (const i of moves[at]!.slower) u[i]!++;
      }
      out.push(realize(u).map((c) => c.freqMHz));
    }
    return out;
  };
  return { points, plans };
}

function pickOf(c: OpCurve, units: number): Choice {
  return c.pick[units - c.minUnits]!;
}

interface Cut {
  faster: number[];
  slower: number[];
  /** How many unit steps this cut stays optimal for (at least 1). */
  repeat: number;
}

/** Units an op can move along its curve before the slope changes (or the curve ends). */
function linearRun(c: OpCurve, units: number, dir: -1 | 1): number {
  const at = units - c.minUnits;
  const slope = (k: number) => c.cost[k + 1]! - c.cost[k]!;
  let run = 0;
  if (dir < 0) {
    const s0 = slope(at - 1);
    while (
      at - run - 1 >= 0 &&
      Math.abs(slope(at - run - 1) - s0) <= 1e-9 * Math.max(1, Math.abs(s0))
    )
      run++;
  } else {
    const s0 = slope(at);
    while (
      at + run + 1 < c.cost.length &&
      Math.abs(slope(at + run) - s0) <= 1e-9 * Math.max(1, Math.abs(s0))
    )
      run++;
  }
  return run;
}

/** The minimum cut on the critical DAG, or undefined when the iteration cannot get shorter. */
function cheapestCut(
  curves: readonly OpCurve[],
  units: Int32Array,
  order: readonly number[],
  succ: readonly number[][],
  es: Int32Array,
  ls: Int32Array,
  input: PlannerInput,
  graph: FlowGraph,
): Cut | undefined {
  const { nodes } = input;
  let t = 0;
  for (const i of order) {
    let start = 0;
    for (const d of nodes[i]!.deps) start = Math.max(start, es[d]! + units[d]!);
    es[i] = start;
    t = Math.max(t, start + units[i]!);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    let lf = t;
    for (const j of succ[i]!) lf = Math.min(lf, ls[j]!);
    ls[i] = lf - units[i]!;
  }
  // Index the critical ops: in-node 2k, out-node 2k+1; then source and sink.
  const slot = new Int32Array(nodes.length).fill(-1);
  const critical: number[] = [];
  for (const i of order) if (es[i] === ls[i]) slot[i] = critical.push(i) - 1;
  const s = 2 * critical.length;
  const sink = s + 1;
  const edges: BoundedEdge[] = [];
  for (const i of critical) {
    const c = curves[i]!;
    const k = slot[i]!;
    const at = units[i]! - c.minUnits;
    const upper = at > 0 ? c.cost[at - 1]! - c.cost[at]! : Infinity;
    const lower = units[i]! < c.maxUnits ? c.cost[at]! - c.cost[at + 1]! : 0;
    edges.push({
      from: 2 * k,
      to: 2 * k + 1,
      lower: Math.max(0, lower),
      upper: Math.max(upper, lower),
    });
    if (es[i] === 0) edges.push({ from: s, to: 2 * k, lower: 0, upper: Infinity });
    if (es[i]! + units[i]! === t)
      edges.push({ from: 2 * k + 1, to: sink, lower: 0, upper: Infinity });
    for (const j of succ[i]!) {
      if (slot[j]! >= 0 && es[i]! + units[i]! === es[j]) {
        edges.push({ from: 2 * k + 1, to: 2 * slot[j]!, lower: 0, upper: Infinity });
      }
    }
  }
  const cut = minCutWithLowerBounds(sink + 1, edges, s, sink, graph);
  if (cut.value === Infinity) return undefined;
  const faster: number[] = [];
  const slower: number[] = [];
  critical.forEach((i, k) => {
    const inSide = cut.sourceSide[2 * k] === 1;
    const outSide = cut.sourceSide[2 * k + 1] === 1;
    if (inSide && !outSide) faster.push(i);
    else if (!inSide && outSide) slower.push(i);
  });
  if (faster.length === 0) return undefined;
  let repeat = Infinity;
  for (const i of faster) repeat = Math.min(repeat, linearRun(curves[i]!, units[i]!, -1));
  for (const i of slower) repeat = Math.min(repeat, linearRun(curves[i]!, units[i]!, 1));
  for (const i of order) if (slot[i]! < 0) repeat = Math.min(repeat, ls[i]! - es[i]!);
  return { faster, slower, repeat: Math.max(1, repeat) };
}
