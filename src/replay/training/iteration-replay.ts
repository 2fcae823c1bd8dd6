/** What a training-iteration replay reports. Energies and powers cover all GPUs of each stage. */
import type { PowerTimeline } from "../../hardware/power/power-timeline.js";

export interface DeviceReplay {
  stage: number;
  /** Time running ops (compute and communication). */
  busyS: number;
  busyFraction: number;
  energyJ: number;
  computeJ: number;
  communicationJ: number;
  /** Blocking power x (iteration time - busy time). */
  blockingJ: number;
  /** One GPU's power from 0 to the iteration's end, scaled to the stage's GPUs. */
  power: PowerTimeline;
}

export interface OpReplay {
  id: number;
  startS: number;
  endS: number;
  /** Clock the op ran at (its plan clock unless a power cap lowered it). */
  freqMHz: number;
  energyJ: number;
  /** A power cap lowered its clock below the plan's. */
  capBound: boolean;
}

export interface IterationReplay {
  timeS: number;
  /** computeJ + communicationJ + blockingJ. */
  energyJ: number;
  computeJ: number;
  communicationJ: number;
  blockingJ: number;
  pBlockingW: number;
  switchLatencyS: number;
  gpusPerStage: number;
  /** Clock changes between consecutive compute ops of a device, over all devices. */
  clockSwitches: number;
  devices: DeviceReplay[];
  /** All stages together (their sum). */
  power: PowerTimeline;
  /** By op id. */
  ops: OpReplay[];
}
