/**
 * Results of a serving run or sweep: points.csv (knobs and every metric, flattened), points.jsonl
 * (one full result object per point), frontier.csv, summary.json, and the terminal table of the
 * frontier with the default setting placed on it.
 */
import { basename } from "node:path";
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";
import type { ServingPointResult, ServingSweep } from "../../optimize/serving/sweep-serving.js";
import type { ServingScenario } from "../load-serving-scenario.js";
import { toCsv } from "../../report/csv.js";
import { toJson } from "../../report/json.js";
import { formatTable, markRow } from "../../report/table.js";

/** A result without its per-second power series (kept in points.jsonl, not in CSV columns). */
function scalarMetrics(r: ServingResult): Omit<ServingResult, "gpuPowerSeriesW"> {
  const { gpuPowerSeriesW: _series, ...rest } = r;
  return rest;
}

const KNOB_COLUMNS = ["freqMHz", "powerCapW", "maxNumSeqs", "tp", "replicas"] as const;

export function pointRow(p: ServingPointResult, onFrontier: boolean, engine: string) {
  return {
    index: p.index,
    engine,
    ...Object.fromEntries(KNOB_COLUMNS.map((k) => [k, p.knobs[k]])),
    onFrontier,
    ...scalarMetrics(p.result),
  };
}

export function servingSummary(s: ServingScenario, sweep: ServingSweep) {
  const brief = (p: ServingPointResult) => ({
    knobs: p.knobs,
    latencyS: p.latencyS,
    energy: p.energy,
    gpus: p.result.gpus,
    avgGpuPowerW: p.result.avgGpuPowerW,
    throughputTokS: p.result.throughputTokS,
    // What moves energy per token in a what-if: idle share, iterations and batch.
    gpuIdleShare: p.result.gpuIdleShare,
    iterations: p.result.iterations,
    avgBatchSequences: p.result.avgBatchSequences,
  });
  const minEnergy = sweep.frontier[sweep.frontier.length - 1];
  return {
    scenario: s.name,
    kind: s.kind,
    hardware: s.profile.name,
    engine: s.engineProfile.name,
    model: s.model.name,
    requests: s.trace.requests.length,
    // Rows out of time order were sorted; too-long prompts were skipped (onTooLong: skip).
    trace: {
      // The file name only: summaries must not depend on where the project sits.
      source: basename(s.trace.source ?? s.trace.name),
      unsortedRows: s.trace.unsortedRows,
      skippedTooLong: s.trace.skippedTooLong,
    },
    frontierMetrics: s.frontier,
    points: sweep.points.length,
    frontierPoints: sweep.frontier.length,
    default: { ...brief(sweep.defaultPoint), result: scalarMetrics(sweep.defaultPoint.result) },
    defaultDominated: sweep.defaultDominated,
    ...(s.slo !== undefined ? { sloCheck: sloCheck(s, sweep.defaultPoint.result) } : {}),
    frontier: sweep.frontier.map(brief),
    ...(minEnergy
      ? {
          minEnergy: brief(minEnergy),
          minEnergySavingPct: 100 * (1 - minEnergy.energy / sweep.defaultPoint.energy),
          minEnergyLatencyChangePct: 100 * (minEnergy.latencyS / sweep.defaultPoint.latencyS - 1),
        }
      : {}),
  };
}

export async function servingFiles(
  s: ServingScenario,
  sweep: ServingSweep,
): Promise<Record<string, string>> {
  const all = [...sweep.points, ...(sweep.points.length === 0 ? [sweep.defaultPoint] : [])];
  const rows = all.map((p, i) => pointRow(p, sweep.onFrontier[i] === true, s.engineProfile.name));
  return {
    "points.csv": await toCsv(rows),
    "points.jsonl":
      all.map((p) =>
        JSON.stringify({ knobs: p.knobs, engine: s.engineProfile.name, ...p.result }),
      ).join("\n") + "\n",
    "frontier.csv": await toCsv(sweep.frontier.map((p) => pointRow(p, true, s.engineProfile.name))),
    "summary.json": toJson(servingSummary(s, sweep)),
  };
}

