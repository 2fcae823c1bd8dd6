/**
 * Kernel overhead benchmark: the Simulator against a bare numeric binary heap doing the same
 * push/pop pattern. Goal: the kernel runs at least half as many events per second as the heap.
 */
import { Simulator } from "../core/index.js";

export interface KernelBenchResult {
  kernelEventsPerS: number;
  bareHeapEventsPerS: number;
  /** kernelEventsPerS / bareHeapEventsPerS. */
  ratio: number;
}

/** Concurrent self-rescheduling "processes", so the heap holds about this many events. */
const PROCESSES = 1000;
/** Delays are drawn up front (outside the timed region) and cycled. */
const DELAY_COUNT = 1 << 16;

function makeDelays(): Float64Array {
  const rng = new Simulator({ seed: "kernel-bench" }).rng("delays");
  const delays = new Float64Array(DELAY_COUNT);
  for (let i = 0; i < DELAY_COUNT; i++) delays[i] = rng.exponential(1);
  return delays;
}

/** Runs nEvents events through the Simulator; returns elapsed milliseconds. */
function timeKernel(nEvents: number, delays: Float64Array): number {
  const sim = new Simulator();
  const mask = DELAY_COUNT - 1;
  let k = 0;
  let executed = 0;
  const tick = (s: Simulator): void => {
    executed++;
    // Keep the population constant until the total (initial + rescheduled) reaches nEvents.
    if (executed + s.pendingCount < nEvents) s.schedule(delays[k++ & mask] as number, tick);
  };
  const start = performance.now();
  for (let p = 0; p < PROCESSES && p < nEvents; p++)
    sim.schedule(delays[k++ & mask] as number, tick);
  sim.run();
  const elapsedMs = performance.now() - start;
  if (executed !== nEvents) throw new Error(`kernel bench ran ${executed} of ${nEvents} events`);
  return elapsedMs;
}

/** Same workload on a minimal inline heap of times; returns elapsed milliseconds. */
function timeBareHeap(nEvents: number, delays: Float64Array): number {
  const mask = DELAY_COUNT - 1;
  const heap = new Float64Array(Math.min(PROCESSES, nEvents) + 1);
  let n = 0;
  let k = 0;
  let executed = 0;
  const push = (t: number): void => {
    let i = n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = heap[parent] as number;
      if (pt <= t) break;
      heap[i] = pt;
      i = parent;
    }
    heap[i] = t;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap[--n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (heap[c + 1] as number) < (heap[c] as number)) c++;
      const ct = heap[c] as number;
      if (last <= ct) break;
      heap[i] = ct;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  const start = performance.now();
  for (let p = 0; p < PROCESSES && p < nEvents; p++) push(delays[k++ & mask] as number);
  while (n > 0) {
    const nowS = pop();
    executed++;
    if (executed + n < nEvents) push(nowS + (delays[k++ & mask] as number));
  }
  const elapsedMs = performance.now() - start;
  if (executed !== nEvents) throw new Error(`bare heap bench ran ${executed} of ${nEvents} events`);
  return elapsedMs;
}

export function benchKernel(nEvents: number): KernelBenchResult {
  if (!Number.isSafeInteger(nEvents) || nEvents < 1)
    throw new RangeError(`benchKernel: nEvents must be a positive integer, got ${nEvents}`);
  const delays = makeDelays();
  // Warm-up so both loops are JIT-compiled before timing.
  const warmEvents = Math.min(nEvents, 200_000);
  timeKernel(warmEvents, delays);
  timeBareHeap(warmEvents, delays);
  const kernelMs = timeKernel(nEvents, delays);
  const bareMs = timeBareHeap(nEvents, delays);
  const kernelEventsPerS = nEvents / (kernelMs / 1000);
  const bareHeapEventsPerS = nEvents / (bareMs / 1000);
  return { kernelEventsPerS, bareHeapEventsPerS, ratio: kernelEventsPerS / bareHeapEventsPerS };
}
