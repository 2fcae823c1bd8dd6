/**
 * `wattif frontier`: the training-iteration time-energy frontier over per-op clock plans, from a
 * measured stage profile (Perseus' CSV format) or from model shapes on a hardware profile.
 */
import type { Argv } from "yargs";
import { checkPoint } from "../../hardware/operating-point.js";
import { loadProfile } from "../../hardware/profile/load-profile.js";
import {
  planTraining,
  TRAINING_DEFAULTS as D,
  type ScheduleName,
  type TrainingJob,
  type TrainingSource,
} from "../../optimize/training/plan-training.js";
import { replayTraining } from "../../optimize/training/replay-training.js";
import {
  formatTrainingReplay,
  trainingReplayFiles,
  trainingReplaySummary,
} from "../../scenario/results/training-replay-results.js";
import { writeResultSet } from "../../report/atomic-write.js";
import { checkOutputDir } from "../../report/check-output-dir.js";
import { toJson } from "../../report/json.js";
import {
  formatTraining,
  trainingFiles,
  trainingSummary,
} from "../../scenario/results/training-results.js";
import { loadScheduleFile } from "../../scenario/load-schedule-file.js";
import { reportFiles } from "../../scenario/results/report-files.js";
import { trainingPlots } from "../../scenario/results/training-plots.js";
import { runCommand } from "../exit-codes.js";
import { checkFlagLimits } from "../flag-limits.js";
import { log, printResult } from "../print.js";

interface FrontierArgs {
  profile?: string;
  model?: string;
  hardware?: string;
  powerCap?: number;
  stages: number;
  tp: number;
  microbatchSize: number;
  seq: number;
  microbatches: number;
  schedule: ScheduleName;
  chunks: number;
  scheduleFile?: string;
  pBlocking?: number;
  unitTime: number;
  straggler?: number;
  pipelines: number;
  communication: boolean;
  out?: string;
  json?: boolean;
  replayOnly?: boolean;
  freq?: number;
}

