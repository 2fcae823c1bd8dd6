import { describe, expect, it } from "vitest";
import {
  collectiveFactors,
  collectiveTimeS,
  linkOfScope,
  linkTimeS,
} from "../../../src/hardware/cost/link-time.js";
import { loadProfile } from "../../../src/hardware/profile/load-profile.js";
import type { Link } from "../../../src/hardware/profile/profile.js";
import { inputError } from "../../input/input-error-helpers.js";

const link: Link = { name: "test", bandwidthBytesPerS: 50e9, latencyS: 5e-6, scope: "cluster" };

describe("collective times (alpha-beta, ring)", () => {
  it("a ring all-reduce of B bytes over n GPUs takes 2(n-1)/n x B / bandwidth + 2(n-1) latencies", () => {
    for (const [n, bytes] of [
      [2, 1e6],
      [16, 906e6],
      [512, 4e9],
    ] as const) {
      const expected = ((2 * (n - 1)) / n) * (bytes / 50e9) + 2 * (n - 1) * 5e-6;
      expect(collectiveTimeS(link, "allreduce", bytes, n)).toBeCloseTo(expected, 12);
    }
  });

  it("reduce-scatter and all-gather each move (n-1)/n x B: together one all-reduce", () => {
    const n = 16;
    const bytes = 1e9;
    const rs = collectiveTimeS(link, "reduce-scatter", bytes, n);
    const ag = collectiveTimeS(link, "all-gather", bytes, n);
    expect(rs).toBeCloseTo(((n - 1) / n) * (bytes / 50e9) + (n - 1) * 5e-6, 12);
    expect(ag).toBeCloseTo(rs, 15);
    expect(rs + ag).toBeCloseTo(collectiveTimeS(link, "allreduce", bytes, n), 12);
  });

  it("a send moves the message once with one latency; a group of one moves nothing", () => {
    expect(collectiveTimeS(link, "send", 1e9, 2)).toBeCloseTo(1e9 / 50e9 + 5e-6, 12);
    expect(collectiveTimeS(link, "allreduce", 1e9, 1)).toBe(0);
    expect(collectiveFactors("allreduce", 8)).toEqual({ bytesFactor: 1.75, latencySteps: 14 });
  });

  it("linkTimeS prices a model's all-reduce op with the same formula on the node link", () => {
    const h100 = loadProfile("h100-sxm");
    const nvlink = h100.interconnect.find((l) => l.scope === "node")!;
    const op = {
      name: "ar",
      kind: "allreduce" as const,
      dtype: "bf16" as const,
      flops: 0,
      bytes: 0,
      linkBytes: 1e8,
      groupSize: 4,
    };
    expect(linkTimeS(h100, op)).toBeCloseTo(collectiveTimeS(nvlink, "allreduce", 1e8, 4), 15);
  });

  it("a profile without the link a collective needs is bad input naming it", () => {
    const h100 = loadProfile("h100-sxm");
    const nodeOnly = { ...h100, interconnect: h100.interconnect.filter((l) => l.scope === "node") };
    expect(inputError(() => linkOfScope(nodeOnly, "cluster")).message).toMatch(
      /interconnect: profile 'h100-sxm' has no inter-node \(scope: cluster\) link/,
    );
    expect(linkOfScope(h100, "cluster").name).toBe("ib-ndr");
  });
});
