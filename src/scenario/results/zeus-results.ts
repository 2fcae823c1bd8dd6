/**
 * Results of a `kind: zeus` scenario: per (job, GPU) the oracle (least expected Zeus cost) against
 * b0 at the highest limit, the time-energy frontier, and the online replay's regret. Files:
 * points.csv (every batch size x power limit), runs.csv (each run of the trace at each point),
 * frontier.csv, replay.csv (one row per recurrence), attempts.csv (each attempt of each
 * recurrence) and summary.json. Times are seconds to the target, energies joules of the job's
 * GPUs (one per run in the traces), costs joules.
 */
import { zeusRunPoints, type ZeusPoint } from "../../optimize/zeus/zeus-points.js";
import type { ZeusReplay } from "../../optimize/zeus/replay-zeus.js";
import { toCsv } from "../../report/csv.js";
import { formatTable, markRow } from "../../report/table.js";
import type { ZeusScenario } from "../load-zeus-scenario.js";
import type { ZeusCase } from "../run-zeus-scenario.js";

const label = (c: ZeusCase) => {
  const j = c.workload.job;
  return `${j.dataset}/${j.network}`;
};

const knob = (p: ZeusPoint) => ({
  batchSize: p.batchSize,
  powerLimitW: p.powerLimitW,
  epochs: p.epochs,
  timeS: p.timeS,
  energyJ: p.energyJ,
  costJ: p.costJ,
});

/** Mean of `f` over recurrences [from, to). */
function mean(r: ZeusReplay, from: number, to: number, f: (x: ZeusReplay["recurrences"][0]) => number) {
  const xs = r.recurrences.slice(from, to);
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + f(x), 0) / xs.length;
}

function replaySummary(r: ZeusReplay) {
  const n = r.recurrences.length;
  const third = Math.max(1, Math.floor(n / 3));
  const thirds = (f: (x: ZeusReplay["recurrences"][0]) => number) => ({
    firstThird: mean(r, 0, third, f),
    lastThird: mean(r, n - third, n, f),
  });
  const last = r.recurrences.slice(n - third);
  const o = r.oracle.optimum;
  const attempts = r.recurrences.flatMap((x) => x.attempts);
  return {
    recurrences: n,
    seed: r.options.seed,
    earlyStopBeta: r.options.beta,
    arms: r.arms,
    attempts: attempts.length,
    failedAttempts: attempts.filter((a) => !a.reached).length,
    unreachedRecurrences: r.recurrences.filter((x) => !x.reached).length,
    cumulativeRegret: r.recurrences.at(-1)?.cumulativeRegret ?? { timeS: 0, energyJ: 0, costJ: 0 },
    meanRegretPerRecurrence: {
      costJ: thirds((x) => x.regret.costJ),
      energyJ: thirds((x) => x.regret.energyJ),
      timeS: thirds((x) => x.regret.timeS),
    },
    /** Share of the last third's recurrences that ran the oracle's batch size and limit. */
    lastThirdAtOptimumPct:
      (100 * last.filter((x) => x.batchSize === o.batchSize && x.powerLimitW === o.powerLimitW).length) /
      last.length,
  };
}

/** A modeled epoch against the measured one of the same job on a GPU of the same name, at b0. */
function vsMeasured(c: ZeusCase, cases: readonly ZeusCase[]) {
  const w = c.workload;
  const measured = cases.find(
    (m) => m.workload.pricing === "measured" && m.workload.gpu === w.gpu && m.workload.job.dataset === w.job.dataset,
  );
  if (measured === undefined) return undefined;
  const b = w.job.defaultBatchSize;
  const real = measured.workload.epochAt.get(b) ?? [];
  return (w.epochAt.get(b) ?? []).flatMap((e) => {
    const m = real.find((x) => x.powerLimitW === e.powerLimitW);
    if (m === undefined) return [];
    return [
      {
        batchSize: b,
        powerLimitW: e.powerLimitW,
        modeledTimePerEpochS: e.timePerEpochS,
        measuredTimePerEpochS: m.timePerEpochS,
        timeRatio: e.timePerEpochS / m.timePerEpochS,
        modeledPowerW: e.averagePowerW,
        measuredPowerW: m.averagePowerW,
      },
    ];
  });
}

