// wattif as a library, used the way an outside project uses it after `npm install wattif`:
// load a profile, price one LLM decode step at its default setting and under a clock lock,
// sweep clocks x power caps for the time-energy frontier, and plan a small training pipeline.
// Run it with `node examples/library-usage.mjs` (after `npm run build`).
import { buildWork, capGridW, estimate, loadProfile, planTraining, sweepEstimate } from "wattif";

const h100 = loadProfile("h100-sxm");
const decode = { model: "llama3-8b", phase: "decode", batch: 64, context: 1024 };

const atDefault = estimate(h100, decode);
const at1200 = estimate(h100, decode, { lockedMHz: 1200 });
const ms = (s) => (s * 1e3).toFixed(3);
console.log(`decode step on ${h100.name}: ${atDefault.workload}`);
console.log(
  `default: ${ms(atDefault.timeS)} ms ${atDefault.gpuEnergyJ.toFixed(4)} J at ${atDefault.freqMHz} MHz`,
);
console.log(`locked 1200 MHz: ${ms(at1200.timeS)} ms ${at1200.gpuEnergyJ.toFixed(4)} J`);

// Every 4th clock of the grid with no cap, and every settable cap at the default clock.
const clocks = h100.clocks.smMHz.filter((_, i) => i % 4 === 0).map((lockedMHz) => ({ lockedMHz }));
const caps = capGridW(h100).map((powerCapW) => ({ powerCapW }));
const sweep = sweepEstimate(h100, buildWork(decode), [...clocks, ...caps]);
console.log(
  `sweep: ${sweep.points.length} points, ${sweep.frontier.length} on the frontier, ` +
    `default ${sweep.defaultDominated ? "dominated" : "not dominated"}`,
);
console.log(
  `lowest energy: ${sweep.minEnergy.gpuEnergyJ.toFixed(4)} J at ${sweep.minEnergy.freqMHz} MHz`,
);

// A 4-stage 1F1B pipeline of GPT-3 175B (TP 8) on A100s: per-op clocks, Perseus-style.
const plan = await planTraining({
  source: {
    kind: "model",
    hardware: loadProfile("a100-sxm"),
    model: "gpt3-175b",
    stages: 4,
    tp: 8,
    microbatchSize: 1,
    seqTokens: 2048,
  },
  schedule: "1f1b",
  microbatches: 4,
  unitTimeS: 0.001,
});
const f = plan.frontier;
console.log(
  `training: baseline ${f.baseline.timeS.toFixed(4)} s ${f.baseline.energyJ.toFixed(1)} J; ` +
    `${f.frontier.length} frontier points; lowest energy ${f.minEnergy.energyJ.toFixed(1)} J`,
);
