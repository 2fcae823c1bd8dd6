/**
 * Every example scenario in scenarios/ runs in the suite against a golden summary. The quick ones
 * run as shipped, against test/golden/<name>.summary.json; the slow ones run cut down (`SMALL`:
 * fewer requests, microbatches or a coarser time quantum, set on the scenario's own YAML before
 * loading) against test/golden/small/<name>.summary.json. Their full-size runs, against the full
 * goldens, are in `npm run bench` (src/bench/scenario-bench.ts). Set UPDATE_GOLDEN=1 to rewrite
 * the goldens a run checks after a deliberate model change, and say why in the commit.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { summaryDifferences } from "../../src/bench/summary-differences.js";
import { toJson } from "../../src/report/json.js";
import type { ServingScenario } from "../../src/scenario/load-serving-scenario.js";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { runScenario } from "../../src/scenario/run-scenario.js";

type Setting = [path: string[], value: number | number[]];

/** How each slow example is cut down (scenario file -> YAML settings); the rest run as shipped. */
const SMALL: Record<string, Setting[]> = {
  // 2,867 requests x 15 replays -> the first 300 requests, same sweep and frontier.
  "quickstart.yaml": [[["trace", "limit"], 300]],
  // 2,867 sparse requests x 4 replays -> the first 300, same replicas sweep.
  "what-if-low-idle.yaml": [[["trace", "limit"], 300]],
  // 5 minutes of Poisson arrivals at 12/s -> 1 minute, same cluster and router.
  "disaggregated-vs-colocated.yaml": [[["trace", "synthetic", "durationS"], 60]],
  // 12 microbatches at a 1 ms quantum -> 4 microbatches at 5 ms: still 1F1B over 8 stages.
  "gpt3-a100-model.yaml": [
    [["microbatches"], 4],
    [["unitTimeS"], 0.005],
  ],
  // 11 batch sizes over 3,840 requests -> 4 of them (8-256) over 1,280: the same saturated
  // steady state (warm-up of two batches, then until the queue runs dry), fewer rows.
  "mlenergy-llama31-8b-h100.yaml": [
    [["trace", "synthetic", "count"], 1280],
    [
      ["sweep", "maxNumSeqs"],
      [8, 32, 128, 256],
    ],
  ],
  // 5 minutes of trace at 1x/4x/16x, 3 candidates -> 1 minute at 1x/4x: the same search.
  "capacity-azure-h100.yaml": [
    [["serving", "trace", "window", "endS"], 60],
    [["growth"], [1, 4]],
  ],
  // One MLPerf GPT-3 pipeline, 64 microbatches at 1 ms (12,288 ops) -> 8 at 5 ms (1,536 ops):
  // still interleaved with 12 chunks over 8 stages.
  "mlperf-gpt3-h100-pipeline.yaml": [
    [["microbatches"], 8],
    [["unitTimeS"], 0.005],
  ],
  "perseus-gpt3-a100.yaml": [
    [["microbatches"], 4],
    [["unitTimeS"], 0.005],
  ],
};

const files = readdirSync("scenarios").filter((f) => f.endsWith(".yaml"));

/** The scenario's YAML with `settings` applied (relative paths in it still resolve from scenarios/). */
function cutDown(file: string, settings: readonly Setting[]): string {
  const doc = parseDocument(readFileSync(file, "utf8"));
  for (const [path, value] of settings) doc.setIn(path, value);
  return doc.toString();
}

describe("example scenarios", () => {
  it("ships the quickstart and at least two more examples", () => {
    expect(files).toContain("quickstart.yaml");
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it("cuts down only examples that exist, each to something else", () => {
    for (const [file, settings] of Object.entries(SMALL)) {
      expect(files, file).toContain(file);
      const path = join("scenarios", file);
      expect(cutDown(path, settings), file).not.toBe(cutDown(path, []));
    }
  });

  for (const file of files) {
    const settings = SMALL[file];
    const what = settings
      ? `${file} cut down (${settings.map(([p, v]) => `${p.join(".")}: ${String(v)}`).join(", ")})`
      : file;
    it(`${what} matches its golden summary`, async () => {
      const path = join("scenarios", file);
      const text = settings ? cutDown(path, settings) : readFileSync(path, "utf8");
      const outcome = await runScenario(parseScenario(text, path));
      const summary = JSON.parse(toJson(outcome.summary)) as unknown;
      const dir = settings ? "test/golden/small" : "test/golden";
      const goldenFile = join(dir, `${outcome.name}.summary.json`);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(goldenFile, toJson(summary));
      }
      expect(existsSync(goldenFile), `${goldenFile} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(summaryDifferences(summary, JSON.parse(readFileSync(goldenFile, "utf8")))).toEqual([]);
      const scenario = parseScenario(text, path);
      if (scenario.kind === "serving")
        expectBinsUnderCap(outcome.files["points.jsonl"] ?? "", scenario);
    });
  }
});

/**
 * The overshoot a serving replay may show in a 1 s power bin over its cap (all GPUs x cap). The
 * cap controller keeps the average over its 1 s window, ending when each iteration ends, under
 * the cap; a reporting bin starts anywhere, so it can exceed that by about one iteration's
 * misalignment: 3% allowed. The first second is left out: a GPU starting a sustained load from
 * idle runs fast and settles within ~0.7 s (our H100 measurement, REFERENCE.md section 3), so
 * its first bin may sit above the cap, as the controller reproduces.
 */
const BIN_OVERSHOOT = 0.03;

function expectBinsUnderCap(jsonl: string, s: ServingScenario): void {
  const rows = jsonl
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const knobs = r.knobs as { powerCapW?: number };
    const capW = (knobs.powerCapW ?? s.profile.powerLimit!.defaultW) * (r.gpus as number);
    const bins = r.gpuPowerSeriesW as number[];
    bins.slice(1).forEach((w, i) => {
      const at = `${s.name} ${JSON.stringify(knobs)} bin ${i + 1}`;
      expect(w, at).toBeLessThanOrEqual(capW * (1 + BIN_OVERSHOOT));
    });
  }
}
