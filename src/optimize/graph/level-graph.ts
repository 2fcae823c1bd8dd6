/**
 * Dinic's level graph, shared by the from-scratch and the warm-started max-flow: breadth-first
 * distances from s over edges with residual capacity, in a CSR adjacency (`start`/`adj` index the
 * edges leaving each node, `to` their heads). Fills `level` (-1: unreached) and returns whether t
 * was reached.
 */

/** Capacities at or below this are treated as saturated (float noise of repeated pushes). */
export const FLOW_EPS = 1e-9;

export interface CsrGraph {
  start: Int32Array;
  adj: Int32Array;
  to: Int32Array;
}

export function buildLevels(
  g: CsrGraph,
  residual: Float64Array,
  nodeCount: number,
  s: number,
  t: number,
  level: Int32Array,
  queue: Int32Array,
): boolean {
  const { start, adj, to } = g;
  level.fill(-1, 0, nodeCount);
  level[s] = 0;
  queue[0] = s;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const u = queue[head++]!;
    // Nodes at t's level or deeper cannot lie on a shortest augmenting path.
    if (level[t]! >= 0 && level[u]! >= level[t]!) break;
    for (let k = start[u]!; k < start[u + 1]!; k++) {
      const e = adj[k]!;
      const v = to[e]!;
      if (level[v]! < 0 && residual[e]! > FLOW_EPS) {
        level[v] = level[u]! + 1;
        queue[tail++] = v;
      }
    }
  }
  return level[t]! >= 0;
}
