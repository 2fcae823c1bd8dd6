/**
 * Maximum flow on a fixed set of edges whose capacities change between solves, warm-started
 * from the previous flow. The planner solves thousands of cuts on graphs that differ in a few
 * edges per step; solving each from scratch costs O(graph) phases per step, so a pipeline of
 * 10,000 ops takes minutes. Here a capacity cut below an edge's flow is repaired by cancelling
 * the excess back to the source and the deficit forward to the sink (along flow-carrying edges;
 * the edges must form a DAG, so the walks end), then augmenting paths (Dinic) restore a maximum
 * flow. The source side of the cut it returns (nodes reachable in the residual graph) is the
 * same for every maximum flow: the unique minimal minimum cut, as a from-scratch solve gives.
 */
import { buildLevels, FLOW_EPS } from "./level-graph.js";
const EPS = FLOW_EPS;

export class IncrementalMaxFlow {
  private readonly n: number;
  /** Edge e = 2k is the k-th given edge, e + 1 its residual twin. */
  private readonly to: Int32Array;
  private readonly from: Int32Array;
  /** Residual capacity; the flow on edge 2k is res[2k + 1]. */
  private readonly res: Float64Array;
  private readonly start: Int32Array;
  private readonly adj: Int32Array;
  private readonly level: Int32Array;
  private readonly queue: Int32Array;
  private readonly iter: Int32Array;
  private readonly path: Int32Array;
  /** Inflow - outflow left by capacity cuts, per node, until the next solve repairs it. */
  private readonly imbalance: Float64Array;
  private readonly dirty: Int32Array;
  private dirtyCount = 0;
  private readonly isDirty: Uint8Array;

  /** `from[k] -> to[k]` for each edge k, all at capacity 0; the edges must not form a cycle. */
  constructor(nodeCount: number, from: Int32Array, to: Int32Array) {
    const m = from.length;
    this.n = nodeCount;
    this.from = new Int32Array(2 * m);
    this.to = new Int32Array(2 * m);
    for (let k = 0; k < m; k++) {
      this.from[2 * k] = from[k]!;
      this.to[2 * k] = to[k]!;
      this.from[2 * k + 1] = to[k]!;
      this.to[2 * k + 1] = from[k]!;
    }
    this.res = new Float64Array(2 * m);
    this.start = new Int32Array(nodeCount + 1);
    for (let e = 0; e < 2 * m; e++) this.start[this.from[e]! + 1]!++;
    for (let u = 0; u < nodeCount; u++) this.start[u + 1]! += this.start[u]!;
    this.adj = new Int32Array(2 * m);
    const fill = Int32Array.from(this.start.subarray(0, nodeCount));
    for (let e = 0; e < 2 * m; e++) this.adj[fill[this.from[e]!]!++] = e;
    this.level = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.iter = new Int32Array(nodeCount);
    this.path = new Int32Array(nodeCount);
    this.imbalance = new Float64Array(nodeCount);
    this.dirty = new Int32Array(nodeCount);
    this.isDirty = new Uint8Array(nodeCount);
  }

  /** The flow on edge k. */
  flowOf(k: number): number {
    return this.res[2 * k + 1]!;
  }

  /** The capacity of edge k (Infinity allowed); a cut below its flow is repaired at solve. */
  setCapacity(k: number, capacity: number): void {
    const e = 2 * k;
    const flow = this.res[e + 1]!;
    if (flow <= capacity) {
      this.res[e] = capacity - flow;
      return;
    }
    this.res[e] = 0;
    this.res[e + 1] = capacity;
    this.shift(this.from[e]!, flow - capacity);
    this.shift(this.to[e]!, capacity - flow);
  }

  /**
   * Restores a maximum s-t flow and returns the source side of the minimal minimum cut, or
   * undefined when an s-t path of unbounded edges makes the cut infinite.
   */
  solve(s: number, t: number): Uint8Array | undefined {
    this.repair(s, t);
    while (this.bfs(s, t)) if (!this.blockingFlow(s, t)) return undefined;
    // The last search stopped short of t: what it reached is the residual source side.
    const side = new Uint8Array(this.n);
    for (let v = 0; v < this.n; v++) if (this.level[v]! >= 0) side[v] = 1;
    return side;
  }

  private shift(u: number, amount: number): void {
    this.imbalance[u]! += amount;
    if (!this.isDirty[u]) {
      this.isDirty[u] = 1;
      this.dirty[this.dirtyCount++] = u;
    }
  }

  /** Cancels every node's imbalance: excess back towards s, deficits forward towards t. */
  private repair(s: number, t: number): void {
    const { res, start, adj, from, to, imbalance, isDirty } = this;
    // A stack of dirty nodes; a node re-enters it when a cancellation unbalances it again.
    while (this.dirtyCount > 0) {
      const u = this.dirty[--this.dirtyCount]!;
      isDirty[u] = 0;
      let left = imbalance[u]!;
      imbalance[u] = 0;
      if (u === s || u === t || Math.abs(left) <= EPS * EPS) continue;
      for (let k = start[u]!; k < start[u + 1]! && Math.abs(left) > EPS * EPS; k++) {
        const e = adj[k]!;
        // Excess: lower the flow on a given edge into u (its twin leaves u, e odd).
        // Deficit: lower the flow on a given edge out of u (e even).
        const original = left > 0 ? (e & 1) === 1 : (e & 1) === 0;
        if (!original) continue;
        const g = left > 0 ? e ^ 1 : e;
        const flow = res[g + 1]!;
        if (flow <= 0) continue;
        const d = Math.min(flow, Math.abs(left));
        res[g + 1] = flow - d;
        res[g]! += d;
        if (left > 0) {
          left -= d;
          this.shift(from[g]!, d);
        } else {
          left += d;
          this.shift(to[g]!, -d);
        }
      }
    }
  }

  private bfs(s: number, t: number): boolean {
    const { start, adj, to } = this;
    return buildLevels({ start, adj, to }, this.res, this.n, s, t, this.level, this.queue);
  }

  /**
   * A blocking flow on the level graph, with an explicit path (chains run thousands deep);
   * false when it finds an s-t path of unbounded edges (an infinite cut).
   */
  private blockingFlow(s: number, t: number): boolean {
    const { level, iter, start, adj, to, from, res, path } = this;
    iter.set(start.subarray(0, this.n));
    let depth = 0;
    let u = s;
    for (;;) {
      if (u === t) {
        let d = Infinity;
        for (let k = 0; k < depth; k++) d = Math.min(d, res[path[k]!]!);
        if (d === Infinity) return false;
        let back = depth;
        for (let k = depth - 1; k >= 0; k--) {
          const e = path[k]!;
          res[e]! -= d;
          res[e ^ 1]! += d;
          if (res[e]! <= EPS) back = k;
        }
        // Resume from the tail of the first saturated edge.
        depth = back;
        u = depth === 0 ? s : to[path[depth - 1]!]!;
        continue;
      }
      let advanced = false;
      for (; iter[u]! < start[u + 1]!; iter[u]!++) {
        const e = adj[iter[u]!]!;
        const v = to[e]!;
        if (level[v] === level[u]! + 1 && res[e]! > EPS) {
          path[depth++] = e;
          u = v;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      // Dead end: nothing more gets through u in this phase.
      level[u] = -1;
      if (depth === 0) return true;
      const e = path[--depth]!;
      u = from[e]!;
      iter[u]!++;
    }
  }
}
