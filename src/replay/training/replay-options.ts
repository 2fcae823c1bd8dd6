/** The replay's settings with their defaults filled in from the hardware profile, checked. */
import { badValue } from "../../input/input-error.js";
import { checkPoint } from "../../hardware/operating-point.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import { WindowedCapController } from "../../hardware/power/windowed-cap.js";
import type { OpCostTable } from "./cost/op-costs.js";

export interface ReplayOptions {
  /** For the power cap and the blocking power; default the cost table's own profile. */
  hardware?: HardwareProfile;
  /** Power of a waiting device (W); default the hardware profile's blockingW. */
  blockingW?: number;
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
  blockingW: number;
  switchLatencyS: number;
  gpusPerStage: number;
  /** A fresh cap controller for one device, or undefined without a cap. */
  newController: () => CapControl | undefined;
}

export function resolveReplayOptions(
  costs: OpCostTable,
  options: ReplayOptions,
): ResolvedReplayOptions {
  const hw = options.hardware ?? costs.hardware;
  const blockingW = options.blockingW ?? hw?.power.blockingW;
  if (blockingW === undefined || !(blockingW >= 0 && blockingW < Infinity)) {
    throw badValue(
      "pBlockingW",
      `must be a power >= 0 W (or give a hardware profile), got ${String(blockingW)}`,
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
  const newController = (): CapControl | undefined => {
    if (capW === undefined || hw === undefined) return undefined;
    // The plan's clock is each op's ceiling (see cappedRow).
    const ctl = new WindowedCapController(hw, {
      windowS: options.capWindowS,
      fillPowerW: blockingW,
    });
    return { ctl, capW };
  };
  return { blockingW, switchLatencyS, gpusPerStage, newController };
}
