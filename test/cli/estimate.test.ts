/** `wattif estimate`: the contract commands, the knobs, and the human-readable table. */
import { describe, expect, it } from "vitest";
import { IterationCostModel } from "../../src/replay/serving/cost/iteration-cost.js";
import { loadEngineProfile } from "../../src/replay/serving/engine-profile/load-engine-profile.js";
import { loadProfile } from "../../src/hardware/profile/load-profile.js";
import { getModel } from "../../src/workload/model/builtin-models.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { badInput, ok, tempDir } from "./helpers.js";

interface EstimateJson {
  hardware: string;
  workload: string;
  gpus: number;
  timeS: number;
  gpuEnergyJ: number;
  avgGpuPowerW: number;
  nodeEnergyJ: number;
  avgNodePowerW: number;
  totalEnergyJ: number;
  avgTotalPowerW: number;
  freqMHz: number;
  capBound: boolean;
  capUnreachable: boolean;
  perGpu: { energyJ: number; avgPowerW: number };
}

const H100 = ["estimate", "--hardware", "h100-sxm"];
const PREFILL = [...H100, "--model", "llama3-8b", "--phase", "prefill", "--batch", "1"];
const PREFILL_2048 = [...PREFILL, "--seq", "2048"];
const GEMM_8192 = [...H100, "--op", "gemm", "--m", "8192", "--n", "8192", "--k", "8192"];
const COPY_8G = [...H100, "--op", "copy", "--bytes", "8589934592"];

/** The seven commands the estimate contract promises. */
const CONTRACT: Record<string, string[]> = {
  prefill: PREFILL_2048,
  decode: [
    ...H100,
    ...["--model", "llama3-8b", "--phase", "decode", "--batch", "64", "--context", "1024"],
  ],
  train: [
    ...H100,
    ...["--model", "llama3-8b", "--phase", "train", "--layers", "4", "--batch", "1"],
    ...["--seq", "4096"],
  ],
  gemm: [...GEMM_8192, "--dtype", "bf16"],
  copy: COPY_8G,
  elementwise: [
    ...H100,
    ...["--op", "elementwise", "--elements", "268435456", "--flops-per-element", "8"],
    ...["--dtype", "bf16"],
  ],
  attention: [
    ...H100,
    ...["--op", "attention", "--batch", "8", "--heads", "32", "--seq", "2048"],
    ...["--head-dim", "128", "--causal"],
  ],
};

async function estimateJson(args: readonly string[]): Promise<EstimateJson> {
  const stdout = await ok([...args, "--json"]);
  // One JSON object and nothing else on stdout.
  const value = JSON.parse(stdout) as unknown;
  expect(value).toBeTypeOf("object");
  expect(Array.isArray(value)).toBe(false);
  return value as EstimateJson;
}

function expectConsistent(r: EstimateJson): void {
  for (const key of ["timeS", "gpuEnergyJ", "avgGpuPowerW", "nodeEnergyJ", "freqMHz"] as const) {
    expect(r[key], key).toBeTypeOf("number");
    expect(Number.isFinite(r[key]), key).toBe(true);
    expect(r[key], key).toBeGreaterThan(0);
  }
  expect(r.capBound).toBeTypeOf("boolean");
  expect(Math.abs(r.gpuEnergyJ - r.timeS * r.avgGpuPowerW)).toBeLessThanOrEqual(
    1e-9 * r.gpuEnergyJ,
  );
  // Scope identities: total = GPU + node, in energy and in power.
  expect(Math.abs(r.totalEnergyJ - r.gpuEnergyJ - r.nodeEnergyJ)).toBeLessThanOrEqual(
    1e-9 * r.totalEnergyJ,
  );
  expect(Math.abs(r.avgTotalPowerW - r.avgGpuPowerW - r.avgNodePowerW)).toBeLessThanOrEqual(
    1e-9 * r.avgTotalPowerW,
  );
}

