/**
 * serveCluster: replicas behind a router, and prefill/decode disaggregation. Token accounting per
 * request, energy as the sum of the replicas' power timelines and the integral of the 1 s series,
 * where each request goes (round-robin order, least-outstanding-tokens choices), what routing and
 * replica count do to latency and idle energy, and the disaggregated pools' handoff timing.
 *
 * serveCluster returns only the ServingResult, so what happens per request is watched from
 * outside through `onIteration`: which replica ran each request, and when each of its tokens came
 * (a sequence's `generated` counter grows by one at the end of the iteration that emits a token).
 */
import { fsum } from "d3-array";
import { describe, expect, it } from "vitest";
import { summarize, type ServingResult } from "../../../../src/replay/serving/metrics/metrics.js";
import type { IterationKind } from "../../../../src/replay/serving/policy/policy.js";
import type { Replica } from "../../../../src/replay/serving/engine/replica.js";
import type { RouterKind } from "../../../../src/replay/serving/cluster/router.js";
import {
  serveCluster,
  type ClusterOptions,
} from "../../../../src/replay/serving/cluster/serve-cluster.js";
import { simulateReplica } from "../../../../src/replay/serving/cluster/serve-replica.js";
import { type ServeOptions } from "../../../../src/replay/serving/cluster/serve-inputs.js";
import { InputError } from "../../../../src/input/input-error.js";
import { kvBytesPerToken } from "../../../../src/workload/model/transformer.js";
import type { Request } from "../../../../src/workload/serving/request.js";
import { syntheticTrace, type SyntheticSpec } from "../../../../src/workload/serving/synthetic.js";
import { burst, h100, llama8b, rel, spaced } from "../helpers.js";

const BASE: ServeOptions = { hardware: h100, model: llama8b };
const ROUTERS: RouterKind[] = ["round-robin", "least-outstanding-tokens"];

function trace(spec: Omit<SyntheticSpec, "lengths"> & Partial<SyntheticSpec>): Request[] {
  return syntheticTrace({
    lengths: {
      input: { kind: "lognormal", median: 400, sigma: 0.8 },
      output: { kind: "lognormal", median: 100, sigma: 0.8 },
    },
    ...spec,
  }).requests;
}

/** ~30 s of Poisson arrivals at 10/s: 300 requests. */
const POISSON = trace({ seed: "cluster", arrivals: { kind: "poisson", ratePerS: 10 }, count: 300 });

interface IterationRecord {
  replica: string;
  startS: number;
  endS: number;
  kind: IterationKind;
  ids: number[];
}

interface Observed {
  result: ServingResult;
  replicas: Map<string, Replica>;
  iterations: IterationRecord[];
  /** Per request: each output token's emission time, and the replica that emitted it. */
  tokenS: number[][];
  tokenBy: string[][];
  /** Per request: every replica whose batches it appeared in, in order of first appearance. */
  ranOn: string[][];
}

function observe(
  requests: readonly Request[],
  options: Omit<ClusterOptions, "hardware" | "model">,
) {
  const replicas = new Map<string, Replica>();
  const iterations: IterationRecord[] = [];
  const tokenS = requests.map((): number[] => []);
  const tokenBy = requests.map((): string[] => []);
  const ranOn = requests.map((): string[] => []);
  const multiToken: string[] = [];
  const result = serveCluster(requests, {
    ...BASE,
    ...options,
    onIteration: (replica, it) => {
      replicas.set(replica.name, replica);
      const ids: number[] = [];
      for (const seq of it.batch.seqs) {
        const id = seq.request.id;
        ids.push(id);
        const on = ranOn[id] as string[];
        if (!on.includes(replica.name)) on.push(replica.name);
        const times = tokenS[id] as number[];
        // An iteration emits at most one token per sequence (checked after the run: an
        // expect() per token would cost more than the simulation).
        if (seq.generated - times.length > 1) {
          multiToken.push(`request ${id}: ${seq.generated - times.length} tokens at ${it.endS}`);
        }
        if (seq.generated > times.length) {
          times.push(it.endS);
          (tokenBy[id] as string[]).push(replica.name);
        }
      }
      iterations.push({
        replica: replica.name,
        startS: it.startS,
        endS: it.endS,
        kind: it.kind,
        ids,
      });
    },
  });
  expect(multiToken.slice(0, 5), "iterations that emitted more than one token").toEqual([]);
  return { result, replicas, iterations, tokenS, tokenBy, ranOn } satisfies Observed;
}

