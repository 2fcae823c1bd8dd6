/**
 * Load a `kind: estimate` scenario: schema check, then the checks a schema cannot express (the
 * fields each phase needs, a known model and profile, clocks on the grid, caps within the
 * limits), each reported at its YAML position.
 */
import { scenarioHeader, type ScenarioHeader } from "./scenario-header.js";
import { capGridW, type OperatingPoint } from "../hardware/operating-point.js";
import type { HardwareProfile } from "../hardware/profile/profile.js";
import type { WorkSpec } from "../workload/work-spec.js";
import { estimateScenarioSchema } from "./estimate-schema.js";
import { expandRange, rangeLength, type RangeSpec } from "./expand-range.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import { knobChecks } from "./knob-checks.js";
import { scenarioModelSpec } from "./scenario-model.js";
import { loadScenarioEngine } from "./scenario-engine.js";
import { loadScenarioProfile } from "./scenario-profile.js";
import { validateWithSchema } from "../input/schema-errors.js";

interface EstimateScenarioDoc {
  kind: "estimate";
  name?: string;
  description?: string;
  hardware: string;
  workload: Record<string, unknown>;
  operatingPoint?: { freqMHz?: number; powerCapW?: number };
  sweep?: { freqMHz?: RangeSpec; powerCapW?: RangeSpec };
  output?: { dir?: string };
}

export interface EstimateScenario extends ScenarioHeader<"estimate"> {
  profile: HardwareProfile;
  workload: WorkSpec;
  /** The operating points to evaluate: one, or the cross product of the sweep axes. */
  points: OperatingPoint[];
}

/** Most operating points one scenario may sweep (guards against a runaway {from, to, step}). */
const MAX_SWEEP_POINTS = 100_000;

const REQUIRED_BY_PHASE: Record<string, string[]> = {
  prefill: ["seq"],
  decode: ["context"],
  train: ["seq"],
};
const REQUIRED_BY_OP: Record<string, string[]> = {
  gemm: ["m", "n", "k"],
  copy: ["bytes"],
  elementwise: ["elements", "flopsPerElement"],
  attention: ["batch", "heads", "seq", "headDim"],
};

export function estimateScenarioFrom(loaded: LoadedYaml): EstimateScenario {
  const errors = validateWithSchema(loaded.value, estimateScenarioSchema, (p, o) =>
    loaded.locate(p, o),
  );
  if (errors.length > 0) throw InputError.combine(errors);
  const doc = loaded.value as EstimateScenarioDoc;
  const problems: InputError[] = [];
  const w = doc.workload;
  const needed =
    "model" in w ? REQUIRED_BY_PHASE[w.phase as string] : REQUIRED_BY_OP[w.op as string];
  for (const field of needed ?? []) {
    if (w[field] === undefined) {
      const what = "model" in w ? `phase '${String(w.phase)}'` : `op '${String(w.op)}'`;
      problems.push(loaded.errorAt(["workload"], `${what} needs '${field}'`, "SCHEMA"));
    }
  }
  if ("model" in w) {
    try {
      w.model = scenarioModelSpec(loaded, ["workload", "model"], w.model as string).spec;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e);
    }
  }
  // `engine` names a file or 'ideal' in YAML; the workload carries the kernel itself (or none).
  const { engine: engineName, ...rest } = w;
  let workload = rest as unknown as WorkSpec;
  if ("model" in w && w.phase === "decode" && engineName !== "ideal") {
    try {
      const engine = loadScenarioEngine(loaded, ["workload", "engine"], engineName as string);
      workload = {
        ...(rest as unknown as WorkSpec & { phase: "decode" }),
        engine: { name: engine.name, decodeKernel: engine.decodeAttention },
      };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e);
    }
  } else if ("model" in w && w.phase !== "decode" && engineName !== undefined) {
    problems.push(loaded.errorAt(["workload", "engine"], "applies to phase 'decode' only"));
  }
  const profile = loadScenarioProfile(loaded, ["hardware"], doc.hardware, problems);
  const points = operatingPoints(doc, profile, loaded, problems);
  if (problems.length > 0) throw InputError.combine(problems);
  return {
    ...scenarioHeader("estimate", doc, loaded),
    profile,
    workload,
    points,
  };
}

function operatingPoints(
  doc: EstimateScenarioDoc,
  profile: HardwareProfile,
  loaded: LoadedYaml,
  problems: InputError[],
): OperatingPoint[] {
  const grid = profile.clocks.smMHz;
  const check = knobChecks(profile, loaded, problems);
  const op = doc.operatingPoint ?? {};
  if (op.freqMHz !== undefined) check.clock(op.freqMHz, ["operatingPoint", "freqMHz"]);
  if (op.powerCapW !== undefined) check.cap(op.powerCapW, ["operatingPoint", "powerCapW"]);
  const base: OperatingPoint = { lockedMHz: op.freqMHz, powerCapW: op.powerCapW };
  if (doc.sweep === undefined) return [base];
  const capGrid = capGridW(profile);
  const nClocks = doc.sweep.freqMHz === undefined ? 1 : rangeLength(doc.sweep.freqMHz, grid);
  const nCaps = doc.sweep.powerCapW === undefined ? 1 : rangeLength(doc.sweep.powerCapW, capGrid);
  if (!(nClocks * nCaps <= MAX_SWEEP_POINTS)) {
    problems.push(
      loaded.errorAt(
        ["sweep"],
        `${nClocks} clocks x ${nCaps} caps is too many points (at most ${MAX_SWEEP_POINTS})`,
      ),
    );
    return [];
  }
  if (nCaps === 0) {
    problems.push(
      loaded.errorAt(["sweep", "powerCapW"], `${profile.name} has no settable power limit`),
    );
    return [];
  }
  const clocks =
    doc.sweep.freqMHz === undefined ? [base.lockedMHz] : expandRange(doc.sweep.freqMHz, grid);
  const caps =
    doc.sweep.powerCapW === undefined
      ? [base.powerCapW]
      : expandRange(doc.sweep.powerCapW, capGrid);
  clocks.forEach((f, i) => f !== undefined && check.clock(f, ["sweep", "freqMHz", i]));
  caps.forEach((c, i) => c !== undefined && check.cap(c, ["sweep", "powerCapW", i]));
  return clocks.flatMap((lockedMHz) => caps.map((powerCapW) => ({ lockedMHz, powerCapW })));
}
