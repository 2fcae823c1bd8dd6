/**
 * Discrete-event replay of one training iteration. Devices are the pipeline stages (one GPU
 * standing for its tp group; `gpusPerStage` scales energy and power). A device runs its ready
 * ops one at a time, lowest id first (builders number a stage's ops in schedule order), when
 * their dependencies have finished. A compute op whose clock differs from the device's last
 * compute op waits for the switch latency, counted from that op's end, so a switch hides
 * behind any wait. While a device has nothing running, before its first op and after its last
 * until the iteration ends, it draws the blocking power (Perseus' P_blocking).
 */
import { Simulator } from "../../core/simulator.js";
import { PowerTimeline } from "../../hardware/power/power-timeline.js";
import { SegmentKind } from "../../hardware/power/segment-kind.js";
import type { CapControl } from "./replay-options.js";
import { isComputeOp, type OpCostTable } from "./cost/op-costs.js";
import type { TrainingDag } from "../../workload/training/dag.js";
import { checkDag } from "../../workload/training/validate-dag.js";
import { planClockMHz, type FrequencyPlan } from "./frequency-plan.js";
import type { IterationReplay, OpReplay } from "./iteration-replay.js";
import { cappedRow, planRow, type OpRow } from "./op-row.js";
import { resolveReplayOptions, type ReplayOptions } from "./replay-options.js";
import { summarizeReplay, type DeviceLog } from "./summarize-replay.js";

interface Device extends DeviceLog {
  ready: number[];
  busy: boolean;
  dispatchQueued: boolean;
  lastComputeEndS: number;
  lastFreqMHz: number | undefined;
  ctl: CapControl | undefined;
}

export type { ReplayOptions };

export function replayIteration(
  dag: TrainingDag,
  costs: OpCostTable,
  plan: FrequencyPlan,
  options: ReplayOptions = {},
): IterationReplay {
  checkDag(dag);
  if (costs.ops.length !== dag.ops.length) {
    throw new RangeError(`cost table has ${costs.ops.length} ops, the DAG ${dag.ops.length}`);
  }
  const { pBlockingW, switchLatencyS, gpusPerStage, newController } = resolveReplayOptions(
    costs,
    options,
  );
  const n = dag.ops.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const waiting = new Int32Array(n);
  for (const op of dag.ops) {
    waiting[op.id] = op.deps.length;
    for (const d of op.deps) succ[d]?.push(op.id);
  }
  const devices: Device[] = Array.from({ length: dag.stages }, () => {
    // One GPU's power, standing for the stage's tp group; its cap controller reads it.
    const power = new PowerTimeline({ scale: gpusPerStage });
    return {
      ready: [],
      busy: false,
      dispatchQueued: false,
      lastComputeEndS: 0,
      lastFreqMHz: undefined,
      power,
      busyS: [],
      ctl: newController(power),
    };
  });
  const results: (OpReplay | undefined)[] = new Array(n);
  let clockSwitches = 0;
  let done = 0;
  const sim = new Simulator();

  const makeReady = (id: number) => {
    const d = devices[(dag.ops[id] as { stage: number }).stage] as Device;
    // Sorted insert: ready lists are short.
    let i = d.ready.length;
    while (i > 0 && (d.ready[i - 1] as number) > id) i--;
    d.ready.splice(i, 0, id);
    requestDispatch(d);
  };
  // Dispatch after every completion at this instant (priority 1 runs after priority 0), so a
  // device chooses among all ops that became ready at the same time.
  const requestDispatch = (d: Device) => {
    if (d.dispatchQueued) return;
    d.dispatchQueued = true;
    sim.schedule(
      0,
      () => {
        d.dispatchQueued = false;
        dispatch(d);
      },
      1,
    );
  };
  const dispatch = (d: Device) => {
    if (d.busy || d.ready.length === 0) return;
    const id = d.ready.shift() as number;
    const op = dag.ops[id] as TrainingDag["ops"][number];
    const choices = costs.ops[id] as OpCostTable["ops"][number];
    const nowS = sim.nowS;
    const compute = isComputeOp(op);
    const clock = planClockMHz(plan, id);
    const row: OpRow =
      compute && d.ctl !== undefined
        ? cappedRow(op, choices, clock, d.ctl, nowS)
        : planRow(op, choices, clock);
    let startS = nowS;
    if (compute && d.lastFreqMHz !== undefined && row.freqMHz !== d.lastFreqMHz) {
      startS = Math.max(nowS, d.lastComputeEndS + switchLatencyS);
      clockSwitches++;
    }
    const endS = startS + row.timeS;
    const powerW = row.timeS > 0 ? row.energyJ / row.timeS : 0;
    d.power.add(d.power.endS, startS, pBlockingW, SegmentKind.Blocking);
    d.power.add(startS, endS, powerW, SegmentKind.Busy);
    d.busyS.push(row.timeS);
    d.busy = true;
    if (compute) {
      d.lastComputeEndS = endS;
      d.lastFreqMHz = row.freqMHz;
    }
    results[id] = {
      id,
      startS,
      endS,
      freqMHz: row.freqMHz,
      energyJ: row.energyJ,
      capBound: row.capBound,
    };
    sim.scheduleAt(endS, () => {
      d.busy = false;
      done++;
      for (const s of succ[id] ?? []) {
        const left = (waiting[s] as number) - 1;
        waiting[s] = left;
        if (left === 0) makeReady(s);
      }
      requestDispatch(d);
    });
  };

  for (let id = 0; id < n; id++) if (waiting[id] === 0) makeReady(id);
  sim.run();
  if (done !== n) throw new Error(`replay stalled after ${done} of ${n} ops`);

  return summarizeReplay(
    devices,
    results as OpReplay[],
    (id) => (dag.ops[id] as { stage: number }).stage,
    (id) => isComputeOp(dag.ops[id] as TrainingDag["ops"][number]),
    { pBlockingW, switchLatencyS, gpusPerStage, clockSwitches },
  );
}