const observedPoisson = new Map<string, Observed>();
/**
 * `observe(POISSON, ...)` once per setting for the whole file: several tests check different
 * properties of the same run, which is deterministic, and none of them changes it.
 */
function poisson(replicas: number, router: RouterKind): Observed {
  const key = `${replicas}/${router}`;
  let o = observedPoisson.get(key);
  if (o === undefined) observedPoisson.set(key, (o = observe(POISSON, { replicas, router })));
  return o;
}

/** Every request done once with its whole output; tokens after arrival, in order; counts agree. */
function expectAllServed(requests: readonly Request[], o: Observed): void {
  let tokens = 0;
  let multi = 0;
  const unordered: number[] = [];
  for (const r of requests) {
    const times = o.tokenS[r.id] as number[];
    expect(times.length, `request ${r.id}`).toBe(r.outputTokens);
    expect(times[0]).toBeGreaterThan(r.arrivalS);
    if (times.some((t, i) => i > 0 && !(t > (times[i - 1] as number)))) unordered.push(r.id);
    tokens += r.outputTokens;
    if (r.outputTokens > 1) multi++;
  }
  expect(unordered, "requests whose token times do not increase").toEqual([]);
  const res = o.result;
  expect(res.requests).toBe(requests.length);
  expect(res.outputTokens).toBe(tokens);
  expect(res.inputTokens).toBe(fsum(requests, (r) => r.inputTokens));
  expect(res.e2eS.count).toBe(requests.length);
  expect(res.ttftS.count).toBe(requests.length);
  expect(res.tpotS.count).toBe(multi);
  expect(res.itlS.count).toBe(tokens - requests.length);
  // The result's TTFTs and end-to-end latencies are the ones seen from outside.
  const ttft = requests.map((r) => (o.tokenS[r.id]?.[0] as number) - r.arrivalS);
  const e2e = requests.map((r) => (o.tokenS[r.id]?.[r.outputTokens - 1] as number) - r.arrivalS);
  expect(res.ttftS).toEqual(summarize(Float64Array.from(ttft)));
  expect(res.e2eS).toEqual(summarize(Float64Array.from(e2e)));
  const lastS = Math.max(...e2e.map((e, i) => e + (requests[i] as Request).arrivalS));
  expect(res.durationS).toBe(lastS - (requests[0] as Request).arrivalS);
}

/** Energy = sum of the replicas' timelines = integral of the 1 s series; each spans the run. */
function expectEnergyAccounted(requests: readonly Request[], o: Observed, replicas: number): void {
  const res = o.result;
  const startS = (requests[0] as Request).arrivalS;
  const endS = startS + res.durationS;
  expect(o.replicas.size).toBe(replicas);
  const lines = [...o.replicas.values()].map((r) => r.power);
  for (const t of lines) {
    expect(t.originS).toBe(startS);
    expect(t.endS).toBeCloseTo(endS, 9);
  }
  const sum = fsum(lines, (t) => t.energyJ());
  expect(rel(res.gpuEnergyJ, sum)).toBeLessThan(1e-12);
  expect(res.powerSeriesBinS).toBe(1);
  expect(res.gpuPowerSeriesW.length).toBe(Math.ceil(res.durationS));
  const series = fsum(res.gpuPowerSeriesW, (p, i) => p * Math.min(1, endS - (startS + i)));
  expect(rel(res.gpuEnergyJ, series)).toBeLessThan(1e-9);
  const parts =
    res.gpuBusyEnergyJ + res.gpuOverheadEnergyJ + res.gpuSwitchEnergyJ + res.gpuIdleEnergyJ;
  expect(rel(res.gpuEnergyJ, parts)).toBeLessThan(1e-12);
  expect(rel(res.gpuEnergyPerOutputTokenJ * res.outputTokens, res.gpuEnergyJ)).toBeLessThan(1e-12);
  expect(rel(res.avgGpuPowerW * res.durationS, res.gpuEnergyJ)).toBeLessThan(1e-12);
  expect(res.peakGpuPowerW).toBeGreaterThanOrEqual(res.avgGpuPowerW);
}

