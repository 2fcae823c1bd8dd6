#!/usr/bin/env node
/**
 * Refit the vllm-0.11 engine profile's fitted figures to the ML.ENERGY rows (data/mlenergy):
 * replay scenarios/mlenergy-llama31-8b-h100.yaml at every measured max_num_seqs and minimise the
 * squared log errors of median ITL, energy per output token and 2 x log average power
 * (Nelder-Mead over log-parameters: the replay picks clocks from a 15 MHz grid, so the cost is
 * piecewise flat at the scale of a finite-difference step and gradient methods stall). Prints the figures and the row table; it writes
 * nothing. Run after `npm run build`:  node scripts/fit-engine-profile.mjs
 * Takes a few minutes (each evaluation replays eleven saturated points).
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { parseScenario } from "../dist/scenario/load-scenario.js";
import { runServingPoint } from "../dist/optimize/serving/sweep-serving.js";

const SCENARIO = "scenarios/mlenergy-llama31-8b-h100.yaml";
const DATA = "data/mlenergy/llama-3.1-8b-instruct_h100_lm-arena-chat.csv";

const [header, ...lines] = readFileSync(DATA, "utf8").trim().split("\n");
const cols = header.split(",");
const rows = lines.map((l) => {
  const c = l.split(",").map(Number);
  const col = (name) => c[cols.indexOf(name)];
  return {
    n: col("max_num_seqs"),
    itlMs: col("median_itl_ms"),
    jPerToken: col("energy_per_output_token_j"),
    powerW: col("avg_power_w"),
  };
});

// One parsed scenario per row (ten batches' worth of requests, as the calibration test runs).
const scenarios = rows.map((r) => {
  const doc = parseDocument(readFileSync(SCENARIO, "utf8"));
  doc.setIn(["trace", "synthetic", "count"], Math.max(200, 10 * r.n));
  return parseScenario(doc.toString(), SCENARIO);
});
const base = scenarios[0].engineProfile;

/** The fitted figures, in log space so every step keeps them positive. */
const NAMES = ["host.iterationS", "host.perSequenceS", "memoryEfficiency", "vectorFlopsPerScore"];
const x0 = [
  base.host.iterationS,
  base.host.perSequenceS,
  base.decodeAttention.memoryEfficiency,
  base.decodeAttention.vectorFlopsPerScore,
].map(Math.log);

function profileAt(x) {
  const [iterationS, perSequenceS, memoryEfficiency, vectorFlopsPerScore] = x.map(Math.exp);
  return {
    ...base,
    host: { ...base.host, iterationS, perSequenceS },
    decodeAttention: { memoryEfficiency: Math.min(1, memoryEfficiency), vectorFlopsPerScore },
  };
}

function simulate(x) {
  const profile = profileAt(x);
  return scenarios.map((s, i) => {
    const run = { ...s, engine: { ...s.engine, profile }, engineProfile: profile };
    return runServingPoint(run, { maxNumSeqs: rows[i].n }, 0).result.steady;
  });
}

/** Nelder-Mead simplex minimisation (standard coefficients), stopping on a flat simplex. */
function nelderMead(f, x0, { maxEvaluations = 400, tolerance = 1e-5, step = 0.1 } = {}) {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({
    x,
    f: f(x),
  }));
  const at = (a, b, t) => a.map((v, i) => v + t * (b[i] - v));
  let evaluations = n + 1;
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0];
    const worst = simplex[n];
    if (worst.f - best.f < tolerance) break;
    const centroid = x0.map((_, i) => simplex.slice(0, n).reduce((s, p) => s + p.x[i], 0) / n);
    const reflected = at(centroid, worst.x, -1);
    const fr = f(reflected);
    evaluations++;
    if (fr < best.f) {
      const expanded = at(centroid, worst.x, -2);
      const fe = f(expanded);
      evaluations++;
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
    } else if (fr < simplex[n - 1].f) {
      simplex[n] = { x: reflected, f: fr };
    } else {
      const contracted = at(centroid, worst.x, fr < worst.f ? -0.5 : 0.5);
      const fc = f(contracted);
      evaluations++;
      if (fc < Math.min(fr, worst.f)) simplex[n] = { x: contracted, f: fc };
      else {
        simplex = simplex.map((p, i) => (i === 0 ? p : { x: at(best.x, p.x, 0.5), f: NaN }));
        for (const p of simplex.slice(1)) p.f = f(p.x);
        evaluations += n;
      }
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return { x: simplex[0].x, cost: simplex[0].f, evaluations };
}

let evaluations = 0;
function residuals(x) {
  evaluations++;
  return simulate(x).flatMap((st, i) => {
    const r = rows[i];
    return [
      Math.log((st.itlS.p50 * 1e3) / r.itlMs),
      Math.log(st.gpuEnergyPerOutputTokenJ / r.jPerToken),
      2 * Math.log(st.avgGpuPowerW / r.powerW),
    ];
  });
}

const cost = (x) => residuals(x).reduce((s, r) => s + r * r, 0);
const fit = nelderMead(cost, x0);
const values = profileAt(fit.x);
console.log(`cost ${fit.cost.toExponential(3)} after ${evaluations} evaluations`);
const figures = [
  values.host.iterationS,
  values.host.perSequenceS,
  values.decodeAttention.memoryEfficiency,
  values.decodeAttention.vectorFlopsPerScore,
];
NAMES.forEach((n, i) => console.log(`${n}: ${figures[i].toPrecision(3)}`));
const err = (a, b) => `${(100 * (a / b - 1)).toFixed(1).padStart(6)}%`;
simulate(fit.x).forEach((st, i) => {
  const r = rows[i];
  console.log(
    `${String(r.n).padStart(4)} | ITL ${err(st.itlS.p50 * 1e3, r.itlMs)} | J/token ${err(st.gpuEnergyPerOutputTokenJ, r.jPerToken)} | power ${err(st.avgGpuPowerW, r.powerW)}`,
  );
});
