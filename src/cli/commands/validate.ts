/**
 * `wattif validate <file>`: check a scenario or a hardware profile without running anything.
 * A file with `kind:` is a scenario; anything else is read as a profile.
 */
import type { Argv } from "yargs";
import { loadProfile } from "../../hardware/profile/load-profile.js";
import { planRun } from "../../sweep/plan-sweep.js";
import { loadYamlFile } from "../../input/load-yaml.js";
import { runCommand } from "../exit-codes.js";
import { checkTrainingJob } from "../../optimize/training/plan-training.js";
import { withScenarioPositions } from "../../scenario/scenario-positions.js";

export function validateCommand(y: Argv) {
  return y.command<{ file: string }>(
    "validate <file>",
    "check a scenario or hardware profile YAML (exit 2 with file:line:col on problems)",
    (a) => a.positional("file", { type: "string", demandOption: true }),
    (argv) =>
      runCommand(async () => {
        const raw = loadYamlFile(argv.file).value;
        const isScenario = raw !== null && typeof raw === "object" && "kind" in raw;
        if (isScenario) {
          const planned = planRun(argv.file);
          if (planned.batch) {
            const p = planned.plan;
            process.stdout.write(
              `ok: ${argv.file}: ${p.kind} scenario '${p.name}', ${p.points.length} sweep point(s) over ${p.axes.join(", ")}\n`,
            );
            return;
          }
          const s = planned.scenario;
          // Training reads its stage profile and sizes its plan only when it runs: check that
          // now, as run-scenario would (a plan when frontier, else a replay unless a job runs).
          if (s.kind === "training" && (s.frontier || s.cluster === undefined)) {
            const job = { ...s.job, frontier: s.frontier };
            await withScenarioPositions(s.file, () => checkTrainingJob(job));
          }
          process.stdout.write(
            `ok: ${argv.file}: ${s.kind} scenario '${s.name}'` +
              (s.kind === "training"
                ? "\n"
                : s.kind === "zeus"
                  ? `, ${s.jobs.length} job(s) x ${s.gpus.length} GPU(s) + ${s.modeled.length} modeled profile(s)\n`
                  : s.kind === "capacity"
                    ? s.training
                      ? `, a training plan over ${s.training.layouts.length} layout(s)\n`
                      : `, ${s.candidates.length} candidate(s) x ${s.growth.length} demand level(s)\n`
                    : `, ${Math.max(1, s.points.length)} point(s)\n`),
          );
        } else {
          const p = loadProfile(argv.file);
          process.stdout.write(
            `ok: ${argv.file}: hardware profile '${p.name}'${p.extends ? ` (extends ${p.extends})` : ""}\n`,
          );
        }
      }),
  );
}
