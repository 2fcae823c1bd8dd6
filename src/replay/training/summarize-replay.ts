/**
 * From what each device logged during a replay to the reported figures: iteration time, the
 * energy split, per-device busy time and power timelines (each closed with blocking power until
 * the iteration ends). Totals are exact sums (fsum) of op energies and per-device blocking
 * energies, so no order of ops or devices changes them.
 */
import { fsum } from "d3-array";
import { PowerTimeline } from "../../hardware/power/power-timeline.js";
import { SegmentKind } from "../../hardware/power/segment-kind.js";
import type { DeviceReplay, IterationReplay, OpReplay } from "./iteration-replay.js";

/** What a device logged: its power from 0 (ops and blocking gaps) and its ops' durations. */
export interface DeviceLog {
  power: PowerTimeline;
  busyS: number[];
}

export interface ReplaySettings {
  pBlockingW: number;
  switchLatencyS: number;
  gpusPerStage: number;
  clockSwitches: number;
}

/** `ops` by id, with per-GPU energies; `stageOf` and `isCompute` describe each op. */
export function summarizeReplay(
  devices: readonly DeviceLog[],
  ops: readonly OpReplay[],
  stageOf: (id: number) => number,
  isCompute: (id: number) => boolean,
  settings: ReplaySettings,
): IterationReplay {
  const { pBlockingW, gpusPerStage: gpus } = settings;
  const timeS = ops.reduce((t, r) => Math.max(t, r.endS), 0);
  const blocking = devices.map((d) => pBlockingW * (timeS - fsum(d.busyS)));
  const energyOf = (keep: (o: OpReplay) => boolean): number =>
    gpus * fsum(ops.filter(keep), (o) => o.energyJ);
  const perDevice: DeviceReplay[] = devices.map((d, stage) => {
    const busyS = fsum(d.busyS);
    const blockingJ = blocking[stage] as number;
    // Blocking after its last op until the iteration ends.
    d.power.add(d.power.endS, timeS, pBlockingW, SegmentKind.Blocking);
    const mine = ops.filter((o) => stageOf(o.id) === stage);
    return {
      stage,
      busyS,
      busyFraction: timeS > 0 ? busyS / timeS : 0,
      energyJ: gpus * fsum([...mine.map((o) => o.energyJ), blockingJ]),
      computeJ: energyOf((o) => stageOf(o.id) === stage && isCompute(o.id)),
      communicationJ: energyOf((o) => stageOf(o.id) === stage && !isCompute(o.id)),
      blockingJ: gpus * blockingJ,
      power: d.power,
    };
  });
  return {
    timeS,
    energyJ: gpus * fsum([...ops.map((o) => o.energyJ), ...blocking]),
    computeJ: energyOf((o) => isCompute(o.id)),
    communicationJ: energyOf((o) => !isCompute(o.id)),
    blockingJ: gpus * fsum(blocking),
    ...settings,
    devices: perDevice,
    power: PowerTimeline.sum(perDevice.map((d) => d.power)),
    ops: ops.map((o) => ({ ...o, energyJ: gpus * o.energyJ })),
  };
}