export function formatServing(s: ServingScenario, sweep: ServingSweep): string {
  const d = sweep.defaultPoint;
  const knob = (p: ServingPointResult) =>
    KNOB_COLUMNS.filter((k) => p.knobs[k] !== undefined)
      .map((k) => `${k}=${p.knobs[k]}`)
      .join(" ") || "default";
  const row = (p: ServingPointResult) => ({
    knobs: knob(p),
    latencyMs: p.latencyS * 1e3,
    energy: p.energy,
    powerW: p.result.avgGpuPowerW,
    tokS: p.result.throughputTokS,
    ttftP90Ms: p.result.ttftS.p90 * 1e3,
    idle: `${(100 * p.result.gpuIdleShare).toFixed(1)}%`,
  });
  const lines = [
    `${s.name}: ${s.model.name} on ${s.profile.displayName} (${s.engineProfile.displayName}), ` +
      `${s.trace.requests.length} requests` +
      ` (${s.cluster.replicas} replica(s) x TP ${s.cluster.tp} = ${d.result.gpus} GPUs)`,
  ];
  const table = (rows: ReturnType<typeof markRow>[]) =>
    formatTable(rows, [
      { key: "knobs", align: "left" },
      { key: "latencyMs", header: s.frontier.latency, unit: "ms", digits: 2 },
      { key: "energy", header: s.frontier.energy, digits: 4 },
      { key: "powerW", header: "GPU power", unit: "W", digits: 0 },
      { key: "tokS", header: "output tok/s", digits: 0 },
      { key: "ttftP90Ms", header: "TTFT p90", unit: "ms", digits: 1 },
      { key: "idle", header: "GPU energy idle", align: "right" },
    ]);
  if (sweep.points.length === 0) {
    lines.push("", table([markRow(row(d), "")]));
  } else {
    lines.push(
      `${sweep.points.length} operating points, ${sweep.frontier.length} on the frontier (*) of ${s.frontier.energy} vs ${s.frontier.latency}`,
      "",
      table(
        [...sweep.frontier.map((p) => markRow(row(p), "*")), markRow(row(d), "default")].sort(
          (a, b) => (a.latencyMs as number) - (b.latencyMs as number),
        ),
      ),
    );
    const min = sweep.frontier[sweep.frontier.length - 1]!;
    lines.push(
      `default: ${(d.latencyS * 1e3).toFixed(2)} ms, ${d.energy.toPrecision(4)}` +
        (sweep.defaultDominated ? " - dominated by a swept point" : " - on or beside the frontier"),
      `lowest energy: ${knob(min)}: ${(100 * (1 - min.energy / d.energy)).toFixed(1)}% less energy, ` +
        `${(100 * (min.latencyS / d.latencyS - 1)).toFixed(1)}% change in ${s.frontier.latency}`,
    );
  }
  const r = d.result;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (s.slo !== undefined) lines.push(sloLine(s, sloCheck(s, r)));
  lines.push(
    `energy at the default (${r.gpus} GPUs): GPU ${r.gpuEnergyJ.toPrecision(4)} J + node ` +
      `${r.nodeEnergyJ.toPrecision(4)} J = ${r.totalEnergyJ.toPrecision(4)} J; idle (gaps between ` +
      `requests) ${pct(r.gpuIdleShare)} of GPU energy; ${r.iterations} iterations of ` +
      `${r.avgBatchSequences.toFixed(1)} sequences on average`,
  );
  return lines.join("\n") + "\n";
}

/** Whether the default point met the scenario's SLO: attainment, and each target against its p90. */
function sloCheck(s: ServingScenario, r: ServingResult) {
  const tpotTargetS = s.slo?.tpotS;
  const ttftTargetS = s.slo?.ttftS;
  const missPct = (p90: number, target: number | undefined) =>
    target === undefined ? 0 : Math.max(0, 100 * (p90 / target - 1));
  return {
    attainment: r.sloAttainment ?? NaN,
    ttftTargetS: ttftTargetS ?? null,
    ttftP90S: r.ttftS.p90,
    tpotTargetS: tpotTargetS ?? null,
    tpotP90S: r.tpotS.p90,
    tpotMissPct: missPct(r.tpotS.p90, tpotTargetS),
    ttftMissPct: missPct(r.ttftS.p90, ttftTargetS),
  };
}

function sloLine(s: ServingScenario, c: ReturnType<typeof sloCheck>): string {
  const parts = [`SLO at the default: ${(100 * c.attainment).toFixed(1)}% of requests met it`];
  if (c.tpotTargetS !== null) {
    parts.push(
      `TPOT p90 ${(c.tpotP90S * 1e3).toFixed(2)} ms vs ${(c.tpotTargetS * 1e3).toFixed(2)} ms` +
        (c.tpotMissPct > 0 ? ` (missed by ${c.tpotMissPct.toFixed(1)}%)` : " (met)"),
    );
  }
  if (c.ttftTargetS !== null) {
    parts.push(
      `TTFT p90 ${c.ttftP90S.toFixed(3)} s vs ${c.ttftTargetS} s` +
        (c.ttftMissPct > 0 ? ` (missed by ${c.ttftMissPct.toFixed(1)}%)` : " (met)"),
    );
  }
  let line = parts.join("; ");
  if (s.policy.kind === "sloDynamic" && c.tpotMissPct > 0) {
    line +=
      `\n  why: the sloDynamic policy holds each interval's mean inter-token gap under its ` +
      `${(s.policy.targetTpotS * 1e3).toFixed(2)} ms target; per-request TPOT spreads around ` +
      `that mean (prefill chunks share iterations with decodes), so its p90 sits above it. ` +
      `Lower the policy's target (or raise its headroom) to put the p90 under the SLO.`;
  }
  return line;
}
