/**
 * Cost-model throughput: evaluations per second of `costAtClock` (one clock, no cap) and of
 * `costOf` (the operating point resolved and, when the work draws more than the cap, a binary
 * search of the clock grid) on one large GEMM and on a llama3-8b decode step (batch 64, context
 * 1024), on the h100-sxm profile: at its default 700 W limit and capped to 400 W.
 */
import { costAtClock } from "../hardware/cost/cost-at-clock.js";
import { costOf } from "../hardware/cost/cost-model.js";
import { loadProfile } from "../hardware/profile/load-profile.js";
import type { OperatingPoint } from "../hardware/operating-point.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { decodeOps, getModel } from "../workload/model/index.js";
import { gemmOp } from "../workload/model/op-builders.js";
import { opsOf, type Work } from "../hardware/op.js";

export interface RateOptions {
  /** Untimed calls first, so the JIT has compiled the path (ms). Default 200. */
  warmupMs?: number;
  /** Length of the timed batch (ms). Default 700. */
  measureMs?: number;
}

export interface Rate {
  callsPerS: number;
  /** Calls in the timed batch. */
  calls: number;
}

/**
 * Calls per second of `fn`: warm up, then time batches of growing size until one lasts
 * `measureMs`, and report that batch. `fn` returns a number that is summed and checked, so the
 * calls cannot be optimized away.
 */
export function callsPerSecond(fn: () => number, opts: RateOptions = {}): Rate {
  const warmupMs = opts.warmupMs ?? 200;
  const measureMs = opts.measureMs ?? 700;
  let sink = 0;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) for (let i = 0; i < 16; i++) sink += fn();
  let calls = 16;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) sink += fn();
    const ms = performance.now() - start;
    if (!Number.isFinite(sink)) throw new Error("benchmarked function returned a non-finite sum");
    if (ms >= measureMs) return { callsPerS: calls / (ms / 1000), calls };
    // Aim just past the target; grow at most 10x per round in case the first batch was noise.
    calls = Math.ceil(calls * Math.min(10, (1.1 * measureMs) / Math.max(ms, 0.01)));
  }
}

export interface CostBenchRow {
  /** What was timed, e.g. `costOf decode`. */
  name: string;
  fn: "costAtClock" | "costOf";
  work: string;
  /** Distinct ops in the work (each priced once per evaluation). */
  ops: number;
  /** For costOf: whether the cap set the clock (then it searched the grid). */
  capBound?: boolean;
  evalsPerS: number;
  usPerEval: number;
}

export interface CostBenchResult {
  profile: string;
  rows: CostBenchRow[];
}

interface Case {
  label: string;
  description: string;
  work: Work;
}

function cases(): Case[] {
  const decode = decodeOps(getModel("llama3-8b"), { contexts: { batch: 64, context: 1024 } });
  return [
    {
      label: "gemm",
      description: "gemm 8192x8192x8192 bf16",
      work: gemmOp("gemm", "bf16", 8192, 8192, 8192),
    },
    { label: "decode", description: "llama3-8b decode b64 c1024", work: decode.ops },
  ];
}

export function benchCost(opts: RateOptions = {}, profile?: HardwareProfile): CostBenchResult {
  const p = profile ?? loadProfile("h100-sxm");
  // A clock in the middle of the grid, where the cap search would land for capped work.
  const grid = p.clocks.smMHz;
  const midMHz = grid[grid.length >> 1] as number;
  const lowCap: OperatingPoint = { powerCapW: 400 };
  const rows: CostBenchRow[] = [];
  for (const c of cases()) {
    const timed: [string, CostBenchRow["fn"], () => number, boolean | undefined][] = [
      [
        `costAtClock ${c.label}`,
        "costAtClock",
        () => costAtClock(p, c.work, midMHz).energyJ,
        undefined,
      ],
      [`costOf ${c.label}`, "costOf", () => costOf(p, c.work).energyJ, costOf(p, c.work).capBound],
      [
        `costOf ${c.label} 400 W`,
        "costOf",
        () => costOf(p, c.work, lowCap).energyJ,
        costOf(p, c.work, lowCap).capBound,
      ],
    ];
    for (const [name, fn, call, capBound] of timed) {
      const rate = callsPerSecond(call, opts);
      rows.push({
        name,
        fn,
        work: c.description,
        ops: opsOf(c.work).length,
        capBound,
        evalsPerS: rate.callsPerS,
        usPerEval: 1e6 / rate.callsPerS,
      });
    }
  }
  return { profile: p.name, rows };
}
