import { describe, expect, it } from "vitest";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import { nodeEnergyJ, nodePowerW } from "../../../src/hardware/power/node-power.js";

const h100 = loadProfile("h100-sxm");

describe("node power", () => {
  it("a full DGX H100 node is the profile's base plus 8 per-GPU shares (4,580 W)", () => {
    const { baseW, perGpuW, gpusPerNode } = h100.node;
    expect(gpusPerNode).toBe(8);
    expect(nodePowerW(h100, 8)).toBeCloseTo(baseW + 8 * perGpuW, 9);
    expect(nodePowerW(h100, 8)).toBeCloseTo(4580, 9);
  });

  it("is linear in GPUs (a job pays its share of a node) and energy is power x time", () => {
    expect(nodePowerW(h100, 1) * 16).toBeCloseTo(nodePowerW(h100, 16), 9);
    expect(nodeEnergyJ(h100, 4, 2.5)).toBeCloseTo(nodePowerW(h100, 4) * 2.5, 9);
    expect(nodePowerW(h100, 0)).toBe(0);
  });
});
