/**
 * The iteration time-energy frontier over per-op clock choices, by Phillips-Dessouky's minimum
 * cut sweep as Perseus (lowtime) runs it. Start with every op at its least effective energy
 * (the slowest sensible clock); then repeatedly shorten the iteration by one time unit at the
 * least energy cost: on the DAG of critical ops, a minimum s-t cut (lower bound = energy saved by
 * slowing an op one unit, upper bound = energy spent speeding it one unit) says which ops to
 * speed up (cut forwards) and which to slow down (cut backwards). Each pass is one frontier
 * point, until some critical path cannot be shortened any more.
 *
 * At MLPerf size (12,000 ops, thousands of steps, nine ops in ten critical) a from-scratch cut
 * per step is O(ops) phases of max-flow each, so the network spans every op once, with the
 * capacities of non-critical ops at zero, and each step warm-starts from the last flow
 * (IncrementalMaxFlow); the per-step bookkeeping (critical path, realizing and evaluating the
 * point) runs on flat arrays (PlanArrays). The cuts, hence the points, are the same as a
 * from-scratch solve's: the source side of the minimal minimum cut does not depend on which
 * maximum flow finds it.
 */
import { IncrementalMaxFlow } from "../graph/incremental-max-flow.js";
import { SlackFiller } from "./fill-slack.js";
import { opCurve, type OpCurve } from "./op-curve.js";
import { PlanArrays } from "./plan-arrays.js";
import { topologicalOrder, type Choice, type PlannerInput } from "./plan-input.js";

export interface SweepOptions {
  /** Op times are quantized down to this unit (s); Perseus uses 1 ms. */
  unitTimeS: number;
  /** Safety bound on passes (default: enough to go from slowest to fastest). */
  maxSteps?: number;
  /**
   * About how many points to record; default: as many as keep points x ops within
   * SWEEP_OP_VISITS, at least 100 (every pass of a small pipeline). A long iteration has
   * thousands of one-unit passes (3,900 at MLPerf size, 0.007% of its time apart), and
   * realizing and evaluating a point costs a pass over every op. With more passes than this,
   * every k-th pass is recorded (k = passes / maxPoints, rounded up, passes estimated from the
   * slowest and fastest plans' times), and always the last one.
   */
  maxPoints?: number;
}

/** Op visits the recorded points may cost (points x ops): ~1 s of realizing and evaluating. */
export const SWEEP_OP_VISITS = 5e6;

export interface Sweep {
  /** One point per recorded pass, slowest first (as quantized). */
  points: { timeS: number; energyJ: number }[];
  /** The clock plans of the given points (indices ascending), rebuilt from the recorded moves. */
  plans(indices: readonly number[]): number[][];
}