function caseSummary(c: ZeusCase, cases: readonly ZeusCase[]) {
  const w = c.workload;
  const o = c.replay.oracle;
  const limits = [...new Set([...w.epochAt.values()].flatMap((l) => l.map((e) => e.powerLimitW)))];
  return {
    workload: label(c),
    dataset: w.job.dataset,
    network: w.job.network,
    optimizer: w.job.optimizer,
    gpu: w.gpu,
    pricing: w.pricing,
    job: {
      targetMetric: w.job.targetMetric,
      maxEpochs: w.job.maxEpochs,
      defaultBatchSize: w.job.defaultBatchSize,
    },
    gpus: w.gpus,
    maxPowerW: w.maxPowerW,
    eta: o.eta,
    batchSizes: w.batchSizes,
    powerLimitsW: limits.sort((a, b) => a - b),
    optimum: knob(o.optimum),
    baseline: knob(o.baseline),
    optimumVsBaseline: {
      energySavingPct: 100 * (1 - o.optimum.energyJ / o.baseline.energyJ),
      timeChangePct: 100 * (o.optimum.timeS / o.baseline.timeS - 1),
      costSavingPct: 100 * (1 - o.optimum.costJ / o.baseline.costJ),
    },
    frontier: o.frontier.map(knob),
    replay: replaySummary(c.replay),
    ...(c.epoch === undefined
      ? {}
      : {
          modeledEpoch: {
            model: c.epoch.shape.name,
            dtype: c.epoch.shape.dtype,
            layers: c.epoch.shape.layers,
            hidden: c.epoch.shape.hidden,
            samplesPerEpoch: c.epoch.samplesPerEpoch,
            seqTokens: c.epoch.seqTokens,
            provenance: c.epoch.provenance,
            vsMeasured: vsMeasured(c, cases) ?? null,
          },
        }),
  };
}

export function zeusSummary(s: ZeusScenario, cases: readonly ZeusCase[]) {
  return {
    eta: s.eta,
    seed: s.seed,
    units: "timeS: seconds to the target; energyJ: joules of the job's GPUs; costJ: eta x energyJ + (1 - eta) x maxPowerW x timeS",
    cases: cases.map((c) => caseSummary(c, cases)),
  };
}

/**
 * Every (job, GPU, batch size, power limit) of a run as one row for a batch sweep, with its two
 * costs: time to accuracy (s) and the GPUs' energy to accuracy (J), both minimized; `optimal`
 * marks the oracle's pick for the point's eta, and each row carries its case's cumulative regret
 * of the online replay (what a sweep over seed or earlyStopBeta moves).
 */
export function zeusRows(cases: readonly ZeusCase[]) {
  return cases.flatMap((c) => {
    const o = c.replay.oracle;
    const regret = c.replay.recurrences.at(-1)?.cumulativeRegret ?? {
      timeS: 0,
      energyJ: 0,
      costJ: 0,
    };
    return o.points.map((p) => ({
      row: {
        workload: label(c),
        gpu: c.workload.gpu,
        pricing: c.workload.pricing,
        ...p,
        optimal: p === o.optimum,
        replayCumulativeRegret: regret,
      } as Record<string, unknown>,
      x: p.timeS,
      y: p.energyJ,
    }));
  });
}