describe("serveCluster: accounting", () => {
  for (const router of ROUTERS) {
    for (const replicas of [1, 2, 4]) {
      it(`${replicas} replica(s), ${router}: every request once, energy = sum of replicas`, () => {
        const o = poisson(replicas, router);
        expectAllServed(POISSON, o);
        expectEnergyAccounted(POISSON, o, replicas);
        expect(o.result.gpus).toBe(replicas);
        expect(o.result.iterations).toBe(o.iterations.length);
        // Co-located replicas: each request runs on one replica only.
        for (const on of o.ranOn) expect(on.length).toBe(1);
      });
    }
  }

  it("gpus = replicas x tp, and the timelines draw idle power for all tp GPUs", () => {
    const requests = spaced([[300, 20]], 1);
    const o = observe(requests, { replicas: 2, tp: 2, router: "round-robin" });
    expectAllServed(requests, o);
    expect(o.result.gpus).toBe(4);
    // replica-1 never got work (never iterated), yet its 2 GPUs idled through the run.
    expect(o.replicas.has("replica-1")).toBe(false);
    const busy = (o.replicas.get("replica-0") as Replica).power.energyJ();
    const idle1 = h100.power.idleW * 2 * o.result.durationS;
    expect(rel(o.result.gpuEnergyJ, busy + idle1)).toBeLessThan(1e-12);
  });

  it("2 replicas under round-robin = 2 single replicas on the even and odd requests, + idle", () => {
    const o = poisson(2, "round-robin");
    const half = (k: number) =>
      POISSON.filter((r) => r.id % 2 === k).map((r, id) => ({ ...r, id }));
    const runs = [0, 1].map((k) => simulateReplica(half(k), { ...BASE, keepTokenTimes: true }));
    const [a, b] = runs.map((r) => r.result) as [ServingResult, ServingResult];
    const res = o.result;
    // Same iterations at the same times: kernel, host-overhead and switch energy add exactly.
    expect(res.iterations).toBe(a.iterations + b.iterations);
    for (const k of ["gpuBusyEnergyJ", "gpuOverheadEnergyJ", "gpuSwitchEnergyJ"] as const)
      expect(rel(res[k], a[k] + b[k]), k).toBeLessThan(1e-12);
    // Idle differs by what the cluster adds: each replica idles from the cluster's first arrival
    // to its last completion, not from its own first arrival to its own last completion.
    const t0 = (POISSON[0] as Request).arrivalS;
    const endS = t0 + res.durationS;
    const spans = [0, 1].map((k) => {
      const first = (half(k)[0] as Request).arrivalS;
      const run = runs[k]?.result as ServingResult;
      return first - t0 + (endS - (first + run.durationS));
    });
    const extraIdleJ = h100.power.idleW * fsum(spans);
    expect(rel(res.gpuIdleEnergyJ, a.gpuIdleEnergyJ + b.gpuIdleEnergyJ + extraIdleJ)).toBeLessThan(
      1e-9,
    );
    // And every token came at the same instant as on the lone replica.
    for (const r of POISSON) {
      const run = runs[r.id % 2];
      const alone = run?.log.tokenTimes?.[Math.floor(r.id / 2)] as number[];
      expect(o.tokenS[r.id]).toEqual(alone);
    }
  });
});

