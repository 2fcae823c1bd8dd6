/**
 * Training-frontier planner speed: Perseus' GPT-3 175B A100 stage profile, 8 stages, 1F1B, at
 * 12, 48 and 96 microbatches (lowtime needs minutes to hours on such inputs).
 */
import { packagePath } from "../input/project-paths.js";
import { plannerInputOf } from "../optimize/training/from-dag.js";
import { trainingFrontier } from "../optimize/training/training-frontier.js";
import { oneFOneBSchedule } from "../workload/training/index.js";
import { costsFromStageProfile, readStageProfile } from "../replay/training/index.js";

export interface FrontierBenchRow {
  microbatches: number;
  ops: number;
  frontierPoints: number;
  wallS: number;
}

export async function benchFrontier(
  microbatches: readonly number[] = [12, 48, 96],
): Promise<FrontierBenchRow[]> {
  const file = packagePath("data/perseus/gpt3-175b+a100_sxm_bf16.stage_profile.csv");
  const profile = await readStageProfile(file);
  const rows: FrontierBenchRow[] = [];
  for (const m of microbatches) {
    const dag = oneFOneBSchedule({ stages: profile.stages, microbatches: m });
    const input = plannerInputOf(dag, costsFromStageProfile(dag, profile), 83.64);
    const t0 = process.hrtime.bigint();
    const f = trainingFrontier(input, { unitTimeS: 0.001 });
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push({ microbatches: m, ops: dag.ops.length, frontierPoints: f.frontier.length, wallS });
  }
  return rows;
}
