/** The replay's settings with their defaults filled in from the hardware profile, checked. */
import { badValue } from "../../input/input-error.js";
import { checkPoint } from "../../hardware/operating-point.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import type { PowerTimeline } from "../../hardware/power/power-timeline.js";
import { WindowedCapController } from "../../hardware/power/windowed-cap.js";
import type { OpCostTable } from "./cost/op-costs.js";

export interface ReplayOptions {
  /** For the power cap and the blocking power; default the cost table's own profile. */
  hardware?: HardwareProfile;
  /** P_blocking: power of a waiting device (W); default the hardware profile's blockingW. */
  pBlockingW?: number;
  /** Default: the cost table's profile's switch latency; 0 for a measured table. */
  switchLatencyS?: number;
  /** GPUs each stage stands for (its tp group); default 1. */
  gpusPerStage?: number;
  /** Power cap per GPU (W), enforced over the profile's window; needs a hardware profile. */
  powerCapW?: number;
  /** The cap controller's averaging window; default the profile's. */
  capWindowS?: number;
}

/** A device's cap controller and the cap it enforces. */
export interface CapControl {
  ctl: WindowedCapController;
  capW: number;
}

export interface ResolvedReplayOptions {
  pBlockingW: number;
  switchLatencyS: number;
  gpusPerStage: number;
  /** A cap controller reading one device's power timeline, or undefined without a cap. */
  newController: (power: PowerTimeline) => CapControl | undefined;
}

export function resolveReplayOptions(
  costs: OpCostTable,
  options: ReplayOptions,
): ResolvedReplayOptions {
  const hw = options.hardware ?? costs.hardware;
  const pBlockingW = options.pBlockingW ?? hw?.power.blockingW;
  if (pBlockingW === undefined || !(pBlockingW >= 0 && pBlockingW < Infinity)) {
    throw badValue(
      "pBlockingW",
      `must be a power >= 0 W (or give a hardware profile), got ${String(pBlockingW)}`,
    );
  }
  const switchLatencyS = options.switchLatencyS ?? costs.hardware?.clocks.switchLatencyS ?? 0;
  if (!(switchLatencyS >= 0 && switchLatencyS < Infinity)) {
    throw badValue("switchLatencyS", `must be >= 0, got ${switchLatencyS}`);
  }
  const gpusPerStage = options.gpusPerStage ?? 1;
  if (!(gpusPerStage > 0 && gpusPerStage < Infinity)) {
    throw badValue("gpusPerStage", `must be > 0, got ${gpusPerStage}`);
  }
  const capW = options.powerCapW;
  if (capW !== undefined) {
    if (hw === undefined)
      throw badValue("powerCapW", "needs a hardware profile (options.hardware)");
    checkPoint(hw, { powerCapW: capW });
  }
  const newController = (power: PowerTimeline): CapControl | undefined => {
    if (capW === undefined || hw === undefined) return undefined;
    // The plan's clock is each op's ceiling (see cappedRow).
    const ctl = new WindowedCapController(hw, power, {
      windowS: options.capWindowS,
      fillPowerW: pBlockingW,
    });
    return { ctl, capW };
  };
  return { pBlockingW, switchLatencyS, gpusPerStage, newController };
}
