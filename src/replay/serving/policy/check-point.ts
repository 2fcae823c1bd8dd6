/** An operating point checked against a profile, bad clocks and caps as InputErrors. */
import { resolvePoint, type OperatingPoint } from "../../../hardware/operating-point.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";

/** Checks a point against the profile; a bad clock or cap is an InputError at `path`. */
export function checkPoint(
  profile: HardwareProfile,
  point: OperatingPoint,
  path: string,
): OperatingPoint {
  try {
    resolvePoint(profile, point);
  } catch (e) {
    throw new InputError((e as Error).message, { code: "VALUE", path });
  }
  return point;
}
