/** The fixed operating-point policies, and `createPolicy` for every kind. */
import { checkPoint, type OperatingPoint } from "../../../hardware/operating-point.js";
import type { HardwareProfile } from "../../../hardware/profile/profile.js";
import { InputError } from "../../../input/input-error.js";
import type { ClockPolicy, IterationKind, PolicySpec } from "./policy.js";
import { SloDynamicPolicy } from "./slo-dynamic-policy.js";

/** Where a policy's knobs sit in a scenario, for error messages. */
const POLICY_PATHS = { lockedMHz: "policy.lockedMHz", powerCapW: "policy.powerCapW" };

/** One operating point for every iteration. */
export class FixedPointPolicy implements ClockPolicy {
  constructor(
    readonly name: string,
    private readonly point: OperatingPoint,
  ) {}
  clockFor(): OperatingPoint {
    return this.point;
  }
}

/** The profile's default clock and power limit. */
export class DefaultPolicy extends FixedPointPolicy {
  constructor() {
    super("default", {});
  }
}

/** One clock lock (and optionally a cap) for every iteration. */
export class LockedClockPolicy extends FixedPointPolicy {
  constructor(profile: HardwareProfile, lockedMHz: number, powerCapW?: number) {
    super(`locked ${lockedMHz} MHz`, checkPoint(profile, { lockedMHz, powerCapW }, POLICY_PATHS));
  }
}

/** A power cap at the default clock ceiling. */
export class PowerCapPolicy extends FixedPointPolicy {
  constructor(profile: HardwareProfile, powerCapW: number) {
    super(`cap ${powerCapW} W`, checkPoint(profile, { powerCapW }, POLICY_PATHS));
  }
}

/** One lock for iterations that run prompt chunks, another for decode-only iterations. */
export class PerPhasePolicy implements ClockPolicy {
  readonly name: string;
  private readonly prefill: OperatingPoint;
  private readonly decode: OperatingPoint;
  constructor(
    profile: HardwareProfile,
    prefillMHz?: number,
    decodeMHz?: number,
    powerCapW?: number,
  ) {
    this.prefill = checkPoint(
      profile,
      { lockedMHz: prefillMHz, powerCapW },
      {
        lockedMHz: "policy.prefillMHz",
        powerCapW: POLICY_PATHS.powerCapW,
      },
    );
    this.decode = checkPoint(
      profile,
      { lockedMHz: decodeMHz, powerCapW },
      {
        lockedMHz: "policy.decodeMHz",
        powerCapW: POLICY_PATHS.powerCapW,
      },
    );
    this.name = `per-phase prefill ${prefillMHz ?? "default"} / decode ${decodeMHz ?? "default"} MHz`;
  }
  clockFor(kind: IterationKind): OperatingPoint {
    return kind === "prefill" ? this.prefill : this.decode;
  }
}

export function createPolicy(spec: PolicySpec, profile: HardwareProfile): ClockPolicy {
  switch (spec.kind) {
    case "default":
      return new DefaultPolicy();
    case "locked":
      return new LockedClockPolicy(profile, spec.lockedMHz, spec.powerCapW);
    case "powerCap":
      return new PowerCapPolicy(profile, spec.powerCapW);
    case "perPhase":
      return new PerPhasePolicy(profile, spec.prefillMHz, spec.decodeMHz, spec.powerCapW);
    case "sloDynamic":
      return new SloDynamicPolicy(profile, spec);
    default: {
      const kind: unknown = (spec as { kind: unknown }).kind;
      throw new InputError(`unknown policy kind ${JSON.stringify(kind)}`, {
        code: "VALUE",
        path: "policy.kind",
      });
    }
  }
}
