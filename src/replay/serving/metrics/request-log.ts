/**
 * What happened to each request of a trace, by request id: first and last token times, how
 * many tokens it got and how often it finished (exactly once, the accounting tests check), and
 * every inter-token gap (as weighted runs). One log can be shared by all replicas of a cluster.
 */
import type { Request } from "../../../workload/serving/request.js";
import { WeightedSamples } from "./weighted-samples.js";

export interface RequestLogOptions {
  /** Keep every token's timestamp per request (tests, inspection; ~8 bytes a token). */
  keepTokenTimes?: boolean;
}

export class RequestLog {
  readonly requests: readonly Request[];
  readonly firstTokenS: Float64Array;
  readonly finishS: Float64Array;
  /** Tokens emitted when it finished. */
  readonly generated: Int32Array;
  /** Times it finished (must end at 1). */
  readonly finishes: Uint8Array;
  readonly itl = new WeightedSamples();
  readonly tokenTimes: number[][] | undefined;
  finished = 0;
  outputTokens = 0;

  constructor(requests: readonly Request[], options: RequestLogOptions = {}) {
    requests.forEach((r, i) => {
      if (r.id !== i)
        throw new RangeError(`request ids must be 0..n-1 in order; #${i} has id ${r.id}`);
    });
    const n = requests.length;
    this.requests = requests;
    this.firstTokenS = new Float64Array(n).fill(NaN);
    this.finishS = new Float64Array(n).fill(NaN);
    this.generated = new Int32Array(n);
    this.finishes = new Uint8Array(n);
    this.tokenTimes = options.keepTokenTimes ? requests.map(() => []) : undefined;
  }

  first(id: number, timeS: number): void {
    this.firstTokenS[id] = timeS;
  }

  finish(id: number, timeS: number, generated: number): void {
    this.finishS[id] = timeS;
    this.generated[id] = generated;
    this.finishes[id] = (this.finishes[id] as number) + 1;
    this.finished++;
    this.outputTokens += generated;
  }
}
