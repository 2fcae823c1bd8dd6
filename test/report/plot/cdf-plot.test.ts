/**
 * The latency CDF plot: a panel per metric with its own unit in the axis title, the share axis in
 * percent, one legend naming every series and the SLO target, each curve drawn through its
 * quantiles (the drawn point at 90% is the p90), a target drawn where given, a log latency axis
 * only for a long tail, and the same bytes for the same data.
 */
import { describe, expect, it } from "vitest";
import { cdfPlotSpec, renderSvg, type CdfPlotData } from "../../../src/report/plot/index.js";

const P = [0, 0.25, 0.5, 0.9, 1];

const DATA: CdfPlotData = {
  title: "Latency CDFs",
  probabilities: P,
  panels: [
    {
      key: "ttft",
      title: "TTFT, per request",
      x: { label: "time to first token", base: "s" },
      counts: "requests",
      series: [
        { name: "default", quantiles: [0.01, 0.02, 0.03, 0.05, 0.08] },
        { name: "lowest energy (freqMHz=990)", quantiles: [0.02, 0.03, 0.05, 0.09, 0.12] },
      ],
      target: { value: 0.07, probability: 0.9 },
    },
    {
      key: "itl",
      title: "ITL, per token gap",
      x: { label: "inter-token latency", base: "s" },
      counts: "token gaps",
      series: [
        // A long tail: a gap that waited for a prefill, 50x the p90.
        { name: "default", quantiles: [0.006, 0.006, 0.007, 0.008, 0.4] },
        { name: "lowest energy (freqMHz=990)", quantiles: [0.007, 0.008, 0.009, 0.01, NaN] },
      ],
    },
  ],
};

type Unit = {
  name?: string;
  data?: { values: { x: number; y: number; series: string }[] };
  layer?: Unit[];
  encoding?: { x?: { title: string; scale: { type?: string } } };
};

describe("cdfPlotSpec", () => {
  const spec = cdfPlotSpec(DATA) as unknown as { concat: Unit[] };

  it("draws each series through its quantiles, in the panel's unit and percent", () => {
    const ttft = spec.concat[0]!;
    const line = ttft.layer!.find((l) => l.name === "cdf_ttft")!;
    const at90 = line.data!.values.filter((v) => v.y === 90);
    // Quantiles in s drawn in ms (the largest value picks the unit).
    expect(at90).toEqual([
      { x: 50, y: 90, series: "default" },
      { x: 90, y: 90, series: "lowest energy (freqMHz=990)" },
    ]);
    expect(line.data!.values.map((v) => v.y)).toEqual([0, 25, 50, 90, 100, 0, 25, 50, 90, 100]);
    expect(ttft.encoding!.x!.title).toBe("time to first token (ms)");
    // The target: a rule and a cross at (70 ms, 90%).
    const target = ttft.layer!.find((l) => l.name === "target_point_ttft")!;
    expect(target.data!.values).toEqual([{ x: 70, y: 90, series: "SLO target" }]);
    // A missing quantile (NaN) is left out, never drawn at 0.
    const itl = spec.concat[1]!.layer!.find((l) => l.name === "cdf_itl")!;
    expect(itl.data!.values).toHaveLength(9);
  });

  it("puts a long tail on a log axis, and only there", () => {
    expect(spec.concat[0]!.encoding!.x!.scale.type).toBeUndefined();
    expect(spec.concat[1]!.encoding!.x!.scale.type).toBe("log");
    expect(spec.concat[1]!.encoding!.x!.title).toBe("inter-token latency (ms), log scale");
  });

  it("renders axes titled with units, one legend, the target, the same bytes twice", async () => {
    const svg = await renderSvg(cdfPlotSpec(DATA));
    for (const text of [
      "time to first token (ms)",
      "inter-token latency (ms), log scale",
      "requests at or below (%)",
      "token gaps at or below (%)",
    ])
      expect(svg).toContain(`>${text}</text>`);
    for (const name of ["default", "lowest energy (freqMHz=990)", "SLO target"])
      expect(svg.match(new RegExp(`>${name.replace(/[()]/g, "\\$&")}</text>`, "g"))).toHaveLength(
        1,
      );
    expect(svg).toContain('role-mark cdf_ttft_marks"');
    expect(svg).toContain('role-mark cdf_itl_marks"');
    expect(svg).toContain('role-mark target_point_ttft_marks"');
    expect(svg).not.toContain("target_point_itl");
    expect(await renderSvg(cdfPlotSpec(DATA))).toBe(svg);
  });
});
