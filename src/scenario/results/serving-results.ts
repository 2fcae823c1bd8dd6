/**
 * Results of a serving run or sweep: points.csv (knobs and every metric, flattened), points.jsonl
 * (one full result object per point, less its latency CDFs), latency-cdf.csv (each setting's
 * latency quantiles on the fixed grid), frontier.csv, summary.json, and the terminal table of the
 * frontier with the default setting placed on it. With an SLO, points that break it are marked
 * (`meetsSlo`) and kept out of the frontier and of "lowest energy"; the frontier of all points
 * is kept beside it (`frontier.all.csv`, `frontierAll`, `minEnergyAll`).
 */
import { basename } from "node:path";
import type { ServingResult } from "../../replay/serving/metrics/metrics.js";
import type { ServingPointResult, ServingSweep } from "../../optimize/serving/sweep-serving.js";
import type { ServingScenario } from "../load-serving-scenario.js";
import { csvColumns, toCsv } from "../../report/csv.js";
import { toJson, toJsonLine } from "../../report/json.js";
import { formatTable, markRow } from "../../report/table.js";
import { baseUnitOf, formatMetric, formatQuantity } from "../../report/quantity.js";
import { withMissingAsNull } from "./missing-metrics.js";
import { meetsSlo, servingSloView } from "./serving-slo.js";
import { CDF_PROBABILITIES } from "../../replay/serving/metrics/latency-quantiles.js";
import { knobLabel } from "./serving-plots.js";

/**
 * A result without its latency CDFs (in latency-cdf.csv): what points.jsonl and --json hold,
 * with summaries without samples as nulls (missing-metrics.ts).
 */
export function resultObject(r: ServingResult) {
  const { latencyQuantilesS: _cdf, ...rest } = r;
  return withMissingAsNull(rest);
}

/** A result without its per-second power series and CDFs (kept out of CSV columns). */
function scalarMetrics(r: ServingResult) {
  const { gpuPowerSeriesW: _series, ...rest } = resultObject(r);
  return rest;
}

const KNOB_COLUMNS = ["freqMHz", "powerCapW", "maxNumSeqs", "tp", "replicas"] as const;

export function pointRow(
  p: ServingPointResult,
  flags: { onFrontier: boolean; onFrontierAll: boolean; meetsSlo: boolean },
  engine: string,
) {
  return {
    index: p.index,
    engine,
    ...Object.fromEntries(KNOB_COLUMNS.map((k) => [k, p.knobs[k]])),
    ...flags,
    ...scalarMetrics(p.result),
  };
}

export function servingSummary(s: ServingScenario, sweep: ServingSweep) {
  const view = servingSloView(s.slo, sweep);
  const brief = (p: ServingPointResult) => ({
    knobs: p.knobs,
    meetsSlo: meetsSlo(s.slo, p.result),
    latencyS: p.latencyS,
    energy: p.energy,
    gpus: p.result.gpus,
    avgGpuPowerW: p.result.avgGpuPowerW,
    throughputTokS: p.result.throughputTokS,
    // What moves energy per token in a what-if: idle share, iterations and batch.
    gpuIdleShare: p.result.gpuIdleShare,
    iterations: p.result.iterations,
    avgBatchSequences: p.result.avgBatchSequences,
    capBoundTimeShare: p.result.capBoundTimeShare,
  });
  const minEnergy = view.frontier[view.frontier.length - 1];
  const minEnergyAll = view.frontierAll[view.frontierAll.length - 1];
  const saving = (p: ServingPointResult) => ({
    savingPct: 100 * (1 - p.energy / sweep.defaultPoint.energy),
    latencyChangePct: 100 * (p.latencyS / sweep.defaultPoint.latencyS - 1),
  });
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
    // The frontier and minEnergy hold SLO-meeting points only; *All ignore the SLO.
    slo: s.slo ?? null,
    pointsMeetingSlo: view.meetsSlo.filter(Boolean).length,
    frontierPoints: view.frontier.length,
    default: { ...brief(sweep.defaultPoint), result: scalarMetrics(sweep.defaultPoint.result) },
    defaultDominated: view.defaultDominated,
    ...(s.slo !== undefined ? { sloCheck: sloCheck(s, sweep.defaultPoint.result) } : {}),
    frontier: view.frontier.map(brief),
    ...(minEnergy
      ? {
          minEnergy: brief(minEnergy),
          minEnergySavingPct: saving(minEnergy).savingPct,
          minEnergyLatencyChangePct: saving(minEnergy).latencyChangePct,
        }
      : {}),
    ...(view.filtered
      ? {
          frontierAll: view.frontierAll.map(brief),
          ...(minEnergyAll
            ? {
                minEnergyAll: brief(minEnergyAll),
                minEnergyAllSavingPct: saving(minEnergyAll).savingPct,
                minEnergyAllLatencyChangePct: saving(minEnergyAll).latencyChangePct,
              }
            : {}),
        }
      : {}),
  };
}