describe("serveCluster: routing", () => {
  for (const n of [2, 4]) {
    it(`round-robin sends request i to replica i mod ${n}`, () => {
      const o = poisson(n, "round-robin");
      for (const r of POISSON) expect(o.ranOn[r.id]).toEqual([`replica-${r.id % n}`]);
    });
  }

  it("least-outstanding-tokens: ties go to the lowest index (an idle cluster uses replica-0)", () => {
    // 10 s apart, each done long before the next: every arrival sees all replicas empty.
    const requests = spaced(
      Array.from({ length: 6 }, () => [200, 20] as [number, number]),
      10,
    );
    const lot = observe(requests, { replicas: 3, router: "least-outstanding-tokens" });
    for (const on of lot.ranOn) expect(on).toEqual(["replica-0"]);
    expect([...lot.replicas.keys()]).toEqual(["replica-0"]);
    const rr = observe(requests, { replicas: 3, router: "round-robin" });
    expect(rr.ranOn.map((on) => on[0])).toEqual(requests.map((r) => `replica-${r.id % 3}`));
    // Same work, same energy: replicas are identical and idle power is the same everywhere.
    expect(rel(lot.result.gpuEnergyJ, rr.result.gpuEnergyJ)).toBeLessThan(1e-9);
  });

  it("least-outstanding-tokens picks the replica with the fewest prompt + output tokens left", () => {
    // All at t = 0: arrivals are submitted before any iteration starts, so each choice sees the
    // loads (prompt + output tokens) of the requests routed before it.
    const sizes: [number, number][] = [
      [2000, 500],
      ...Array.from({ length: 22 }, () => [100, 20] as [number, number]),
      [700, 50],
      [50, 10],
    ];
    const requests = sizes.map(([inputTokens, outputTokens], id) => ({
      id,
      arrivalS: 0,
      inputTokens,
      outputTokens,
    }));
    const load = [0, 0];
    const expected = requests.map((r) => {
      const k = (load[1] as number) < (load[0] as number) ? 1 : 0;
      load[k] = (load[k] as number) + r.inputTokens + r.outputTokens;
      return `replica-${k}`;
    });
    // The rule in words: the 2500-token request alone on replica-0 until replica-1 holds more.
    expect(expected.slice(0, 22)).toEqual(["replica-0", ...Array(21).fill("replica-1")]);
    const o = observe(requests, { replicas: 2, router: "least-outstanding-tokens" });
    expect(o.ranOn.map((on) => on[0])).toEqual(expected);
    expectAllServed(requests, o);
  });

  it("least-outstanding-tokens beats round-robin on TTFT p90 and p99 for bursty, skewed load", () => {
    // Gamma arrivals with CV 4 (bursts), heavy-tailed outputs (lognormal sigma 1.5): round-robin
    // stacks new prompts behind long generations; least-outstanding-tokens steers around them.
    // Checked: over the 3 seeds the summed p90 is at least 10% lower; on each seed p90 and p99 are
    // at most 5% worse (a greedy router can lose a little on one burst pattern: seed 2's p90 is
    // ~1% worse with the vllm-0.11 engine profile).
    let lotP90 = 0;
    let rrP90 = 0;
    for (const seed of [1, 2, 3]) {
      const requests = trace({
        seed,
        arrivals: { kind: "gamma", ratePerS: 40, cv: 4 },
        lengths: {
          input: { kind: "lognormal", median: 1000, sigma: 1 },
          output: { kind: "lognormal", median: 100, sigma: 1.5 },
        },
        count: 400,
      });
      const [rr, lot] = ROUTERS.map((router) =>
        serveCluster(requests, { ...BASE, replicas: 4, router }),
      );
      const r = rr as ServingResult;
      const l = lot as ServingResult;
      expect(l.ttftS.p90, `seed ${seed} p90`).toBeLessThanOrEqual(1.05 * r.ttftS.p90);
      expect(l.ttftS.p99, `seed ${seed} p99`).toBeLessThanOrEqual(1.05 * r.ttftS.p99);
      lotP90 += l.ttftS.p90;
      rrP90 += r.ttftS.p90;
    }
    expect(lotP90).toBeLessThan(0.9 * rrP90);
  });
});

