/**
 * The warm-started max-flow against a from-scratch solve (FlowGraph) on random DAGs whose
 * capacities change between solves, as the planner's do: capacities cut below the flow, edges
 * switched off and on, unbounded edges. After every change both give the same flow value and
 * the same source side of the minimum cut (the minimal one, unique for a maximum flow).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlowGraph } from "../../../src/optimize/graph/max-flow.js";
import { IncrementalMaxFlow } from "../../../src/optimize/graph/incremental-max-flow.js";

interface Instance {
  nodes: number;
  edges: [number, number][];
  /** Capacities of every edge, per round. */
  rounds: number[][];
}

/** Node 0 is the source, node n-1 the sink; edges go from lower to higher index (a DAG). */
const instance = fc.integer({ min: 3, max: 14 }).chain((nodes) =>
  fc
    .uniqueArray(
      fc
        .tuple(fc.integer({ min: 0, max: nodes - 1 }), fc.integer({ min: 0, max: nodes - 1 }))
        .filter(([a, b]) => a < b)
        .map(([a, b]) => [a, b] as [number, number]),
      { minLength: 2, maxLength: 40, selector: ([a, b]) => `${a}-${b}` },
    )
    .chain((edges) => {
      const capacity = fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 6, arbitrary: fc.double({ min: 0.01, max: 10, noNaN: true }) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
        { weight: 1, arbitrary: fc.constant(Infinity) },
      );
      return fc
        .array(fc.array(capacity, { minLength: edges.length, maxLength: edges.length }), {
          minLength: 1,
          maxLength: 8,
        })
        .map((rounds): Instance => ({ nodes, edges, rounds }));
    }),
);

function fromScratch(x: Instance, caps: readonly number[]) {
  const g = new FlowGraph();
  g.reset(x.nodes);
  x.edges.forEach(([a, b], k) => g.addEdge(a, b, caps[k]!));
  const value = g.maxFlow(0, x.nodes - 1);
  return { value, side: g.reachable(0) };
}

describe("incremental max-flow", () => {
  it("equals a from-scratch max-flow after every round of capacity changes", () => {
    fc.assert(
      fc.property(instance, (x) => {
        const flow = new IncrementalMaxFlow(
          x.nodes,
          Int32Array.from(x.edges, (e) => e[0]),
          Int32Array.from(x.edges, (e) => e[1]),
        );
        for (const caps of x.rounds) {
          caps.forEach((c, k) => flow.setCapacity(k, c));
          const side = flow.solve(0, x.nodes - 1);
          const want = fromScratch(x, caps);
          if (want.value === Infinity) {
            expect(side).toBeUndefined();
            return;
          }
          expect(side).toBeDefined();
          let value = 0;
          x.edges.forEach(([a], k) => {
            if (a === 0) value += flow.flowOf(k);
          });
          expect(value).toBeCloseTo(want.value, 6);
          expect([...side!]).toEqual([...want.side]);
          // A feasible flow: within capacity, conserved at every inner node.
          const net = new Float64Array(x.nodes);
          x.edges.forEach(([a, b], k) => {
            const f = flow.flowOf(k);
            expect(f).toBeGreaterThanOrEqual(-1e-12);
            expect(f).toBeLessThanOrEqual(caps[k]! + 1e-9);
            net[a]! -= f;
            net[b]! += f;
          });
          for (let v = 1; v < x.nodes - 1; v++) expect(Math.abs(net[v]!)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("solves a long chain without deep recursion", () => {
    const n = 200_000;
    const from = Int32Array.from({ length: n - 1 }, (_, k) => k);
    const to = Int32Array.from({ length: n - 1 }, (_, k) => k + 1);
    const flow = new IncrementalMaxFlow(n, from, to);
    for (let k = 0; k < n - 1; k++) flow.setCapacity(k, k === 5000 ? 2 : 3);
    expect(
      flow
        .solve(0, n - 1)!
        .slice(0, 5002)
        .reduce((a, b) => a + b, 0),
    ).toBe(5001);
    expect(flow.flowOf(0)).toBe(2);
    flow.setCapacity(5000, 1);
    flow.solve(0, n - 1);
    expect(flow.flowOf(n - 2)).toBe(1);
  });
});
