import { describe, expect, it } from "vitest";
import { PruningExplorer } from "../../../src/optimize/zeus/pruning-explorer.js";

/** Drive the explorer: `outcome(b)` says [cost, reached] for each batch size it asks for. */
function drive(p: PruningExplorer, outcome: (b: number) => [number, boolean]): number[] {
  const tried: number[] = [];
  for (let b = p.next(); b !== undefined; b = p.next()) {
    tried.push(b);
    const [cost, reached] = outcome(b);
    p.report(b, cost, reached);
  }
  return tried;
}

describe("Zeus' pruning exploration", () => {
  it("goes down from b0 to the first failure, then up to the first failure, twice", () => {
    const p = new PruningExplorer([8, 16, 32, 64, 128, 256], 64);
    // 8 and 256 fail; cost is least at 32, so round two starts there.
    const cost = (b: number): [number, boolean] => [Math.abs(b - 32) + 1, b !== 8 && b !== 256];
    expect(drive(p, cost)).toEqual([64, 32, 16, 8, 128, 256, 32, 16, 64, 128]);
    expect(p.survivors()).toEqual([16, 32, 64, 128]);
  });

  it("keeps exploring upwards when b0 itself fails", () => {
    const p = new PruningExplorer([16, 32, 64], 32, 1);
    expect(drive(p, (b) => [b, b !== 32])).toEqual([32, 64]);
    expect(p.survivors()).toEqual([64]);
  });

  it("refuses a report for a batch size it did not ask for", () => {
    const p = new PruningExplorer([16, 32], 32);
    expect(() => p.report(16, 1, true)).toThrow(/expected 32/);
  });
});