export function frontierCommand(y: Argv) {
  return y.command<FrontierArgs>(
    "frontier",
    "training iteration time-energy frontier over per-op clocks (Perseus)",
    (a) =>
      a
        .option("profile", {
          type: "string",
          describe: "stage profile CSV: stage,instruction,frequency,time,energy",
        })
        .option("model", {
          type: "string",
          describe:
            "or: a model priced on --hardware: built-in name, 'hf:<org>/<name>' or a config.json path",
        })
        .option("hardware", {
          type: "string",
          describe: `hardware profile (default ${D.hardware} with --model; with --profile: its cap range and node figures)`,
        })
        .option("power-cap", {
          type: "number",
          describe: "model input: power cap per GPU (W); default the profile's default limit",
        })
        .option("stages", {
          type: "number",
          default: D.stages,
          describe: "pipeline stages (model input)",
        })
        .option("tp", {
          type: "number",
          default: D.tp,
          describe: "tensor-parallel GPUs per stage (model input)",
        })
        .option("microbatch-size", { type: "number", default: D.microbatchSize })
        .option("seq", { type: "number", default: D.seqTokens })
        .option("microbatches", { type: "number", demandOption: true })
        .option("schedule", {
          choices: ["gpipe", "1f1b", "interleaved", "zb-h1", "custom"] as const,
          default: D.schedule,
        })
        .option("schedule-file", {
          type: "string",
          describe:
            "custom schedule (YAML/JSON: order: one op list per stage); implies --schedule custom",
        })
        .option("chunks", {
          type: "number",
          default: D.chunks,
          describe: "model chunks per stage (interleaved)",
        })
        .option("p-blocking", { type: "number", describe: "power of a waiting GPU (W)" })
        .option("unit-time", {
          type: "number",
          default: D.unitTimeS,
          describe: "op times quantized down to this (s)",
        })
        .option("straggler", { type: "number", describe: "another pipeline's slowdown factor" })
        .option("pipelines", {
          type: "number",
          default: D.pipelines,
          describe: "data-parallel pipelines in the job (with --straggler)",
        })
        .option("communication", {
          type: "boolean",
          default: D.communication,
          describe:
            "model input: add activation sends, gradient all-reduce (--pipelines > 1), optimizer",
        })
        .option("out", {
          type: "string",
          describe: "write frontier.csv, plans.csv, summary.json, plots/ and report.html here",
        })
        .option("json", { type: "boolean" })
        .option("replay-only", {
          type: "boolean",
          describe:
            "replay one operating point (every op at its default clock, or --freq / --power-cap) instead of planning the frontier",
        })
        .option("freq", {
          type: "number",
          describe: "with --replay-only: every op under this SM clock lock (MHz)",
        })
        .conflicts("profile", "model")
        .check((argv) => {
          if (argv.profile === undefined && argv.model === undefined)
            throw new Error("give --profile <csv> or --model <name>");
          if (argv.profile !== undefined && argv.pBlocking === undefined)
            throw new Error("--profile needs --p-blocking (the power of a waiting GPU, W)");
          if (argv.profile !== undefined && argv.powerCap !== undefined)
            throw new Error(
              "--power-cap needs --model (a measured profile's rows are measurements)",
            );
          for (const k of [
            "microbatches",
            "stages",
            "tp",
            "microbatchSize",
            "seq",
            "chunks",
            "pipelines",
          ] as const) {
            const v = argv[k];
            if (!Number.isInteger(v) || (v as number) < 1)
              throw new Error(`--${k} must be a positive integer, got ${v}`);
          }
          if (argv.freq !== undefined && !argv.replayOnly)
            throw new Error("--freq locks the clock of a replay: it needs --replay-only");
          if (argv.replayOnly && argv.straggler !== undefined)
            throw new Error("--straggler picks a frontier plan: it cannot go with --replay-only");
          const unit = argv.unitTime as number;
          if (!(unit > 0)) throw new Error(`--unit-time must be > 0, got ${unit}`);
          const pb = argv.pBlocking as number | undefined;
          if (pb !== undefined && !(pb >= 0))
            throw new Error(`--p-blocking must be >= 0, got ${pb}`);
          return true;
        }),
    (argv) =>
      runCommand(async () => {
        checkFlagLimits(argv);
        if (argv.out !== undefined) checkOutputDir(argv.out);
        const hardware = loadProfile(argv.hardware ?? D.hardware);
        if (argv.powerCap !== undefined) {
          checkPoint(hardware, { powerCapW: argv.powerCap }, { powerCapW: "--power-cap" });
        }
        if (argv.freq !== undefined && argv.profile === undefined) {
          checkPoint(hardware, { lockedMHz: argv.freq }, { lockedMHz: "--freq" });
        }
        const source: TrainingSource =
          argv.profile !== undefined
            ? {
                kind: "profile",
                file: argv.profile,
                ...(argv.hardware === undefined ? {} : { hardware }),
              }
            : {
                kind: "model",
                hardware,
                model: argv.model!,
                stages: argv.stages,
                tp: argv.tp,
                microbatchSize: argv.microbatchSize,
                seqTokens: argv.seq,
              };
        const custom =
          argv.scheduleFile === undefined ? undefined : loadScheduleFile(argv.scheduleFile);
        const job: TrainingJob = {
          source,
          schedule: custom ? "custom" : argv.schedule,
          chunks: custom ? (custom.chunks ?? 1) : argv.chunks,
          customOrder: custom,
          microbatches: argv.microbatches,
          pBlockingW: argv.pBlocking,
          unitTimeS: argv.unitTime,
          straggler: argv.straggler,
          pipelines: argv.pipelines,
          communication: argv.communication,
          powerCapW: argv.powerCap,
        };
        if (argv.replayOnly) {
          const run = await replayTraining({ ...job, frontier: false, freqMHz: argv.freq });
          if (argv.out !== undefined) {
            writeResultSet(argv.out, trainingReplayFiles(run));
            log(`wrote summary.json to ${argv.out}/ (replay only: no frontier)`);
          }
          printResult(argv.json ? toJson(trainingReplaySummary(run)) : formatTrainingReplay(run));
          return;
        }
        const plan = await planTraining(job);
        if (argv.out !== undefined) {
          const report = await reportFiles({ plots: trainingPlots("frontier", plan) });
          writeResultSet(argv.out, { ...(await trainingFiles(plan)), ...report });
          log(`wrote frontier.csv, plans.csv, summary.json, report.html, plots/ to ${argv.out}/`);
        }
        printResult(argv.json ? toJson(trainingSummary(plan)) : formatTraining(plan));
      }),
  );
}
