/**
 * Checks of operating-point knobs a scenario names (a clock on the part's grid, a cap within its
 * limits), collected as positioned errors so one run reports them all.
 */
import type { HardwareProfile } from "../hardware/profile/profile.js";
import type { InputError } from "../input/input-error.js";
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
  const grid = profile.clocks.smMHz;
  const limit = profile.powerLimit;
  return {
    clock(f, path) {
      if (!grid.includes(f)) {
        problems.push(
          loaded.errorAt(
            path,
            `${f} MHz is not on ${profile.name}'s clock grid (${grid[0]}-${grid[grid.length - 1]} MHz)`,
          ),
        );
      }
    },
    cap(w, path) {
      if (limit === undefined) {
        problems.push(loaded.errorAt(path, `${profile.name} has no settable power limit`));
      } else if (w < limit.minW || w > limit.maxW) {
        problems.push(
          loaded.errorAt(
            path,
            `${w} W is outside ${profile.name}'s limits ${limit.minW}-${limit.maxW} W`,
          ),
        );
      }
    },
  };
}
