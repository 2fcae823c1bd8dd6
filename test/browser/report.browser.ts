/**
 * report.html in a real browser: Chromium opens the report of an estimate sweep from disk, finds
 * the frontier plot drawn (one visible symbol per frontier.csv row, axes titled with units, a
 * legend), and the page asks for nothing over the network. The screenshot is kept as a test
 * artifact in test-artifacts/report.png. A serving sweep's report shows its latency CDFs: a
 * curve per drawn setting in each panel, axes with units, the legend and the SLO target
 * (test-artifacts/report-serving.png). A batch sweep's report draws every row, the rows breaking
 * the SLO and frontier.csv's rows (test-artifacts/report-batch.png). Skipped, saying why, when no Chromium is installed (set
 * CHROMIUM_PATH to use another binary).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeResultSet } from "../../src/report/atomic-write.js";
import { loadScenario, parseScenario } from "../../src/scenario/load-scenario.js";
import { reportFiles } from "../../src/scenario/results/report-files.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { planRun } from "../../src/sweep/plan-sweep.js";
import { runSweep } from "../../src/sweep/run-sweep.js";
import { parseCsv } from "../cli/helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = resolve("test-artifacts");
const found = existsSync(CHROMIUM);
if (!found) {
  process.stderr.write(
    `test:browser: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH); skipping\n`,
  );
}

describe.skipIf(!found)("report.html in Chromium", () => {
  const dir = join(ARTIFACTS, "report");
  let files: Record<string, string>;
  let browser: Browser;
  beforeAll(async () => {
    const outcome = await runScenario(loadScenario("scenarios/h100-prefill-clocks-caps.yaml"));
    files = { ...outcome.files, ...(await reportFiles(outcome)) };
    mkdirSync(dir, { recursive: true });
    writeResultSet(dir, files);
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws the frontier with labelled axes and a legend, offline", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    const frontierRows = parseCsv(files["frontier.csv"]!).length;
    expect(frontierRows).toBeGreaterThan(1);
    const marks = page.locator("#plot-frontier g.frontier_marks path");
    expect(await marks.count()).toBe(frontierRows);
    // Each frontier symbol is laid out inside the plot, with a size.
    for (let i = 0; i < frontierRows; i++) {
      const box = await marks.nth(i).boundingBox();
      expect(box, `frontier mark ${i}`).not.toBeNull();
      expect(box!.width).toBeGreaterThan(0);
    }
    const text = (await page.locator("#plot-frontier svg").textContent()) ?? "";
    expect(text).toContain("step time (ms)");
    expect(text).toMatch(/GPU energy \((J|kJ|mJ)\)/);
    for (const label of ["swept point", "frontier", "default"]) expect(text).toContain(label);
    await expect(page.locator("#summary").innerText()).resolves.toContain("lowest GPU energy");
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(existsSync(join(ARTIFACTS, "report.png"))).toBe(true);
    expect(requests).toEqual([]);
  });
});

/** A small serving sweep with a TPOT SLO some settings break. */
const SERVING = `kind: serving
name: cdf-small
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
`;

describe.skipIf(!found)("a serving report's latency CDFs in Chromium", () => {
  const dir = join(ARTIFACTS, "report-serving");
  let files: Record<string, string>;
  let browser: Browser;
  beforeAll(async () => {
    const outcome = await runScenario(parseScenario(SERVING, "cdf-small.yaml"));
    files = { ...outcome.files, ...(await reportFiles(outcome)) };
    mkdirSync(dir, { recursive: true });
    writeResultSet(dir, files);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws a curve per setting in each panel, with units, a legend and the SLO target", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 2400 } });
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    const spec = JSON.parse(files["plots/latency-cdf.vl.json"]!) as {
      concat: { layer: { data: { values: { series: string }[] } }[] }[];
    };
    const settings = new Set(spec.concat[0]!.layer[0]!.data.values.map((v) => v.series)).size;
    expect(settings).toBeGreaterThanOrEqual(2);
    for (const key of ["ttft", "tpot", "itl", "e2e"]) {
      const curves = page.locator(`#plot-latency-cdf g.cdf_${key}_marks path`);
      expect(await curves.count(), key).toBe(settings);
      const box = await curves.first().boundingBox();
      expect(box, `${key} curve`).not.toBeNull();
      expect(box!.height).toBeGreaterThan(0);
    }
    expect(await page.locator("#plot-latency-cdf g.target_point_tpot_marks path").count()).toBe(1);
    const text = (await page.locator("#plot-latency-cdf svg").textContent()) ?? "";
    for (const label of [
      "time to first token (",
      "time per output token (ms)",
      "requests at or below (%)",
      "default",
      "lowest energy, meets SLO",
      "SLO target",
    ])
      expect(text).toContain(label);
    await page.screenshot({ path: join(ARTIFACTS, "report-serving.png"), fullPage: true });
  });
});

/** A batch sweep over hardware and batch limit with a TTFT SLO that some points break. */
const BATCH = `kind: serving
name: batch-small
hardware: h100-sxm
model: llama3-8b
seed: 1
slo: { ttftS: 0.15 }
trace:
  synthetic:
    arrivals: { kind: poisson, ratePerS: 20 }
    lengths:
      input: { kind: lognormal, median: 600, sigma: 0.8 }
      output: { kind: lognormal, median: 60, sigma: 0.7 }
    count: 120
sweep:
  engine.maxNumSeqs: [2, 8, 64]
  hardware: [h100-sxm, a100-sxm]
`;

describe.skipIf(!found)("a batch sweep's report.html in Chromium", () => {
  const dir = join(ARTIFACTS, "report-batch");
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "batch-small.yaml");
    writeFileSync(file, BATCH);
    const run = planRun(file);
    if (!run.batch) throw new Error("not a batch sweep");
    await runSweep(run.plan, { workers: 1, force: true, out: join(dir, "out") });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws every row, the SLO breakers and the frontier of frontier.csv", async () => {
    const out = join(dir, "out");
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(pathToFileURL(join(out, "report.html")).href);
    const frontier = parseCsv(readFileSync(join(out, "frontier.csv"), "utf8"));
    const points = parseCsv(readFileSync(join(out, "points.csv"), "utf8"));
    expect(frontier.length).toBeGreaterThan(0);
    expect(points.some((r) => r.meetsSlo === "false")).toBe(true);
    const marks = page.locator("#plot-frontier g.frontier_marks path");
    expect(await marks.count()).toBe(frontier.length);
    expect(await page.locator("#plot-frontier g.points_marks path").count()).toBe(points.length);
    const text = (await page.locator("#plot-frontier svg").textContent()) ?? "";
    for (const label of ["itlS.p50 (ms)", "gpuEnergyPerOutputTokenJ (", "breaks SLO", "frontier"])
      expect(text).toContain(label);
    const summary = await page.locator("#summary").innerText();
    expect(summary).toContain("rows breaking the SLO");
    expect(summary).toContain(`frontier: point ${frontier[0]!.point}`);
    await page.screenshot({ path: join(ARTIFACTS, "report-batch.png"), fullPage: true });
  });
});
