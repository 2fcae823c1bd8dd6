/**
 * `wattif fit <csv> --profile <name|file>`: fit a profile's power and timing figures to
 * measurements, print per-row residuals and leave-one-out errors, and optionally write the
 * fitted figures into the profile YAML.
 */
import type { Argv } from "yargs";
import { fitProfile, type FitResult, type RowReport } from "../../hardware/fit/fit-profile.js";
import { readMeasurements } from "../../hardware/fit/read-measurements.js";
import { fittedProfileText } from "../../hardware/fit/fitted-profile-text.js";
import { readTextFile } from "../../input/read-text-file.js";
import { writeFileAtomic } from "../../report/atomic-write.js";
import { loadProfile } from "../../hardware/profile/load-profile.js";
import { toJson } from "../../report/json.js";
import { formatTable } from "../../report/table.js";
import { InputError } from "../../input/input-error.js";
import { runCommand } from "../exit-codes.js";
import { log, printResult } from "../print.js";

interface FitArgs {
  csv: string;
  profile: string;
  exclude?: string[];
  trainClocks?: number[];
  write?: string | boolean;
  loo: boolean;
  json?: boolean;
}

export function fitCommand(y: Argv) {
  return y.command<FitArgs>(
    "fit <csv>",
    "fit a profile's power and timing model to a measurement CSV (kernel or Perseus format)",
    (a) =>
      a
        .positional("csv", { type: "string", demandOption: true })
        .option("profile", {
          type: "string",
          demandOption: true,
          describe: "profile to start from",
        })
        .option("exclude", { type: "string", array: true, describe: "row labels to leave out" })
        .option("train-clocks", {
          type: "number",
          array: true,
          describe: "fit only rows at these clocks (MHz)",
        })
        .option("write", {
          describe: "write fitted figures into the profile YAML (or the given file)",
        })
        .option("loo", { type: "boolean", default: true, describe: "leave-one-out errors" })
        .option("json", { type: "boolean" }),
    (argv) =>
      runCommand(async () => {
        const profile = loadProfile(argv.profile);
        const data = await readMeasurements(argv.csv);
        const excluded = new Set((argv.exclude ?? []).flatMap((s) => s.split(",")));
        for (const label of excluded) {
          if (!data.rows.some((r) => r.label === label)) {
            throw new InputError(`no row labelled '${label}'`, {
              file: argv.csv,
              path: "exclude",
              code: "VALUE",
            });
          }
        }
        data.rows = data.rows.filter((r) => !excluded.has(r.label));
        const result = fitProfile(profile, data, {
          trainClocksMHz: argv.trainClocks,
          leaveOneOut: argv.loo,
        });
        if (argv.write !== undefined && argv.write !== false) {
          const target = typeof argv.write === "string" ? argv.write : profile.file;
          if (target === undefined)
            throw new InputError("profile has no file to write", { code: "FILE" });
          const ref = `wattif ${process.argv.slice(2).join(" ")}`;
          const figures = result.parameters.map((p) => ({ path: p.path, value: p.after }));
          writeFileAtomic(target, fittedProfileText(readTextFile(target), target, figures, ref));
          log(`wrote ${result.parameters.length} fitted figures into ${target}`);
        }
        if (argv.json) {
          printResult(toJson(summaryJson(result, data.skipped)));
          return;
        }
        printFit(result, data.skipped);
      }),
  );
}

function summaryJson(result: FitResult, skipped: { label: string; reason: string }[]) {
  return {
    parameters: result.parameters,
    opaqueWork: result.opaqueWork,
    rmsLogError: result.rmsLogError,
    errors: errorSummary(result.rows),
    rows: result.rows,
    skipped,
  };
}

const pct = (x: number | undefined) => (x === undefined ? "" : `${(100 * x).toFixed(1)}%`);

function errorSummary(rows: readonly RowReport[]) {
  const stats = (xs: number[]) => {
    const abs = xs.map(Math.abs).sort((a, b) => a - b);
    const mid = abs.length >> 1;
    const median = abs.length % 2 ? abs[mid]! : ((abs[mid - 1] ?? 0) + (abs[mid] ?? 0)) / 2;
    return { medianAbs: median, maxAbs: abs[abs.length - 1] ?? 0 };
  };
  const held = rows.filter((r) => !r.train);
  const loo = rows.filter((r) => r.leaveOneOut !== undefined);
  return {
    predictedTime: stats(rows.map((r) => r.predicted.timeErr)),
    predictedEnergy: stats(rows.map((r) => r.predicted.energyErr)),
    heldOutTime: held.length ? stats(held.map((r) => r.predicted.timeErr)) : undefined,
    heldOutEnergy: held.length ? stats(held.map((r) => r.predicted.energyErr)) : undefined,
    looTime: loo.length ? stats(loo.map((r) => r.leaveOneOut!.timeErr)) : undefined,
    looEnergy: loo.length ? stats(loo.map((r) => r.leaveOneOut!.energyErr)) : undefined,
  };
}

function printFit(result: FitResult, skipped: { label: string; reason: string }[]): void {
  const out = (s: string) => printResult(`${s}\n`);
  out("Fitted figures");
  out(
    formatTable(
      result.parameters.map((p) => ({
        path: p.path,
        before: p.before.toPrecision(4),
        after: p.after.toPrecision(5),
      })),
      [{ key: "path", align: "left" }, { key: "before" }, { key: "after" }],
    ),
  );
  out("");
  out(
    "Rows (errors are model / measured - 1; 'estimate' runs at default settings or the row's locked clock)",
  );
  out(
    formatTable(
      result.rows.map((r) => ({
        row: r.label,
        set: r.train ? "fit" : "held out",
        MHz: r.measured.freqMHz,
        "estimate MHz": `${r.predicted.freqMHz}${r.predicted.capBound ? " cap" : ""}`,
        "time@clock": pct(r.atClock.timeErr),
        "energy@clock": pct(r.atClock.energyErr),
        "time est": pct(r.predicted.timeErr),
        "energy est": pct(r.predicted.energyErr),
        "time LOO": pct(r.leaveOneOut?.timeErr),
        "energy LOO": pct(r.leaveOneOut?.energyErr),
      })),
      [
        { key: "row", align: "left" },
        { key: "set", align: "left" },
        { key: "MHz" },
        { key: "estimate MHz" },
        { key: "time@clock" },
        { key: "energy@clock" },
        { key: "time est" },
        { key: "energy est" },
        { key: "time LOO" },
        { key: "energy LOO" },
      ],
    ),
  );
  const s = errorSummary(result.rows);
  out("");
  out(
    `estimate errors: time median ${pct(s.predictedTime.medianAbs)} max ${pct(s.predictedTime.maxAbs)}; energy median ${pct(s.predictedEnergy.medianAbs)} max ${pct(s.predictedEnergy.maxAbs)}`,
  );
  if (s.heldOutTime && s.heldOutEnergy) {
    out(
      `held-out rows: time median ${pct(s.heldOutTime.medianAbs)} max ${pct(s.heldOutTime.maxAbs)}; energy median ${pct(s.heldOutEnergy.medianAbs)} max ${pct(s.heldOutEnergy.maxAbs)}`,
    );
  }
  if (s.looTime && s.looEnergy) {
    out(
      `leave-one-out: time median ${pct(s.looTime.medianAbs)} max ${pct(s.looTime.maxAbs)}; energy median ${pct(s.looEnergy.medianAbs)} max ${pct(s.looEnergy.maxAbs)}`,
    );
  }
  for (const k of skipped) out(`skipped ${k.label}: ${k.reason}`);
}