export function phillipsDessoukySweep(input: PlannerInput, options: SweepOptions): Sweep {
  const { nodes } = input;
  const unitTimeS = options.unitTimeS;
  const arrays = new PlanArrays(input, topologicalOrder(nodes), unitTimeS);
  // One curve per distinct choices array (ops of a kind share theirs, see plannerInputOf), its
  // picks as indices among the op's choices.
  const byChoices = new Map<readonly Choice[], { curve: OpCurve; pick: Int32Array }>();
  const shapes = nodes.map((n) => {
    let shape = byChoices.get(n.choices);
    if (shape === undefined) {
      const curve = opCurve(n.choices, unitTimeS, input.pBlockingW);
      const pick = Int32Array.from(curve.pick, (c) => n.choices.indexOf(c));
      byChoices.set(n.choices, (shape = { curve, pick }));
    }
    return shape;
  });
  const curves = shapes.map((s) => s.curve);
  const units = Int32Array.from(curves, (c) => c.maxUnits);
  const startUnits = Int32Array.from(units);
  const points: { timeS: number; energyJ: number }[] = [];
  // The pass each point was recorded after; plans are kept as the moves of every pass, since
  // thousands of passes x thousands of ops would not fit in memory as full plans.
  const pointPass: number[] = [];
  const moves: Cut[] = [];
  const filler = new SlackFiller(arrays);
  const chosen = new Int32Array(nodes.length);
  const realize = (u: Int32Array): Int32Array => {
    for (let i = 0; i < u.length; i++) {
      const { curve, pick } = shapes[i]!;
      chosen[i] = arrays.choiceStart[i]! + pick[u[i]! - curve.minUnits]!;
    }
    filler.fill(chosen);
    return chosen;
  };
  const record = () => {
    pointPass.push(moves.length);
    points.push(arrays.evaluate(realize(units)));
  };
  record();
  const maxPoints = options.maxPoints ?? Math.max(100, Math.floor(SWEEP_OP_VISITS / nodes.length));
  const stride = recordStride(arrays, curves, maxPoints);

  const cutter = new CriticalCut(arrays, curves);
  const maxSteps = options.maxSteps ?? curves.reduce((a, c) => a + c.maxUnits - c.minUnits, 0) + 1;
  for (let step = 0; step < maxSteps; step++) {
    const cut = cutter.cheapest(units);
    if (cut === undefined) break;
    // The same cut stays the cheapest while every op it moves stays on one linear piece of its
    // curve and no non-critical op runs out of slack: apply it that many times without re-solving.
    const repeat = Math.min(cut.repeat, maxSteps - step);
    for (let r = 0; r < repeat; r++) {
      for (const i of cut.faster) units[i]!--;
      for (const i of cut.slower) units[i]!++;
      moves.push(cut);
      if (moves.length % stride === 0) record();
    }
    step += repeat - 1;
  }
  if (pointPass[pointPass.length - 1] !== moves.length) record();
  const plans = (indices: readonly number[]): number[][] => {
    const u = Int32Array.from(startUnits);
    const out: number[][] = [];
    let at = 0;
    let last = -1;
    for (const k of indices) {
      if (k < last) throw new RangeError("plan indices must ascend");
      last = k;
      for (; at < pointPass[k]!; at++) {
        for (const i of moves[at]!.faster) u[i]!--;
        for (const i of moves[at]!.slower) u[i]!++;
      }
      out.push(Array.from(realize(u), (c) => arrays.choices[c]!.freqMHz));
    }
    return out;
  };
  return { points, plans };
}

