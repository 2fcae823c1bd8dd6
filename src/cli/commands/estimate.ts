/** `wattif estimate`: price one model step or one kernel on a device at an operating point. */
import { checkPoint } from "../../hardware/operating-point.js";
import { badValue, InputError } from "../../input/input-error.js";
import type { Argv } from "yargs";
import { loadProfile } from "../../hardware/profile/load-profile.js";
import { estimate } from "../../optimize/estimate.js";
import { loadEngineProfile } from "../../replay/serving/engine-profile/load-engine-profile.js";
import { DEFAULT_ENGINE_PROFILE } from "../../replay/serving/engine/engine-options.js";
import { toJson } from "../../report/json.js";
import { resolveModel } from "../../workload/model/resolve-model.js";
import type { Dtype } from "../../hardware/op.js";
import type { DecodeEngine, WorkSpec } from "../../workload/work-spec.js";
import { runCommand } from "../exit-codes.js";
import { printKeyValues, printResult } from "../print.js";
import { checkFlagLimits } from "../flag-limits.js";

interface EstimateArgs {
  hardware: string;
  model?: string;
  phase?: "prefill" | "decode" | "train";
  op?: "gemm" | "copy" | "elementwise" | "attention";
  batch?: number;
  seq?: number;
  context?: number;
  layers?: number;
  m?: number;
  n?: number;
  k?: number;
  bytes?: number;
  elements?: number;
  flopsPerElement?: number;
  heads?: number;
  headDim?: number;
  causal?: boolean;
  dtype?: Dtype;
  tp?: number;
  engine?: string;
  freq?: number;
  powerCap?: number;
  json?: boolean;
}

