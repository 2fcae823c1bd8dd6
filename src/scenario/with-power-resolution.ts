/**
 * `wattif run --power-resolution S`: a training job's power series at another bin width than
 * its scenario's `powerResolutionS`, without editing the file.
 */
import { badValue } from "../input/input-error.js";
import type { Scenario } from "./load-scenario.js";

export function withPowerResolution(scenario: Scenario, resolutionS: number | undefined): Scenario {
  if (resolutionS === undefined) return scenario;
  if (!(resolutionS > 0 && resolutionS < Infinity)) {
    throw badValue("--power-resolution", `must be a time > 0 s, got ${String(resolutionS)}`);
  }
  if (scenario.kind !== "training" || scenario.cluster === undefined) {
    throw badValue(
      "--power-resolution",
      "applies to a training scenario with 'steps' (the job replay's power series)",
    );
  }
  return { ...scenario, cluster: { ...scenario.cluster, powerResolutionS: resolutionS } };
}
