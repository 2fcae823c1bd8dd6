/**
 * The saturated steady state of one replica, as a saturated benchmark measures it (ML.ENERGY's
 * leaderboard: the engine kept full at max_num_seqs): the iterations after a warm-up of
 * `warmupRequests` completions (so the batch's mix of sequence ages has settled) during which
 * requests still wait (the engine runs as full as its sequence limit and KV cache let it), up
 * to the first iteration that finds the queue empty. Over that window: tokens, energy (every
 * GPU of the replica, from its power timeline), the time-averaged running batch (vLLM's
 * num_requests_running gauge) and the inter-token gaps of tokens emitted in it.
 */
import { Adder } from "d3-array";
import type { Summary } from "./summary.js";
import { WeightedSamples } from "./weighted-samples.js";

export interface SteadyState {
  startS: number;
  endS: number;
  durationS: number;
  iterations: number;
  outputTokens: number;
  throughputTokS: number;
  /** Running sequences averaged over the window's time. */
  avgBatch: number;
  itlS: Summary;
  /** All GPUs of the replica over the window (the run's `gpus` scope). */
  gpuEnergyJ: number;
  gpuEnergyPerOutputTokenJ: number;
  avgGpuPowerW: number;
}

type State = "warmup" | "on" | "done";

export class SteadyWindow {
  /** Gaps of tokens emitted inside the window; emitTokens adds to it while `measuring`. */
  readonly itl = new WeightedSamples();
  measuring = false;
  private state: State = "warmup";
  private startS = NaN;
  private endS = NaN;
  private startEnergyJ = 0;
  private endEnergyJ = 0;
  private iterations = 0;
  private outputTokens = 0;
  private readonly batchTime = new Adder();

  constructor(readonly warmupRequests: number) {}

  /**
   * At an iteration's start, after scheduling: `finished` requests so far, whether requests still
   * wait, `energyJ` on the replica's timeline before this iteration.
   */
  begin(nowS: number, finished: number, saturated: boolean, energyJ: number): void {
    if (this.state === "warmup" && saturated && finished >= this.warmupRequests) {
      this.state = "on";
      this.startS = nowS;
      this.startEnergyJ = energyJ;
    } else if (this.state === "on" && !saturated) {
      this.close(nowS, energyJ);
    }
    this.measuring = this.state === "on";
  }

  /** At the end of an iteration begun while measuring. */
  end(startS: number, endS: number, running: number, emitted: number): void {
    if (!this.measuring) return;
    this.iterations++;
    this.outputTokens += emitted;
    this.batchTime.add(running * (endS - startS));
  }

  /** Closes a window still open when the replica's work ran out. */
  close(nowS: number, energyJ: number): void {
    if (this.state !== "on") return;
    this.state = "done";
    this.endS = nowS;
    this.endEnergyJ = energyJ;
    this.measuring = false;
  }

  /** The window's figures, or undefined when the run never reached a measured steady state. */
  result(): SteadyState | undefined {
    if (this.state !== "done" || !(this.endS > this.startS) || this.outputTokens === 0)
      return undefined;
    const durationS = this.endS - this.startS;
    const energyJ = this.endEnergyJ - this.startEnergyJ;
    const q = this.itl.quantiles([0.5, 0.9, 0.99]);
    return {
      startS: this.startS,
      endS: this.endS,
      durationS,
      iterations: this.iterations,
      outputTokens: this.outputTokens,
      throughputTokS: this.outputTokens / durationS,
      avgBatch: this.batchTime.valueOf() / durationS,
      itlS: {
        mean: this.itl.mean(),
        p50: q[0] as number,
        p90: q[1] as number,
        p99: q[2] as number,
        count: this.itl.count,
      },
      gpuEnergyJ: energyJ,
      gpuEnergyPerOutputTokenJ: energyJ / this.outputTokens,
      avgGpuPowerW: energyJ / durationS,
    };
  }
}