describe("serveCluster: replica count", () => {
  const lengths: SyntheticSpec["lengths"] = {
    input: { kind: "lognormal", median: 1000, sigma: 0.8 },
    output: { kind: "lognormal", median: 200, sigma: 0.8 },
  };
  const run = (ratePerS: number) => {
    const requests = trace({
      seed: 7,
      arrivals: { kind: "poisson", ratePerS },
      lengths,
      count: 300,
    });
    return [1, 2, 4].map((replicas) => serveCluster(requests, { ...BASE, replicas }));
  };

  it("at a high rate, more replicas lower TTFT p90 (and end-to-end p90)", () => {
    const [one, two, four] = run(30) as [ServingResult, ServingResult, ServingResult];
    expect(two.ttftS.p90).toBeLessThan(one.ttftS.p90);
    expect(four.ttftS.p90).toBeLessThan(two.ttftS.p90);
    expect(two.e2eS.p90).toBeLessThan(one.e2eS.p90);
    expect(four.e2eS.p90).toBeLessThan(two.e2eS.p90);
    // One replica is overloaded: queueing puts TTFT p90 in seconds; four keep it under 0.2 s.
    expect(one.ttftS.p90).toBeGreaterThan(1);
    expect(four.ttftS.p90).toBeLessThan(0.2);
  });

  it("at a low rate, more replicas add idle energy and energy per token", () => {
    const [one, two, four] = run(2) as [ServingResult, ServingResult, ServingResult];
    expect(two.gpuIdleEnergyJ).toBeGreaterThan(one.gpuIdleEnergyJ);
    expect(four.gpuIdleEnergyJ).toBeGreaterThan(two.gpuIdleEnergyJ);
    expect(two.gpuEnergyJ).toBeGreaterThan(one.gpuEnergyJ);
    expect(four.gpuEnergyJ).toBeGreaterThan(two.gpuEnergyJ);
    expect(four.gpuEnergyPerOutputTokenJ).toBeGreaterThan(1.5 * one.gpuEnergyPerOutputTokenJ);
    expect([one.gpus, two.gpus, four.gpus]).toEqual([1, 2, 4]);
  });
});

describe("serveCluster: prefill/decode disaggregation", () => {
  // Every 5th request wants a single token (done at prefill); the rest 2..~100 tokens.
  const requests = trace({ seed: 3, arrivals: { kind: "poisson", ratePerS: 8 }, count: 200 }).map(
    (r) => (r.id % 5 === 0 ? { ...r, outputTokens: 1 } : r),
  );
  const dis = { prefillReplicas: 1, decodeReplicas: 1 };
  const link = h100.interconnect.find((l) => l.scope === "node");
  /** The KV cache of the prompt and first token crossing NVLink (tp 1: one GPU's whole KV). */
  const transferS = (r: Request) =>
    (link?.latencyS as number) +
    ((r.inputTokens + 1) * kvBytesPerToken(llama8b)) / (link?.bandwidthBytesPerS as number);
  const o = observe(requests, { disaggregation: dis });

  it("serves every request once; energy covers both replicas (gpus = 2)", () => {
    expectAllServed(requests, o);
    expectEnergyAccounted(requests, o, 2);
    expect([...o.replicas.keys()].sort()).toEqual(["decode-0", "prefill-0"]);
    expect(o.result.gpus).toBe(2);
    expect(o.result.preemptions).toBe(0);
  });

  it("the prefill pool emits every first token (TTFT) and only first tokens", () => {
    for (const r of requests) {
      expect(o.tokenBy[r.id]?.[0], `request ${r.id}`).toBe("prefill-0");
      expect(o.tokenBy[r.id]?.slice(1)).toEqual(Array(r.outputTokens - 1).fill("decode-0"));
    }
    expect(
      new Set(o.iterations.filter((i) => i.replica === "prefill-0").map((i) => i.kind)),
    ).toEqual(new Set(["prefill"]));
    expect(
      new Set(o.iterations.filter((i) => i.replica === "decode-0").map((i) => i.kind)),
    ).toEqual(new Set(["decode"]));
  });

  it("1-token requests never reach the decode pool; the others go there after the KV transfer", () => {
    const firstDecodeS = new Map<number, number>();
    for (const it of o.iterations)
      if (it.replica === "decode-0")
        for (const id of it.ids) if (!firstDecodeS.has(id)) firstDecodeS.set(id, it.startS);
    for (const r of requests) {
      if (r.outputTokens === 1) {
        expect(o.ranOn[r.id]).toEqual(["prefill-0"]);
        expect(firstDecodeS.has(r.id)).toBe(false);
        continue;
      }
      expect(o.ranOn[r.id]).toEqual(["prefill-0", "decode-0"]);
      const [first, second] = o.tokenS[r.id] as [number, number];
      const arrivesS = first + transferS(r);
      // The decode replica cannot start on it before its KV has arrived ...
      expect(firstDecodeS.get(r.id) as number).toBeGreaterThanOrEqual(arrivesS - 1e-12);
      // ... and the second token needs a decode iteration on top.
      expect(second).toBeGreaterThan(arrivesS);
    }
    expect(transferS(requests[1] as Request)).toBeGreaterThan(0);
  });

  it("with fewer KV heads than GPUs, each GPU sends its replicated head: tp 16 moves 1/8 of the KV per GPU", () => {
    // Llama-3-8B has 8 KV heads: at tp 16 every GPU holds one whole head (two GPUs per head), so
    // a GPU's share is kvBytesPerToken / 8, not / 16; 2 x 16 GPUs span nodes (InfiniBand).
    const small = requests.slice(0, 10);
    const r = observe(small, { disaggregation: dis, tp: 16 });
    const ib = h100.interconnect.find((l) => l.scope === "cluster")!;
    for (const q of small.filter((x) => x.outputTokens > 1)) {
      const [first] = r.tokenS[q.id] as [number];
      const start = r.iterations.find((it) => it.replica === "decode-0" && it.ids.includes(q.id))!;
      const kvS = ((q.inputTokens + 1) * kvBytesPerToken(llama8b)) / 8 / ib.bandwidthBytesPerS;
      expect(start.startS).toBeGreaterThanOrEqual(first + ib.latencyS + kvS - 1e-12);
    }
  });

  it("tp 2 with 1 + 1 replicas: gpus = (prefill + decode) x tp", () => {
    const small = requests.slice(0, 40);
    const r = observe(small, { disaggregation: dis, tp: 2 });
    expectAllServed(small, r);
    expectEnergyAccounted(small, r, 2);
    expect(r.result.gpus).toBe(4);
  });
});