export async function servingFiles(
  s: ServingScenario,
  sweep: ServingSweep,
): Promise<Record<string, string>> {
  const view = servingSloView(s.slo, sweep);
  const all = [...sweep.points, ...(sweep.points.length === 0 ? [sweep.defaultPoint] : [])];
  const engine = s.engineProfile.name;
  const rows = all.map((p, i) =>
    pointRow(
      p,
      {
        onFrontier: view.onFrontier[i] === true,
        onFrontierAll: view.onFrontierAll[i] === true,
        meetsSlo: meetsSlo(s.slo, p.result),
      },
      engine,
    ),
  );
  const frontierRows = (points: readonly ServingPointResult[]) =>
    toCsv(
      points.map((p) =>
        pointRow(
          p,
          {
            onFrontier: view.frontier.includes(p),
            onFrontierAll: view.frontierAll.includes(p),
            meetsSlo: meetsSlo(s.slo, p.result),
          },
          engine,
        ),
      ),
      // The points' columns, so an empty frontier (no point meets the SLO) still has a header.
      csvColumns(rows),
    );
  return {
    "points.csv": await toCsv(rows),
    "points.jsonl":
      all
        .map((p) =>
          toJsonLine(
            { knobs: p.knobs, engine: s.engineProfile.name, ...resultObject(p.result) },
            "points.jsonl",
          ),
        )
        .join(""),
    "latency-cdf.csv": await latencyCdfCsv(sweep),
    "frontier.csv": await frontierRows(view.frontier),
    ...(view.filtered ? { "frontier.all.csv": await frontierRows(view.frontierAll) } : {}),
    "summary.json": toJson(servingSummary(s, sweep)),
  };
}

/**
 * latency-cdf.csv: each setting's latency quantiles at the fixed grid of probabilities (see
 * latency-quantiles.ts), one row per (setting, probability): the default first (index -1), then
 * every swept point in order (`index` as in points.csv). Times in seconds.
 */
async function latencyCdfCsv(sweep: ServingSweep): Promise<string> {
  // A latency without samples (no TPOT when every output is one token) has no quantiles: empty.
  const missing = (x: number | undefined) => (x !== undefined && Number.isNaN(x) ? null : x);
  const settings = [sweep.defaultPoint, ...sweep.points];
  const rows = settings.flatMap((p) => {
    const q = p.result.latencyQuantilesS;
    return CDF_PROBABILITIES.map((probability, i) => ({
      index: p.index,
      setting: knobLabel(p),
      probability,
      ttftS: missing(q.ttftS[i]),
      tpotS: missing(q.tpotS[i]),
      itlS: missing(q.itlS[i]),
      e2eS: missing(q.e2eS[i]),
    }));
  });
  return toCsv(rows, ["index", "setting", "probability", "ttftS", "tpotS", "itlS", "e2eS"]);
}

