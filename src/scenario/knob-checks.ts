/**
 * Checks of operating-point knobs a scenario names, by the profile's one point check
 * (hardware/operating-point.ts), collected as positioned errors so one run reports them all.
 */
import { resolvePoint } from "../hardware/operating-point.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";

export type FieldPath = (string | number)[];

export interface KnobChecks {
  clock(freqMHz: number, path: FieldPath): void;
  cap(powerCapW: number, path: FieldPath): void;
}

export function knobChecks(
  profile: HardwareProfile,
  loaded: LoadedYaml,
  problems: InputError[],
): KnobChecks {
  const check = (point: { lockedMHz?: number; powerCapW?: number }, path: FieldPath) => {
    try {
      resolvePoint(profile, point);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(loaded.errorAt(path, e.detail));
    }
  };
  return {
    clock: (lockedMHz, path) => check({ lockedMHz }, path),
    cap: (powerCapW, path) => check({ powerCapW }, path),
  };
}
