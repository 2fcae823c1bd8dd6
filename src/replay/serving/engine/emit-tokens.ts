/**
 * Records the tokens an iteration emitted at `nowS`: first tokens, and inter-token gaps. Most
 * sequences emitted their previous token at the previous iteration's end, so they share one gap,
 * stored once with their count; the rest (after a preemption or a handoff) get their own.
 * A speculative verification emits 1 + accepted tokens at once: its gap is shared by them, each
 * recorded as gap / tokens (the inter-token latency per output token, whose mean is TPOT).
 * Returns the tokens emitted.
 */
import type { RecentStats } from "../policy/policy.js";
import type { RequestLog } from "../metrics/request-log.js";
import type { Sequence } from "./sequence.js";
import type { SteadyWindow } from "../metrics/steady-window.js";

export function emitTokens(
  emitted: readonly Sequence[],
  nowS: number,
  prevEndS: number,
  log: RequestLog,
  recent: RecentStats,
  steady?: SteadyWindow,
): number {
  const window = steady?.measuring === true ? steady.itl : undefined;
  const times = log.tokenTimes;
  let group = 0;
  let tokens = 0;
  for (const seq of emitted) {
    const id = seq.request.id;
    const n = seq.stepEmitted;
    tokens += n;
    if (n > 1) {
      const gapS = (nowS - seq.lastTokenS) / n;
      log.itl.add(gapS, n);
      window?.add(gapS, n);
      recent.itlSumS += gapS * n;
      recent.itlCount += n;
      seq.lastTokenS = nowS;
      if (times !== undefined) for (let i = 0; i < n; i++) (times[id] as number[]).push(nowS);
      continue;
    }
    if (seq.generated === 1) log.first(id, nowS);
    else if (seq.lastTokenS === prevEndS) group++;
    else {
      const gapS = nowS - seq.lastTokenS;
      log.itl.add(gapS);
      window?.add(gapS);
      recent.itlSumS += gapS;
      recent.itlCount++;
    }
    seq.lastTokenS = nowS;
    if (times !== undefined) (times[id] as number[]).push(nowS);
  }
  if (group > 0) {
    const gapS = nowS - prevEndS;
    log.itl.add(gapS, group);
    window?.add(gapS, group);
    recent.itlSumS += gapS * group;
    recent.itlCount += group;
  }
  return tokens;
}