export async function zeusFiles(cases: readonly ZeusCase[]): Promise<Record<string, string>> {
  const id = (c: ZeusCase) => ({ workload: label(c), gpu: c.workload.gpu, pricing: c.workload.pricing });
  const points = cases.flatMap((c) => {
    const o = c.replay.oracle;
    return o.points.map((p) => ({
      ...id(c),
      ...p,
      onFrontier: o.frontier.includes(p),
      optimal: p === o.optimum,
    }));
  });
  const frontier = points.filter((p) => p.onFrontier);
  const runs = cases.flatMap((c) => zeusRunPoints(c.workload).map((p) => ({ ...id(c), ...p })));
  const replay = cases.flatMap((c) =>
    c.replay.recurrences.map((r) => ({
      ...id(c),
      recurrence: r.recurrence,
      phase: r.phase,
      attempts: r.attempts.length,
      batchSize: r.batchSize,
      powerLimitW: r.powerLimitW,
      reached: r.reached,
      timeS: r.timeS,
      energyJ: r.energyJ,
      costJ: r.costJ,
      regret: r.regret,
      cumulativeRegret: r.cumulativeRegret,
    })),
  );
  const attempts = cases.flatMap((c) =>
    c.replay.recurrences.flatMap((r) =>
      r.attempts.map((a, k) => ({ ...id(c), recurrence: r.recurrence, attempt: k + 1, ...a })),
    ),
  );
  return {
    "points.csv": await toCsv(points),
    "frontier.csv": await toCsv(frontier),
    "runs.csv": await toCsv(runs),
    "replay.csv": await toCsv(replay),
    "attempts.csv": await toCsv(attempts),
  };
}