/** Record every k-th pass: passes estimated as the slowest minus the fastest plan's time. */
function recordStride(arrays: PlanArrays, curves: readonly OpCurve[], maxPoints: number): number {
  const span = (pick: (c: OpCurve) => number) => {
    const finish = new Float64Array(arrays.n);
    let t = 0;
    for (const i of arrays.order) {
      let start = 0;
      for (let e = arrays.depStart[i]!; e < arrays.depStart[i + 1]!; e++) {
        start = Math.max(start, finish[arrays.deps[e]!]!);
      }
      finish[i] = start + pick(curves[i]!);
      t = Math.max(t, finish[i]!);
    }
    return t;
  };
  const passes = span((c) => c.maxUnits) - span((c) => c.minUnits);
  return Math.max(1, Math.ceil(passes / Math.max(1, maxPoints)));
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

/**
 * The minimum cut on the critical DAG, step after step. Op k is in-node 2k and out-node 2k+1;
 * its edge in->out carries (upper - lower), and the lower bound becomes the node charges
 * s->out (lower) and in->t (lower), as minCutWithLowerBounds builds them; s->in marks ops that
 * start the iteration, out->t ops that end it, out(d)->in(i) a tight dependency. Every edge of
 * a non-critical op is at zero.
 */
class CriticalCut {
  private readonly flow: IncrementalMaxFlow;
  private readonly capacity: Float64Array;
  private readonly es: Int32Array;
  private readonly ls: Int32Array;
  private readonly s: number;
  private readonly t: number;

  constructor(
    private readonly arrays: PlanArrays,
    private readonly curves: readonly OpCurve[],
  ) {
    const { n, depStart, deps } = arrays;
    this.s = 2 * n;
    this.t = 2 * n + 1;
    const m = 5 * n + depStart[n]!;
    const from = new Int32Array(m);
    const to = new Int32Array(m);
    for (let k = 0; k < n; k++) {
      const edges = [
        [2 * k, 2 * k + 1],
        [this.s, 2 * k + 1],
        [2 * k, this.t],
        [this.s, 2 * k],
        [2 * k + 1, this.t],
      ];
      edges.forEach(([u, v], j) => {
        from[5 * k + j] = u!;
        to[5 * k + j] = v!;
      });
    }
    for (let i = 0; i < n; i++) {
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++) {
        from[5 * n + e] = 2 * deps[e]! + 1;
        to[5 * n + e] = 2 * i;
      }
    }
    this.flow = new IncrementalMaxFlow(2 * n + 2, from, to);
    this.capacity = new Float64Array(m);
    this.es = new Int32Array(n);
    this.ls = new Int32Array(n);
  }

  private set(k: number, capacity: number): void {
    if (this.capacity[k] === capacity) return;
    this.capacity[k] = capacity;
    this.flow.setCapacity(k, capacity);
  }

  /** The cheapest cut at `units`, or undefined when the iteration cannot get shorter. */
  cheapest(units: Int32Array): Cut | undefined {
    const { n, order, depStart, deps, succStart, succ } = this.arrays;
    const { es, ls, curves } = this;
    let t = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      let start = 0;
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++) {
        const d = deps[e]!;
        start = Math.max(start, es[d]! + units[d]!);
      }
      es[i] = start;
      t = Math.max(t, start + units[i]!);
    }
    for (let k = n - 1; k >= 0; k--) {
      const i = order[k]!;
      let lf = t;
      for (let e = succStart[i]!; e < succStart[i + 1]!; e++) lf = Math.min(lf, ls[succ[e]!]!);
      ls[i] = lf - units[i]!;
    }
    for (let i = 0; i < n; i++) {
      const critical = es[i] === ls[i];
      const c = curves[i]!;
      const at = units[i]! - c.minUnits;
      const upper = at > 0 ? c.cost[at - 1]! - c.cost[at]! : Infinity;
      const raw = units[i]! < c.maxUnits ? c.cost[at]! - c.cost[at + 1]! : 0;
      const lower = Math.max(0, raw);
      const bound = Math.max(upper, raw);
      this.set(5 * i, critical ? bound - lower : 0);
      this.set(5 * i + 1, critical ? lower : 0);
      this.set(5 * i + 2, critical ? lower : 0);
      this.set(5 * i + 3, critical && es[i] === 0 ? Infinity : 0);
      this.set(5 * i + 4, critical && es[i]! + units[i]! === t ? Infinity : 0);
      for (let e = depStart[i]!; e < depStart[i + 1]!; e++) {
        const d = deps[e]!;
        const tight = critical && es[d] === ls[d] && es[d]! + units[d]! === es[i];
        this.set(5 * n + e, tight ? Infinity : 0);
      }
    }
    const side = this.flow.solve(this.s, this.t);
    if (side === undefined) return undefined;
    const faster: number[] = [];
    const slower: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (es[i] !== ls[i]) continue;
      const inSide = side[2 * i] === 1;
      const outSide = side[2 * i + 1] === 1;
      if (inSide && !outSide) faster.push(i);
      else if (!inSide && outSide) slower.push(i);
    }
    if (faster.length === 0) return undefined;
    let repeat = Infinity;
    for (const i of faster) repeat = Math.min(repeat, linearRun(curves[i]!, units[i]!, -1));
    for (const i of slower) repeat = Math.min(repeat, linearRun(curves[i]!, units[i]!, 1));
    for (let i = 0; i < n; i++) if (es[i] !== ls[i]) repeat = Math.min(repeat, ls[i]! - es[i]!);
    return { faster, slower, repeat: Math.max(1, repeat) };
  }
}
