import { describe, expect, it } from "vitest";
import {
  dpScope,
  nodesOf,
  rankOf,
  sendScope,
  tpScope,
} from "../../../src/workload/training/placement.js";

describe("placement: tp innermost, then pp, then dp, filled into nodes", () => {
  const mlperf = { tp: 4, pp: 8, dp: 16, gpusPerNode: 8 };

  it("numbers ranks t + tp x (s + pp x d)", () => {
    expect(rankOf(mlperf, 3, 7, 15)).toBe(511);
    expect(nodesOf(mlperf)).toBe(64);
  });

  it("MLPerf GPT-3: tp in a node, stages paired per node, dp across nodes", () => {
    for (let s = 0; s < 8; s++) expect(tpScope(mlperf, s)).toBe("node");
    // Stages 0-1 share node 0, 2-3 node 1, ...: even -> odd sends stay inside.
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => sendScope(mlperf, s, s + 1))).toEqual([
      "node",
      "cluster",
      "node",
      "cluster",
      "node",
      "cluster",
      "node",
    ]);
    for (let s = 0; s < 8; s++) expect(dpScope(mlperf, s)).toBe("cluster");
  });

  it("a job that fits one node talks over the node link only", () => {
    const small = { tp: 2, pp: 2, dp: 2, gpusPerNode: 8 };
    expect([tpScope(small, 0), sendScope(small, 0, 1), dpScope(small, 1)]).toEqual([
      "node",
      "node",
      "node",
    ]);
  });

  it("a tp group larger than a node crosses nodes", () => {
    expect(tpScope({ tp: 16, pp: 1, dp: 1, gpusPerNode: 8 }, 0)).toBe("cluster");
  });
});
