/**
 * The layering of src/ (see scripts/import-graph.mjs for the order): every import, value or
 * type-only, points down the layers, and no files import each other in a circle.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import * as graph from "../scripts/import-graph.mjs";

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}
const g = graph as {
  LAYERS: string[];
  importEdges(): Edge[];
  folderGraph(edges: Edge[]): { from: string; to: string }[];
  upwardEdges(folders: { from: string; to: string }[]): { from: string; to: string }[];
  fileCycles(edges: Edge[]): string[][];
};

describe("src/ layering", () => {
  const edges = g.importEdges();

  it("reads the imports (the check is not vacuous)", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from.startsWith("cli/") && e.to.startsWith("scenario/"))).toBe(true);
  });

  it("every top-level folder is in the layer order", () => {
    const folders = new Set(edges.flatMap((e) => [e.from, e.to]).map((p) => p.split("/")[0]));
    for (const f of folders) expect(g.LAYERS, f).toContain(f);
  });

  it("folder imports only point down", () => {
    expect(g.upwardEdges(g.folderGraph(edges))).toEqual([]);
  });

  it("no import cycle between files (value imports)", () => {
    expect(g.fileCycles(edges)).toEqual([]);
  });

  it("finds a cycle and an upward import when there is one", () => {
    const bad: Edge[] = [
      { from: "hardware/a.ts", to: "workload/b.ts", typeOnly: true },
      { from: "workload/b.ts", to: "hardware/a.ts", typeOnly: false },
      { from: "hardware/a.ts", to: "hardware/c.ts", typeOnly: false },
      { from: "hardware/c.ts", to: "hardware/a.ts", typeOnly: false },
    ];
    expect(g.upwardEdges(g.folderGraph(bad))).toEqual([
      expect.objectContaining({ from: "hardware", to: "workload" }),
    ]);
    expect(g.fileCycles(bad)).toEqual([["hardware/a.ts", "hardware/c.ts"]]);
  });
});
