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
function scalarMetrics(r: ServingResult): Omit<ServingResult, "powerSeriesW"> {
  const { powerSeriesW: _series, ...rest } = r;
  return rest;
}

const KNOB_COLUMNS = ["freqMHz", "powerCapW", "maxNumSeqs", "tp", "replicas"] as const;

function pointRow(p: ServingPointResult, onFrontier: boolean, engine: string) {
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
    avgPowerW: p.result.avgPowerW,
    throughputTokS: p.result.throughputTokS,
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
    powerW: p.result.avgPowerW,
    tokS: p.result.throughputTokS,
    ttftP90Ms: p.result.ttftS.p90 * 1e3,
  });
  const lines = [
    `${s.name}: ${s.model.name} on ${s.profile.displayName} (${s.engineProfile.displayName}), ` +
      `${s.trace.requests.length} requests` +
      ` (${s.cluster.replicas} replica(s) x TP ${s.cluster.tp})`,
  ];
  const table = (rows: ReturnType<typeof markRow>[]) =>
    formatTable(rows, [
      { key: "knobs", align: "left" },
      { key: "latencyMs", header: s.frontier.latency, unit: "ms", digits: 2 },
      { key: "energy", header: s.frontier.energy, digits: 4 },
      { key: "powerW", header: "avg power", unit: "W", digits: 0 },
      { key: "tokS", header: "output tok/s", digits: 0 },
      { key: "ttftP90Ms", header: "TTFT p90", unit: "ms", digits: 1 },
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
  return lines.join("\n") + "\n";
}
