/**
 * An exception that is not an InputError is a bug in wattif, never bad input: exit 1 with one
 * line that says so, the stack only with --debug. Forced here by making the cost model throw a
 * RangeError, as a bug deep in the library would.
 */
import { describe, expect, it, vi } from "vitest";
import { runCli } from "./run-cli.js";

vi.mock("../../src/hardware/cost/cost-model.js", () => ({
  costOf: () => {
    throw new RangeError("forced: a bug in the cost model\nsecond line of the message");
  },
}));

const GEMM = ["estimate", "--op", "gemm", "--m", "64", "--n", "64", "--k", "64"];

describe("an internal error", () => {
  it("exits 1 with one line naming it a bug, and no stack", async () => {
    const r = await runCli(GEMM);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^wattif: internal error \(a bug in wattif, please report it\): forced: a bug in the cost model \(run with --debug for the stack\)\n$/,
    );
  });

  it("prints the stack with --debug", async () => {
    const r = await runCli([...GEMM, "--debug"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^wattif: internal error .*forced: a bug in the cost model\n/);
    expect(r.stderr).toContain("RangeError: forced");
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it("bad input is still exit 2 with the field, not an internal error", async () => {
    const r = await runCli([...GEMM, "--freq", "1000"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "wattif: --freq: 1000 MHz is not on h100-sxm's clock grid (345-1980 MHz in 15 MHz steps)\n",
    );
  });
});
