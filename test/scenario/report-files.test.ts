/**
 * A serving sweep with an SLO that some points break: the files mark them (meetsSlo), keep them
 * out of frontier.csv and "lowest energy" and keep the unfiltered frontier beside it; the
 * frontier plot's highlighted marks are exactly frontier.csv's rows, drawn where the plot's
 * scales put those values; the SVGs are byte-stable and titled with units; report.html holds
 * them inline with no external URL; latency-cdf.csv holds every setting's CDF through its
 * reported percentiles, and the CDF plot draws the default and the lowest-energy SLO-meeting point.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { renderView } from "../../src/report/plot/render-svg.js";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { reportFiles } from "../../src/scenario/results/report-files.js";
import { runScenario, type ScenarioOutcome } from "../../src/scenario/run-scenario.js";
import { parseCsv } from "../cli/helpers.js";
import { CDF_PROBABILITIES } from "../../src/replay/serving/metrics/latency-quantiles.js";

const YAML = `kind: serving
name: slo-small
hardware: h100-sxm
model: llama3-8b
seed: 3
trace:
  synthetic:
    arrivals: {kind: poisson, ratePerS: 6}
    lengths: {input: {kind: lognormal, median: 400, sigma: 0.8}, output: {kind: lognormal, median: 80, sigma: 0.8}}
    count: 120
slo:
  tpotS: 0.0125
sweep:
  freqMHz: [1980, 1005, 705]
  powerCapW: [700, 300]
frontier: {energy: gpuEnergyPerOutputTokenJ, latency: itlS.p50}
`;

/** The `translate(x,y)` of each symbol in the SVG group of the named mark. */
function markPositions(svg: string, mark: string): [number, number][] {
  const start = svg.indexOf(`role-mark ${mark}"`);
  expect(start, `mark ${mark} in the SVG`).toBeGreaterThan(0);
  const group = svg.slice(start, svg.indexOf("</g>", start));
  return [...group.matchAll(/transform="translate\(([-\d.e]+),([-\d.e]+)\)"/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

/** CSV rows in sweep order (a frontier is in latency order). */
const byIndex = (rows: Record<string, string>[]) =>
  [...rows].sort((a, b) => Number(a.index) - Number(b.index));

describe("report files of a serving sweep with an SLO", () => {
  let outcome: ScenarioOutcome;
  let files: Record<string, string>;
  beforeAll(async () => {
    outcome = await runScenario(parseScenario(YAML, "slo-small.yaml"));
    files = { ...outcome.files, ...(await reportFiles(outcome)) };
  });

  it("marks the points breaking the SLO and keeps them off the frontier", () => {
    const points = parseCsv(files["points.csv"]!);
    const breaking = points.filter((r) => r.meetsSlo === "false");
    expect(breaking.length).toBeGreaterThan(0);
    expect(breaking.length).toBeLessThan(points.length);
    for (const r of breaking) expect(Number(r["tpotS.p90"])).toBeGreaterThan(0.0125);
    const frontier = parseCsv(files["frontier.csv"]!);
    expect(byIndex(frontier)).toEqual(points.filter((r) => r.onFrontier === "true"));
    expect(frontier.every((r) => r.meetsSlo === "true")).toBe(true);
    // Without the SLO a breaking point is on the frontier (the cheapest, slowest ones).
    const all = parseCsv(files["frontier.all.csv"]!);
    expect(byIndex(all)).toEqual(points.filter((r) => r.onFrontierAll === "true"));
    expect(all.some((r) => r.meetsSlo === "false")).toBe(true);
    const summary = JSON.parse(files["summary.json"]!);
    expect(summary.minEnergy.meetsSlo).toBe(true);
    expect(summary.minEnergyAll.meetsSlo).toBe(false);
    expect(summary.minEnergyAll.energy).toBeLessThan(summary.minEnergy.energy);
    expect(summary.pointsMeetingSlo).toBe(points.length - breaking.length);
    expect(outcome.text).toMatch(/lowest energy meeting the SLO: freqMHz=\d+ powerCapW=700:/);
    expect(outcome.text).toMatch(/lowest energy ignoring the SLO: freqMHz=\d+ powerCapW=300:/);
  });

  it("draws the frontier marks at frontier.csv's rows", async () => {
    const frontier = parseCsv(files["frontier.csv"]!);
    const svg = files["plots/frontier.svg"]!;
    const drawn = markPositions(svg, "frontier_marks");
    expect(drawn.length).toBe(frontier.length);
    // The plot is in ms and mJ (its axis titles say so); the CSV in s and J.
    expect(svg).toContain("itlS.p50 (ms)");
    expect(svg).toContain("gpuEnergyPerOutputTokenJ (mJ)");
    const spec = JSON.parse(files["plots/frontier.vl.json"]!) as TopLevelSpec;
    const view = await renderView(spec);
    try {
      const x = view.scale("x") as (v: number) => number;
      const y = view.scale("y") as (v: number) => number;
      const expected = frontier
        .map((r) => [x(1e3 * Number(r["itlS.p50"])), y(1e3 * Number(r.gpuEnergyPerOutputTokenJ))])
        .sort((a, b) => a[0]! - b[0]!);
      const got = [...drawn].sort((a, b) => a[0] - b[0]);
      got.forEach(([gx, gy], i) => {
        // SVG coordinates are written to 3 decimals.
        expect(gx).toBeCloseTo(expected[i]![0]!, 2);
        expect(gy).toBeCloseTo(expected[i]![1]!, 2);
      });
    } finally {
      view.finalize();
    }
    // Every swept point is drawn, the default once, and the legend names each series.
    expect(markPositions(svg, "points_marks").length).toBe(6);
    expect(markPositions(svg, "default_marks").length).toBe(1);
    for (const label of ["swept point", "breaks SLO", "frontier", "default"]) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it("writes each setting's latency CDF: monotone, through the reported percentiles", () => {
    const cdf = parseCsv(files["latency-cdf.csv"]!);
    expect(Object.keys(cdf[0]!)).toEqual([
      "index",
      "setting",
      "probability",
      "ttftS",
      "tpotS",
      "itlS",
      "e2eS",
    ]);
    const points = parseCsv(files["points.csv"]!);
    // The default (index -1), then every swept point, each on the whole grid.
    const settings = [...new Set(cdf.map((r) => r.index))];
    expect(settings).toEqual(["-1", ...points.map((r) => r.index)]);
    expect(cdf).toHaveLength(settings.length * CDF_PROBABILITIES.length);
    for (const index of settings) {
      const rows = cdf.filter((r) => r.index === index);
      expect(rows.map((r) => Number(r.probability))).toEqual([...CDF_PROBABILITIES]);
      for (const m of ["ttftS", "tpotS", "itlS", "e2eS"]) {
        const q = rows.map((r) => Number(r[m]));
        for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]!);
        const point = points.find((r) => r.index === index);
        if (point === undefined) continue;
        // Same numbers, same CSV formatting: the grid's p50/p90/p99 are the reported ones.
        for (const p of ["p50", "p90", "p99"]) {
          const at = rows.find((r) => r.probability === String(Number(p.slice(1)) / 100))!;
          expect(at[m], `${index} ${m} ${p}`).toBe(point[`${m}.${p}`]);
        }
      }
    }
  });

  it("draws the latency CDFs of the default and the lowest-energy SLO-meeting point", () => {
    const svg = files["plots/latency-cdf.svg"]!;
    for (const title of [
      "time to first token (ms)",
      "time per output token (ms)",
      "end-to-end latency (s)",
      "requests at or below (%)",
      "token gaps at or below (%)",
    ])
      expect(svg).toContain(`>${title}</text>`);
    expect(svg).toMatch(/>inter-token latency \(ms\)(, log scale)?<\/text>/);
    for (const key of ["ttft", "tpot", "itl", "e2e"]) expect(svg).toContain(`cdf_${key}_marks`);
    // The scenario's SLO is on TPOT only: its target is marked there and nowhere else.
    expect(svg).toContain("target_point_tpot_marks");
    expect(svg).not.toContain("target_point_ttft_marks");
    const summary = JSON.parse(files["summary.json"]!);
    const knobs = Object.entries(summary.minEnergy.knobs as Record<string, number>)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
    for (const name of [">default<", `>lowest energy, meets SLO (${knobs})<`, ">SLO target<"])
      expect(svg).toContain(name);
    // At most the default and four frontier points.
    const spec = JSON.parse(files["plots/latency-cdf.vl.json"]!);
    const names = new Set(
      (spec.concat[0].layer[0].data.values as { series: string }[]).map((v) => v.series),
    );
    expect(names.size).toBeGreaterThanOrEqual(2);
    expect(names.size).toBeLessThanOrEqual(5);
  });

  it("writes the same bytes for the same result, and a self-contained report", async () => {
    const again = await reportFiles(outcome);
    for (const name of [
      "plots/frontier.svg",
      "plots/power.svg",
      "plots/latency-cdf.svg",
      "report.html",
    ]) {
      expect(again[name], name).toBe(files[name]);
    }
    const rerun = await runScenario(parseScenario(YAML, "slo-small.yaml"));
    expect(rerun.files["latency-cdf.csv"]).toBe(files["latency-cdf.csv"]);
    const html = files["report.html"]!;
    expect(html).toContain('<figure id="plot-frontier">');
    expect(html).toContain('<figure id="plot-power">');
    expect(html).toContain('<figure id="plot-latency-cdf">');
    expect(html).not.toContain("Not drawn: latency CDFs");
    expect(html).toContain("lowest energy meeting the SLO");
    // Only the SVG namespace URIs, never a script, stylesheet or image to fetch.
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(urls).toEqual([]);
    expect(html).not.toMatch(/<script|<link /);
    expect(files["plots/power.svg"]).toContain("GPU power (W)");
  });

  it("writes a manifest with the seed, profiles and versions", () => {
    const m = JSON.parse(files["manifest.json"]!);
    expect(m.seed).toBe(3);
    expect(m.scenario).toMatchObject({ name: "slo-small", kind: "serving", sha256: null });
    expect(m.profiles.map((p: { name: string }) => p.name)).toEqual(["h100-sxm", "vllm-0.11"]);
    expect(m.profiles[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(m.wattifVersion).toBe(pkg.version);
    expect(m.nodeVersion).toBe(process.version);
  });
});