describe.concurrent("wattif estimate (contract)", () => {
  it.each(Object.entries(CONTRACT))("%s prints one consistent JSON object", async (_name, args) => {
    const r = await estimateJson(args);
    expectConsistent(r);
    expect(r.hardware).toBe("h100-sxm");
    expect(r.gpus).toBe(1);
    // The H100 grid is 345..1980 MHz; the chosen clock is on it.
    expect(r.freqMHz).toBeGreaterThanOrEqual(345);
    expect(r.freqMHz).toBeLessThanOrEqual(1980);
    expect((r.freqMHz - 345) % 15).toBe(0);
  });

  it("runs the big GEMM power-capped at the default 700 W limit", async () => {
    const r = await estimateJson(CONTRACT.gemm ?? []);
    expect(r.capBound).toBe(true);
    expect(r.freqMHz).toBeLessThan(1980);
    expect(r.avgGpuPowerW).toBeLessThanOrEqual(700 + 1e-6);
  });

  it("--tp 2 doubles the GPUs and reports the energy of both", async () => {
    const [one, two] = await Promise.all([
      estimateJson(PREFILL_2048),
      estimateJson([...PREFILL_2048, "--tp", "2"]),
    ]);
    expectConsistent(two);
    expect(two.gpus).toBe(2 * one.gpus);
    expect(two.gpuEnergyJ).toBeCloseTo(2 * two.perGpu.energyJ, 9);
    expect(two.avgGpuPowerW).toBeCloseTo(2 * two.perGpu.avgPowerW, 9);
    // The node is charged per GPU held: h100-sxm's 1,500 W base over 8 GPUs plus 50 W per GPU.
    const h100 = loadProfile("h100-sxm").node;
    expect(two.avgNodePowerW).toBeCloseTo(2 * (h100.baseW / h100.gpusPerNode + h100.perGpuW), 9);
    expect(two.avgNodePowerW).toBeCloseTo(2 * one.avgNodePowerW, 9);
    // Each GPU does about half the work, so the step is faster.
    expect(two.timeS).toBeLessThan(one.timeS);
  });

  it("--freq 1200 locks the clock", async () => {
    const r = await estimateJson([...COPY_8G, "--freq", "1200"]);
    expectConsistent(r);
    expect(r.freqMHz).toBe(1200);
  });

  it("--power-cap 400 throttles the big GEMM under 400 W", async () => {
    const [free, capped] = await Promise.all([
      estimateJson(GEMM_8192),
      estimateJson([...GEMM_8192, "--power-cap", "400"]),
    ]);
    expectConsistent(capped);
    expect(capped.avgGpuPowerW).toBeLessThanOrEqual(400);
    expect(capped.capBound).toBe(true);
    expect(capped.freqMHz).toBeLessThan(free.freqMHz);
    expect(capped.timeS).toBeGreaterThan(free.timeS);
    expect(capped.capUnreachable).toBe(false);
  });

  it("--power-cap 200 is below what the big GEMM draws at 345 MHz: reported, with the power drawn", async () => {
    const capped = await estimateJson([...GEMM_8192, "--power-cap", "200"]);
    expectConsistent(capped);
    expect(capped.freqMHz).toBe(345);
    expect(capped.capBound).toBe(true);
    expect(capped.capUnreachable).toBe(true);
    expect(capped.avgGpuPowerW).toBeGreaterThan(200);
    const table = await ok([...GEMM_8192, "--power-cap", "200"]);
    expect(table).toMatch(/^power cap\s+unreachable: 200 W is below what this work draws/m);
    expect(table).toContain(
      `at the lowest clock (${Number(capped.perGpu.avgPowerW.toPrecision(4))} W per GPU)`,
    );
  });
});

describe("wattif estimate (table)", () => {
  it("prints a readable table without --json", async () => {
    const out = await ok(PREFILL_2048);
    expect(out).toMatch(/^GPU energy\s+[\d.]+ J$/m);
    expect(out).toMatch(/^node energy\s+[\d.]+ J \(the GPUs' share of their node\)$/m);
    expect(out).toMatch(/^total energy\s+[\d.]+ J$/m);
    expect(out).toMatch(/^time\s+[\d.]+ ms$/m);
    expect(out).toMatch(/^SM clock\s+\d+ MHz \(power-capped\)$/m);
    expect(() => JSON.parse(out) as unknown).toThrow();
  });
});

describe("wattif estimate --phase decode (engine kernel)", () => {
  const DECODE = CONTRACT.decode!;

  it("prices decode attention on the vllm-0.11 kernel by default, as the serving replay does", async () => {
    const r = await estimateJson([...DECODE, "--freq", "1500"]);
    expect(r.workload).toContain("(vllm-0.11 attention)");
    // The serving engine's cost of the same pure-decode iteration (64 x 1,024 tokens) at 1500 MHz.
    const h100 = loadProfile("h100-sxm");
    const kernel = loadEngineProfile("vllm-0.11").decodeAttention;
    const model = new IterationCostModel(h100, getModel("llama3-8b"), 1, 64, 64, kernel);
    const mix = model.mixOfParts([], new Array<number>(64).fill(1024));
    const served = model.costAt(mix, model.clockIndex(1500));
    expect(Math.abs(r.timeS / served.timeS - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.gpuEnergyJ / served.energyJ - 1)).toBeLessThan(1e-9);
  });

  it("--engine ideal reads the cache at the full streaming bandwidth: faster than the engine's kernel", async () => {
    const engine = await estimateJson([...DECODE, "--freq", "1500"]);
    const ideal = await estimateJson([...DECODE, "--freq", "1500", "--engine", "ideal"]);
    expect(ideal.workload).not.toContain("attention)");
    expect(ideal.timeS).toBeLessThan(engine.timeS);
  });

  it("an unknown engine, or an engine on a prefill, is bad input naming --engine", async () => {
    expect(await badInput([...DECODE, "--engine", "nope"])).toMatch(/--engine: .*nope/);
    expect(await badInput([...PREFILL_2048, "--engine", "vllm-0.11"])).toMatch(
      /--engine: applies to --phase decode only/,
    );
  });
});

describe("wattif estimate --model with a Hugging Face config", () => {
  it("prices a shipped config, and names the field and file of a bad one (exit 2)", async () => {
    const out = JSON.parse(
      await ok([
        ...H100,
        "--model",
        "hf:Qwen/Qwen3-30B-A3B",
        "--phase",
        "decode",
        "--batch",
        "8",
        "--context",
        "512",
        "--json",
      ]),
    ) as EstimateJson;
    expect(out.timeS).toBeGreaterThan(0);
    expect(out.workload).toMatch(/Qwen3-30B-A3B decode b8 c512/);
    const dir = tempDir();
    writeFileSync(
      join(dir, "config.json"),
      '{\n  "model_type": "llama",\n  "hidden_size": 64\n}\n',
    );
    const err = await badInput([
      ...H100,
      "--model",
      join(dir, "config.json"),
      "--phase",
      "prefill",
      "--batch",
      "1",
      "--seq",
      "8",
    ]);
    expect(err).toMatch(/config\.json:1:1: num_hidden_layers: must have required property/);
  });
});
