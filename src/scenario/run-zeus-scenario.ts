/**
 * Run a `kind: zeus` scenario: read the traces, build each (job, GPU) workload (epochs priced from
 * the GPU's power trace, or by the cost model on a hardware profile for `modeled:`; epochs to the
 * target always from the train trace), find its oracle and frontier, and replay Zeus' online
 * policy over its recurrences. Problems the data reveals
 * about a job (no runs for its target, a b0 that never converges) go on the job's YAML line.
 */
import { InputError } from "../input/input-error.js";
import { readPowerTrace, readTrainTrace, type PowerRow } from "../optimize/zeus/read-zeus-trace.js";
import { replayZeus, type ZeusReplay } from "../optimize/zeus/replay-zeus.js";
import {
  epochsAtLimits,
  epochsToTarget,
  zeusWorkload,
  type EpochAtLimit,
  type ZeusWorkload,
} from "../optimize/zeus/zeus-workload.js";
import { epochDefinition, type EpochDefinition } from "../optimize/zeus/modeled-epochs.js";
import { modeledEpochsAtLimits } from "../optimize/zeus/modeled-epoch.js";
import type { ZeusScenario } from "./load-zeus-scenario.js";

export interface ZeusCase {
  workload: ZeusWorkload;
  replay: ZeusReplay;
  /** What a modeled epoch is (absent when measured). */
  epoch?: EpochDefinition;
}

/** Zeus' evaluation length for a job: 2 x |batch sizes| x |power limits|. */
export function zeusRecurrences(w: ZeusWorkload): number {
  const limits = new Set([...w.epochAt.values()].flatMap((l) => l.map((e) => e.powerLimitW)));
  return 2 * w.batchSizes.length * limits.size;
}

export async function runZeusScenario(s: ZeusScenario): Promise<ZeusCase[]> {
  const train = await readTrainTrace(s.traceDir);
  const power = new Map<string, PowerRow[]>();
  for (const gpu of s.gpus) power.set(gpu, await readPowerTrace(s.traceDir, gpu));
  const cases: ZeusCase[] = [];
  const priced: {
    gpu: string;
    g: number;
    epochAt: () => Map<number, EpochAtLimit[]>;
    epoch?: EpochDefinition;
  }[][] = s.jobs.map((job) => [
    ...s.gpus.map((gpu, g) => ({
      gpu,
      g,
      epochAt: () => epochsAtLimits(job, power.get(gpu) ?? []),
    })),
    ...s.modeled.flatMap((profile) => {
      const epoch = epochDefinition(job.dataset, s.modeledDtype);
      if (epoch === undefined) return [];
      const batchSizes = () => [...epochsToTarget(job, train).keys()];
      return [
        {
          gpu: profile.name,
          g: -1,
          epochAt: () => modeledEpochsAtLimits(profile, epoch, batchSizes()),
          epoch,
        },
      ];
    }),
  ]);
  s.jobs.forEach((job, i) => {
    for (const { gpu, g, epochAt, epoch } of priced[i] ?? []) {
      let workload: ZeusWorkload;
      try {
        workload = zeusWorkload(job, gpu, train, epochAt(), epoch ? "modeled" : "measured");
      } catch (e) {
        if (!(e instanceof InputError) || e.file !== undefined) throw e;
        const field = e.path ?? "";
        const at =
          field === "gpus" && g >= 0
            ? ["gpus", g]
            : s.hasField(i, field)
              ? ["workloads", i, field]
              : ["workloads", i];
        throw s.errorAt(at, e.detail);
      }
      const replay = replayZeus(workload, {
        eta: s.eta,
        recurrences: s.recurrences ?? zeusRecurrences(workload),
        seed: s.seed,
        beta: s.earlyStopBeta,
      });
      cases.push({ workload, replay, ...(epoch ? { epoch } : {}) });
    }
  });
  return cases;
}