export function estimateCommand(y: Argv) {
  return y.command<EstimateArgs>(
    "estimate",
    "time, energy and power of one model step or kernel on a device",
    (a) =>
      a
        .option("hardware", {
          type: "string",
          default: "h100-sxm",
          describe: "profile name or YAML path",
        })
        .option("model", {
          type: "string",
          describe:
            "built-in model (llama3-8b, llama3-70b, gpt3-175b, bloom-176b), a shipped config " +
            "'hf:<org>/<name>' (models/hf/) or a config.json path",
        })
        .option("phase", { choices: ["prefill", "decode", "train"] as const })
        .option("op", { choices: ["gemm", "copy", "elementwise", "attention"] as const })
        .option("batch", { type: "number" })
        .option("seq", {
          type: "number",
          describe: "tokens per sequence (prefill, train, attention)",
        })
        .option("context", { type: "number", describe: "context length of each sequence (decode)" })
        .option("layers", {
          type: "number",
          describe: "first n layers only (no embedding or LM head)",
        })
        .option("m", { type: "number" })
        .option("n", { type: "number" })
        .option("k", { type: "number" })
        .option("bytes", { type: "number", describe: "bytes read plus written (copy)" })
        .option("elements", { type: "number" })
        .option("flops-per-element", { type: "number" })
        .option("heads", { type: "number" })
        .option("head-dim", { type: "number" })
        .option("causal", {
          type: "boolean",
          describe: "causal attention (the default, as in scenarios); --no-causal for full",
        })
        .option("dtype", { choices: ["fp8", "bf16", "fp16", "tf32", "fp32"] as const })
        .option("tp", { type: "number", describe: "tensor-parallel GPUs" })
        .option("engine", {
          type: "string",
          describe: `decode attention as this serving engine runs it (an engine profile name or file), or 'ideal' for the roofline kernel (default ${DEFAULT_ENGINE_PROFILE})`,
        })
        .option("freq", { type: "number", describe: "lock the SM clock (MHz)" })
        .option("power-cap", { type: "number", describe: "power cap (W)" })
        .option("json", { type: "boolean", describe: "print one JSON object" })
        .conflicts("model", "op")
        .check((argv) => {
          if (argv.model === undefined && argv.op === undefined) {
            throw new Error("give --model with --phase, or --op");
          }
          if (argv.model !== undefined && argv.phase === undefined) {
            throw new Error("--model needs --phase (prefill, decode or train)");
          }
          return true;
        }),
    (argv) =>
      runCommand(() => {
        checkFlagLimits(argv);
        const profile = loadProfile(argv.hardware);
        const point = { lockedMHz: argv.freq, powerCapW: argv.powerCap };
        checkPoint(profile, point, { lockedMHz: "--freq", powerCapW: "--power-cap" });
        const result = estimate(profile, workSpecOf(argv), point);
        if (argv.json) {
          printResult(toJson(result));
          return;
        }
        printKeyValues([
          ["hardware", result.hardware],
          ["workload", result.workload],
          ["GPUs", result.gpus],
          ["time", `${fmt(result.timeS * 1e3)} ms`],
          ["GPU energy", `${fmt(result.gpuEnergyJ)} J`],
          ["GPU power", `${fmt(result.avgGpuPowerW)} W`],
          ["node energy", `${fmt(result.nodeEnergyJ)} J (the GPUs' share of their node)`],
          ["total energy", `${fmt(result.totalEnergyJ)} J`],
          ["SM clock", `${result.freqMHz} MHz${result.capBound ? " (power-capped)" : ""}`],
          ["throughput", `${fmt(result.achievedTflops)} TFLOP/s`],
          ...(result.capUnreachable
            ? [
                [
                  "power cap",
                  `unreachable: ${argv.powerCap ?? profile.powerLimit?.defaultW} W is below what this ` +
                    `work draws at the lowest clock (${fmt(result.perGpu.avgPowerW)} W per GPU); it runs there, over the cap`,
                ] as [string, string],
              ]
            : []),
        ]);
      }),
  );
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

function required(argv: EstimateArgs, field: keyof EstimateArgs, flag: string): number {
  const v = argv[field];
  if (v === undefined) throw badValue(`--${flag}`, "missing");
  if (Array.isArray(v)) throw badValue(`--${flag}`, "given more than once");
  if (typeof v !== "number" || Number.isNaN(v)) throw badValue(`--${flag}`, "must be a number");
  return v;
}

function workSpecOf(argv: EstimateArgs): WorkSpec {
  const tp = argv.tp;
  if (argv.model !== undefined) {
    try {
      resolveModel(argv.model);
    } catch (e) {
      // A problem inside a config file keeps its own file:line:col; a bad name is --model's.
      if (!(e instanceof InputError) || e.file !== undefined) throw e;
      throw badValue("--model", e.detail);
    }
    const base = {
      model: argv.model,
      batch: required(argv, "batch", "batch"),
      layers: argv.layers,
      tp,
    };
    if (argv.phase === "decode") {
      const context = required(argv, "context", "context");
      return { ...base, phase: "decode", context, engine: decodeEngine(argv.engine) };
    }
    if (argv.engine !== undefined) throw badValue("--engine", "applies to --phase decode only");
    return { ...base, phase: argv.phase ?? "prefill", seq: required(argv, "seq", "seq") };
  }
  switch (argv.op) {
    case "gemm":
      return {
        op: "gemm",
        m: required(argv, "m", "m"),
        n: required(argv, "n", "n"),
        k: required(argv, "k", "k"),
        dtype: argv.dtype,
        tp,
      };
    case "copy":
      return { op: "copy", bytes: required(argv, "bytes", "bytes"), tp };
    case "elementwise":
      return {
        op: "elementwise",
        elements: required(argv, "elements", "elements"),
        flopsPerElement: required(argv, "flopsPerElement", "flops-per-element"),
        dtype: argv.dtype,
        tp,
      };
    default:
      return {
        op: "attention",
        batch: required(argv, "batch", "batch"),
        heads: required(argv, "heads", "heads"),
        seq: required(argv, "seq", "seq"),
        headDim: required(argv, "headDim", "head-dim"),
        causal: argv.causal,
        dtype: argv.dtype,
        tp,
      };
  }
}

/** The engine whose decode attention kernel prices a decode step; undefined for 'ideal'. */
function decodeEngine(name: string | undefined): DecodeEngine | undefined {
  if (name === "ideal") return undefined;
  try {
    const profile = loadEngineProfile(name ?? DEFAULT_ENGINE_PROFILE);
    return { name: profile.name, decodeKernel: profile.decodeAttention };
  } catch (e) {
    if (e instanceof InputError && e.file === undefined) throw badValue("--engine", e.detail);
    throw e;
  }
}
