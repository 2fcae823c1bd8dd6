/**
 * Where each GPU of a tp x pp x dp job sits, and so which link each of its collectives uses.
 * Placement rule (stated, not measured): ranks are numbered tp innermost, then pp, then dp,
 * rank = t + tp x (s + pp x d), and filled into nodes of `gpusPerNode` in rank order. So a tp
 * group shares a node when tp divides the node; neighbouring stages share one while tp x pp fits;
 * a stage's dp group (one GPU per pipeline holding the same shard) spans nodes as soon as
 * tp x pp fills a node. (Megatron's default order puts dp before pp; for a group that crosses
 * nodes either way, the slower inter-node link paces the ring the same.) A group whose GPUs
 * all sit in one node talks over the node link (NVLink), otherwise over the cluster link
 * (InfiniBand/Ethernet): a ring is paced by its slowest hop.
 */
export type LinkScope = "node" | "cluster";

export interface Layout {
  tp: number;
  pp: number;
  dp: number;
  gpusPerNode: number;
}

export function rankOf(layout: Layout, t: number, s: number, d: number): number {
  return t + layout.tp * (s + layout.pp * d);
}

function scopeOf(layout: Layout, ranks: readonly number[]): LinkScope {
  const node = Math.floor((ranks[0] as number) / layout.gpusPerNode);
  return ranks.every((r) => Math.floor(r / layout.gpusPerNode) === node) ? "node" : "cluster";
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Worst scope over every copy of a group (all tp ranks, all pipelines, ...). */
function worst(scopes: Iterable<LinkScope>): LinkScope {
  for (const s of scopes) if (s === "cluster") return "cluster";
  return "node";
}

/** Link of the tensor-parallel all-reduces of stage s (worst over pipelines). */
export function tpScope(layout: Layout, s: number): LinkScope {
  return worst(
    range(layout.dp).map((d) =>
      scopeOf(
        layout,
        range(layout.tp).map((t) => rankOf(layout, t, s, d)),
      ),
    ),
  );
}

/** Link of the pipeline send from stage `from` to stage `to` (each tp rank sends to its peer). */
export function sendScope(layout: Layout, from: number, to: number): LinkScope {
  const pairs: LinkScope[] = [];
  for (let d = 0; d < layout.dp; d++) {
    for (let t = 0; t < layout.tp; t++) {
      pairs.push(scopeOf(layout, [rankOf(layout, t, from, d), rankOf(layout, t, to, d)]));
    }
  }
  return worst(pairs);
}

/** Link of stage s's data-parallel gradient collective (its dp GPUs holding one shard). */
export function dpScope(layout: Layout, s: number): LinkScope {
  return worst(
    range(layout.tp).map((t) =>
      scopeOf(
        layout,
        range(layout.dp).map((d) => rankOf(layout, t, s, d)),
      ),
    ),
  );
}

/** Nodes the job fills (the last may be partial). */
export function nodesOf(layout: Layout): number {
  return Math.ceil((layout.tp * layout.pp * layout.dp) / layout.gpusPerNode);
}
