/**
 * Which replica of a pool takes the next request: round-robin, or the one with the fewest
 * outstanding tokens (prompt tokens still to compute plus output tokens still to emit; ties go
 * to the lowest index, so routing is deterministic).
 */
import type { Replica } from "../engine/replica.js";

export type RouterKind = "round-robin" | "least-outstanding-tokens";

export interface Router {
  pick(pool: readonly Replica[]): Replica;
}

export function createRouter(kind: RouterKind): Router {
  if (kind === "round-robin") {
    let next = 0;
    return { pick: (pool) => pool[next++ % pool.length] as Replica };
  }
  return {
    pick(pool) {
      let best = pool[0] as Replica;
      for (const r of pool) if (r.outstandingTokens < best.outstandingTokens) best = r;
      return best;
    },
  };
}