describe("serveCluster: bad input", () => {
  const two = burst(2, 100, 10);

  it("rejects requests out of arrival order, as a single replica does", () => {
    const unsorted = [
      { id: 0, arrivalS: 5, inputTokens: 100, outputTokens: 10 },
      { id: 1, arrivalS: 1, inputTokens: 100, outputTokens: 10 },
    ];
    expect(() => serveCluster(unsorted, BASE)).toThrow(/sorted by arrival/);
    for (const options of [
      { replicas: 2 },
      { disaggregation: { prefillReplicas: 1, decodeReplicas: 1 } },
    ])
      expect(() => serveCluster(unsorted, { ...BASE, ...options })).toThrow(InputError);
  });

  it("rejects replica counts that are not whole numbers in range, naming the field", () => {
    const cases: [Omit<ClusterOptions, "hardware" | "model">, RegExp][] = [
      [{ replicas: 0 }, /^replicas: must be a whole number from 1 to 65536/],
      [{ replicas: 1.5 }, /^replicas: must be a whole number from 1 to 65536/],
      [{ replicas: 2 ** 40 }, /^replicas: must be a whole number from 1 to 65536/],
      [
        { disaggregation: { prefillReplicas: 0, decodeReplicas: 1 } },
        /^disaggregation\.prefillReplicas: /,
      ],
      [
        { disaggregation: { prefillReplicas: 1, decodeReplicas: 0 } },
        /^disaggregation\.decodeReplicas: /,
      ],
      [
        { disaggregation: { prefillReplicas: 1, decodeReplicas: 1.5 } },
        /^disaggregation\.decodeReplicas: /,
      ],
    ];
    for (const [options, message] of cases) {
      expect(() => serveCluster(two, { ...BASE, ...options })).toThrow(InputError);
      expect(() => serveCluster(two, { ...BASE, ...options })).toThrow(message);
    }
  });

  it("rejects an empty trace", () => {
    expect(() => serveCluster([], BASE)).toThrow(/no requests/);
  });
});
