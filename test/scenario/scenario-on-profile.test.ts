/**
 * A scenario file on another profile: only `hardware` changes (and any settings given), every
 * check of the kind's loader still runs with the file's positions, and a profile that does not
 * exist is named.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/input/input-error.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";
import type { ServingScenario } from "../../src/scenario/load-serving-scenario.js";
import { mechanismsOf } from "../../src/scenario/results/compare-mechanisms.js";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { scenarioOnProfile } from "../../src/scenario/scenario-on-profile.js";
import type { TrainingScenario } from "../../src/scenario/load-training-scenario.js";

const SERVING = "scenarios/hypothetical-serving.yaml";
const TRAINING = "scenarios/hypothetical-training.yaml";

const thrown = (f: () => unknown): InputError => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error");
};

describe("scenarioOnProfile", () => {
  it("swaps the hardware by name or path and keeps everything else", () => {
    const plain = loadScenario(SERVING) as ServingScenario;
    const byName = scenarioOnProfile(SERVING, "h200") as ServingScenario;
    expect(byName.profile.name).toBe("h200");
    expect(byName.trace.requests).toEqual(plain.trace.requests);
    expect(byName.name).toBe(plain.name);
    const byPath = scenarioOnProfile(
      TRAINING,
      "hardware-profiles/hypothetical-h100-fastdvfs.yaml",
      [{ path: ["switchLatency"], value: "profile" }],
    ) as TrainingScenario;
    expect(byPath.job.source.hardware?.name).toBe("hypothetical-h100-fastdvfs");
    expect(byPath.job.switchLatencyS).toBe(0.001);
  });

  it("names a profile that does not exist, and checks the scenario on the new part", () => {
    expect(thrown(() => scenarioOnProfile(SERVING, "h900")).message).toMatch(
      /--profiles: cannot load profile 'h900'/,
    );
    // 1980 MHz is not on the fixed-clock TPU-like part's grid: the loader says so, in the file.
    const e = thrown(() =>
      scenarioOnProfile(SERVING, "tpu-v5p-like", [{ path: ["sweep"], value: { freqMHz: [1980] } }]),
    );
    expect(e.message).toMatch(/hypothetical-serving\.yaml:\d+:\d+: .*1980/);
  });

  it("an estimate scenario too, with its mechanisms read from the run's summary", async () => {
    const s = scenarioOnProfile("scenarios/h100-prefill-clocks-caps.yaml", "h200");
    const summary = (await runScenario(s)).summary as { hardware: string };
    expect(summary.hardware).toBe("h200");
    const m = mechanismsOf("estimate", summary);
    expect(m.timeS).toBeGreaterThan(0);
    expect(m.capBoundShare === 0 || m.capBoundShare === 1).toBe(true);
    expect(Object.values(m).every((v) => v !== null)).toBe(true);
  });

  it("refuses kinds without one swappable profile", () => {
    expect(
      thrown(() => scenarioOnProfile("scenarios/zeus-recurring-jobs.yaml", "h200")).message,
    ).toMatch(/swaps the hardware of a serving, training, estimate scenario, not of a zeus one/);
  });
});
