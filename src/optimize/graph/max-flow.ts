/**
 * Maximum flow (Dinic) with float capacities (Infinity allowed), in flat typed arrays that one
 * instance reuses across solves: the planner runs thousands of cuts on graphs of similar size,
 * so allocation and pointer chasing, not arithmetic, would dominate otherwise.
 */
import { buildLevels, FLOW_EPS } from "./level-graph.js";
const EPS = FLOW_EPS;

export class FlowGraph {
  private n = 0;
  private m = 0;
  private from = new Int32Array(64);
  private to = new Int32Array(64);
  private cap = new Float64Array(64);
  private start = new Int32Array(16);
  private adj = new Int32Array(64);
  private level = new Int32Array(16);
  private iter = new Int32Array(16);
  private queue = new Int32Array(16);

  /** Forget all edges and size the graph for `nodeCount` nodes. */
  reset(nodeCount: number): void {
    this.n = nodeCount;
    this.m = 0;
    if (this.start.length < nodeCount + 1) {
      const size = 2 * nodeCount + 1;
      this.start = new Int32Array(size);
      this.level = new Int32Array(size);
      this.iter = new Int32Array(size);
      this.queue = new Int32Array(size);
    }
  }

  /** Adds u->v with capacity c (and its residual twin, index e ^ 1). */
  addEdge(u: number, v: number, c: number): void {
    if (this.m + 2 > this.to.length) this.grow();
    const e = this.m;
    this.from[e] = u;
    this.to[e] = v;
    this.cap[e] = c;
    this.from[e + 1] = v;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.m += 2;
  }

  maxFlow(s: number, t: number): number {
    this.buildAdjacency();
    let flow = 0;
    while (this.bfs(s, t)) {
      this.iter.set(this.start.subarray(0, this.n));
      const f = this.dfs(s, t, Infinity);
      flow += f;
      if (flow === Infinity) return flow;
    }
    return flow;
  }

  /** Nodes reachable from s in the residual graph (the source side of a minimum cut). */
  reachable(s: number): Uint8Array {
    const seen = new Uint8Array(this.n);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let k = this.start[u]!; k < this.start[u + 1]!; k++) {
        const e = this.adj[k]!;
        const v = this.to[e]!;
        if (!seen[v] && this.cap[e]! > EPS) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }

  private grow(): void {
    const size = 2 * this.to.length;
    const copy = <T extends Int32Array | Float64Array>(a: T, b: T) => (b.set(a), b);
    this.from = copy(this.from, new Int32Array(size));
    this.to = copy(this.to, new Int32Array(size));
    this.cap = copy(this.cap, new Float64Array(size));
  }

  /** Compressed adjacency: edges leaving node u are adj[start[u] .. start[u+1]). */
  private buildAdjacency(): void {
    const { n, m } = this;
    if (this.adj.length < m) this.adj = new Int32Array(2 * m);
    const start = this.start;
    start.fill(0, 0, n + 1);
    for (let e = 0; e < m; e++) start[this.from[e]! + 1]!++;
    for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
    const fill = this.iter;
    fill.set(start.subarray(0, n));
    for (let e = 0; e < m; e++) this.adj[fill[this.from[e]!]!++] = e;
  }

  private bfs(s: number, t: number): boolean {
    const { start, adj, to } = this;
    return buildLevels({ start, adj, to }, this.cap, this.n, s, t, this.level, this.queue);
  }

  /** Pushes up to `limit` from u towards t along the level graph (a blocking flow from s). */
  private dfs(u: number, t: number, limit: number): number {
    if (u === t) return limit;
    const { level, iter, start, adj, to, cap } = this;
    let pushed = 0;
    for (; iter[u]! < start[u + 1]!; iter[u]!++) {
      const e = adj[iter[u]!]!;
      const v = to[e]!;
      if (level[v] !== level[u]! + 1 || cap[e]! <= EPS) continue;
      const d = this.dfs(v, t, Math.min(limit - pushed, cap[e]!));
      if (d > 0) {
        cap[e]! -= d;
        cap[e ^ 1]! += d;
        pushed += d;
        if (limit - pushed <= EPS) return pushed;
      }
    }
    // Dead end: nothing more gets through u in this phase.
    level[u] = -1;
    return pushed;
  }
}

export interface BoundedEdge {
  from: number;
  to: number;
  lower: number;
  upper: number;
}

export interface BoundedCut {
  /** min over cuts of (sum of upper bounds of edges leaving the source side) - (sum of lower
   * bounds of edges entering it); Infinity if every cut must cross an unbounded edge forwards. */
  value: number;
  /** Source side of the cut. */
  sourceSide: Uint8Array;
}

/**
 * Min s-t cut where each edge carries a lower bound, in one max-flow: an edge's cut cost
 * ub*[u in S, v not in S] - lb*[u not in S, v in S] equals (ub - lb)*[u in S, v not in S] plus
 * lb*([u in S] - [v in S]); the second term is a per-node charge b(w) = (lb out) - (lb in) for
 * being on the source side, modelled as an edge w->t (b > 0) or s->w (b < 0, less a constant).
 * Needs lower <= upper on every edge.
 */
export function minCutWithLowerBounds(
  nodeCount: number,
  edges: readonly BoundedEdge[],
  s: number,
  t: number,
  graph: FlowGraph = new FlowGraph(),
): BoundedCut {
  graph.reset(nodeCount);
  const charge = new Float64Array(nodeCount);
  for (const e of edges) {
    if (!(e.upper >= e.lower))
      throw new RangeError("an edge's lower bound exceeds its upper bound");
    graph.addEdge(e.from, e.to, e.upper - e.lower);
    charge[e.from]! += e.lower;
    charge[e.to]! -= e.lower;
  }
  let constant = charge[s]!;
  for (let w = 0; w < nodeCount; w++) {
    if (w === s || w === t) continue;
    const b = charge[w]!;
    if (b > 0) graph.addEdge(w, t, b);
    else if (b < 0) {
      graph.addEdge(s, w, -b);
      constant += b;
    }
  }
  const flow = graph.maxFlow(s, t);
  return { value: flow + constant, sourceSide: graph.reachable(s) };
}