export function formatZeus(s: ZeusScenario, cases: readonly ZeusCase[]): string {
  const sum = zeusSummary(s, cases);
  const cs = sum.cases;
  const pricing = [...new Set(cs.map((c) => c.pricing))].join(" and ");
  const lines: string[] = [
    `Zeus: batch size x GPU power limit of recurring training jobs (epoch time and power ${pricing})`,
    `eta ${s.eta}: cost = ${s.eta} x ETA + ${+(1 - s.eta).toFixed(6)} x MaxPower x TTA (J); MaxPower = the highest power limit x GPUs per run (1: the traces' runs are single-GPU): ` +
      [...new Map(cs.map((c) => [c.gpu, `${c.gpu} ${c.maxPowerW} W`])).values()].join(", "),
    "ETA is the GPUs' energy to accuracy (the traces measure GPU power only; no node or facility share)",
    "",
    "oracle: least expected cost (failed runs retried) vs b0 at the highest limit",
    formatTable(
      cs.map((c) => ({
        workload: c.workload,
        gpu: c.gpu,
        priced: c.pricing,
        batch: c.optimum.batchSize,
        limit: c.optimum.powerLimitW,
        epochs: c.optimum.epochs,
        tta: c.optimum.timeS,
        eta: c.optimum.energyJ,
        b0: `${c.baseline.batchSize}@${c.baseline.powerLimitW}W`,
        energy: `${c.optimumVsBaseline.energySavingPct.toFixed(1)}%`,
        time: `${c.optimumVsBaseline.timeChangePct >= 0 ? "+" : ""}${c.optimumVsBaseline.timeChangePct.toFixed(1)}%`,
        cost: `${c.optimumVsBaseline.costSavingPct.toFixed(1)}%`,
      })),
      [
        { key: "workload" },
        { key: "gpu", header: "GPU" },
        { key: "priced", header: "epoch" },
        { key: "batch" },
        { key: "limit", unit: "W" },
        { key: "epochs", digits: 2 },
        { key: "tta", header: "TTA", unit: "s", digits: 0 },
        { key: "eta", header: "ETA", unit: "J", digits: 0 },
        { key: "b0", header: "vs b0" },
        { key: "energy", header: "energy saved", align: "right" },
        { key: "time", header: "time change", align: "right" },
        { key: "cost", header: "cost saved", align: "right" },
      ],
    ),
    `Zeus online (seed ${s.seed}, early stop at ${s.earlyStopBeta} x the least cost so far): regret vs the oracle's expected TTA, ETA and cost`,
    formatTable(
      cs.map((c) => ({
        workload: c.workload,
        gpu: c.gpu,
        priced: c.pricing,
        n: c.replay.recurrences,
        arms: c.replay.arms.join(","),
        atOpt: `${c.replay.lastThirdAtOptimumPct.toFixed(0)}%`,
        energyJ: c.replay.cumulativeRegret.energyJ,
        timeS: c.replay.cumulativeRegret.timeS,
        costJ: c.replay.cumulativeRegret.costJ,
        first: c.replay.meanRegretPerRecurrence.costJ.firstThird,
        last: c.replay.meanRegretPerRecurrence.costJ.lastThird,
      })),
      [
        { key: "workload" },
        { key: "gpu", header: "GPU" },
        { key: "priced", header: "epoch" },
        { key: "n", header: "recurrences" },
        { key: "arms", header: "arms after pruning" },
        { key: "atOpt", header: "last third at optimum", align: "right" },
        { key: "energyJ", header: "energy regret", unit: "J", digits: 0 },
        { key: "timeS", header: "time regret", unit: "s", digits: 0 },
        { key: "costJ", header: "cost regret", unit: "J", digits: 0 },
        { key: "first", header: "cost regret/rec. first third", unit: "J", digits: 0 },
        { key: "last", header: "last third", unit: "J", digits: 0 },
      ],
    ),
  ];
  const described = new Set<string>();
  for (const c of cs) {
    const m = c.modeledEpoch;
    if (m === undefined) continue;
    if (!described.has(c.workload)) {
      described.add(c.workload);
      lines.push(
        `modeled epochs of ${c.workload}: ${m.samplesPerEpoch} sequences x ${m.seqTokens} tokens of ${m.model} ` +
          `(${m.layers} layers, hidden ${m.hidden}, ${m.dtype}), forward + backward of its layers priced by the cost model ` +
          `at each 25 W cap of the profile; epochs to the target from the trace. A lower bound on a real epoch: ` +
          `no data loading, optimizer step or evaluation.`,
      );
    }
    const v = m.vsMeasured;
    if (v !== null && v.length > 0) {
      const hi = v[v.length - 1]!;
      const lo = v[0]!;
      lines.push(
        `  ${c.gpu}, modeled vs measured epoch at b${hi.batchSize}: ${hi.powerLimitW} W ${hi.modeledTimePerEpochS.toFixed(0)} s / ${hi.measuredTimePerEpochS.toFixed(0)} s (x${hi.timeRatio.toFixed(2)}), ` +
          `${lo.powerLimitW} W ${lo.modeledTimePerEpochS.toFixed(0)} s / ${lo.measuredTimePerEpochS.toFixed(0)} s (x${lo.timeRatio.toFixed(2)})`,
      );
    }
  }
  if (cs.some((c) => c.modeledEpoch !== undefined)) lines.push("");
  for (const c of cs) {
    lines.push(
      `frontier of ${c.workload} on ${c.gpu} (${c.pricing}): ${c.frontier.length} of ${cases[cs.indexOf(c)]!.replay.oracle.points.length} (batch, limit) points (* the optimum)`,
      formatTable(
        c.frontier.map((p) => {
          const row = { ...p };
          const opt = p.batchSize === c.optimum.batchSize && p.powerLimitW === c.optimum.powerLimitW;
          return opt ? markRow(row, "*") : row;
        }),
        [
          { key: "batchSize", header: "batch" },
          { key: "powerLimitW", header: "limit", unit: "W" },
          { key: "epochs", digits: 2 },
          { key: "timeS", header: "TTA", unit: "s", digits: 0 },
          { key: "energyJ", header: "ETA", unit: "J", digits: 0 },
          { key: "costJ", header: "cost", unit: "J", digits: 0 },
        ],
      ),
    );
  }
  return lines.join("\n");
}