export function formatServing(s: ServingScenario, sweep: ServingSweep): string {
  const d = sweep.defaultPoint;
  const view = servingSloView(s.slo, sweep);
  const knob = (p: ServingPointResult) =>
    KNOB_COLUMNS.filter((k) => p.knobs[k] !== undefined)
      .map((k) => `${k}=${p.knobs[k]}`)
      .join(" ") || "default";
  const energyUnit = baseUnitOf(s.frontier.energy);
  const energyText = (x: number) => formatMetric(s.frontier.energy, x);
  const row = (p: ServingPointResult) => ({
    knobs: knob(p),
    latencyS: p.latencyS,
    energy: p.energy,
    powerW: p.result.avgGpuPowerW,
    tokS: p.result.throughputTokS,
    ttftP90S: p.result.ttftS.p90,
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
      { key: "latencyS", header: s.frontier.latency, quantity: "s" },
      { key: "energy", header: s.frontier.energy, ...(energyUnit ? { quantity: energyUnit } : {}) },
      { key: "powerW", header: "GPU power", quantity: "W" },
      { key: "tokS", header: "output tok/s", digits: 0 },
      { key: "ttftP90S", header: "TTFT p90", quantity: "s" },
      { key: "idle", header: "GPU energy idle", align: "right" },
    ]);
  if (sweep.points.length === 0) {
    lines.push("", table([markRow(row(d), "")]));
  } else {
    const broken = view.frontierAll.filter((p) => !view.frontier.includes(p));
    const meeting = view.meetsSlo.filter(Boolean).length;
    lines.push(
      `${sweep.points.length} operating points` +
        (view.filtered ? `, ${meeting} meet the SLO` : "") +
        `, ${view.frontier.length} on the frontier (*) of ${s.frontier.energy} vs ${s.frontier.latency}` +
        (broken.length > 0 ? `; x: on the frontier of all points but breaks the SLO` : ""),
      "",
      table(
        [
          ...view.frontier.map((p) => markRow(row(p), "*")),
          ...broken.map((p) => markRow(row(p), "x")),
          markRow(row(d), view.defaultMeetsSlo ? "default" : "default x"),
        ].sort((a, b) => (a.latencyS as number) - (b.latencyS as number)),
      ),
    );
    const versus = (p: ServingPointResult) =>
      `${knob(p)}: ${energyText(p.energy)}, ${(100 * (1 - p.energy / d.energy)).toFixed(1)}% less energy, ` +
      `${(100 * (p.latencyS / d.latencyS - 1)).toFixed(1)}% change in ${s.frontier.latency}`;
    lines.push(
      `default: ${formatQuantity(d.latencyS, "s")}, ${energyText(d.energy)}` +
        (view.defaultDominated ? " - dominated by a swept point" : " - on or beside the frontier") +
        (view.defaultMeetsSlo ? "" : "; breaks the SLO"),
    );
    const min = view.frontier[view.frontier.length - 1];
    const minAll = view.frontierAll[view.frontierAll.length - 1]!;
    lines.push(
      min
        ? `lowest energy${view.filtered ? " meeting the SLO" : ""}: ${versus(min)}`
        : "lowest energy: no swept point meets the SLO",
    );
    if (view.filtered && minAll !== min) {
      lines.push(`lowest energy ignoring the SLO: ${versus(minAll)}`);
    }
  }
  const r = d.result;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (s.slo !== undefined) lines.push(sloLine(s, sloCheck(s, r)));
  lines.push(
    `energy at the default (${r.gpus} GPUs): GPU ${formatQuantity(r.gpuEnergyJ, "J")} + node ` +
      `${formatQuantity(r.nodeEnergyJ, "J")} = ${formatQuantity(r.totalEnergyJ, "J")}; idle (gaps between ` +
      `requests) ${pct(r.gpuIdleShare)} of GPU energy; ${r.iterations} iterations of ` +
      `${r.avgBatchSequences.toFixed(1)} sequences on average`,
  );
  return lines.join("\n") + "\n";
}

/** Whether the default point met the scenario's SLO: attainment, and each target against its p90. */
function sloCheck(s: ServingScenario, r: ServingResult) {
  const tpotTargetS = s.slo?.tpotS;
  const ttftTargetS = s.slo?.ttftS;
  // A summary without samples (no TPOT when every output is one token) misses nothing: null.
  const p90 = (x: number) => (Number.isFinite(x) ? x : null);
  const missPct = (q: number | null, target: number | undefined) =>
    target === undefined || q === null ? 0 : Math.max(0, 100 * (q / target - 1));
  const ttftP90S = p90(r.ttftS.p90);
  const tpotP90S = p90(r.tpotS.p90);
  return {
    attainment: r.sloAttainment ?? null,
    ttftTargetS: ttftTargetS ?? null,
    ttftP90S,
    tpotTargetS: tpotTargetS ?? null,
    tpotP90S,
    tpotMissPct: missPct(tpotP90S, tpotTargetS),
    ttftMissPct: missPct(ttftP90S, ttftTargetS),
  };
}

function sloLine(s: ServingScenario, c: ReturnType<typeof sloCheck>): string {
  const parts = [
    c.attainment === null
      ? "SLO at the default: not measured"
      : `SLO at the default: ${(100 * c.attainment).toFixed(1)}% of requests met it`,
  ];
  const p90 = (q: number | null) => (q === null ? "none (no samples)" : formatQuantity(q, "s"));
  if (c.tpotTargetS !== null) {
    parts.push(
      `TPOT p90 ${p90(c.tpotP90S)} vs ${formatQuantity(c.tpotTargetS, "s")}` +
        (c.tpotMissPct > 0 ? ` (missed by ${c.tpotMissPct.toFixed(1)}%)` : " (met)"),
    );
  }
  if (c.ttftTargetS !== null) {
    parts.push(
      `TTFT p90 ${p90(c.ttftP90S)} vs ${formatQuantity(c.ttftTargetS, "s")}` +
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
