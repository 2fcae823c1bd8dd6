/**
 * JSON Schema (draft-07 + $defs, checked with ajv) of a hardware profile YAML file after its
 * `extends` chain is merged. Field names map 1:1 onto `HardwareProfile` (profile.ts); every figure
 * is a quantity `{value, source, ref?}` or a clock grid, so each number states its provenance.
 * Checks JSON Schema cannot express (grid min <= max, default on the grid, limit ordering, knee
 * inside the clock range) live in resolve-profile.ts.
 */

export const PROFILE_SCHEMA_VERSION = 1;

export const PROVENANCE_SOURCES = ["spec", "measured", "fit", "assumed"] as const;

export const DTYPES = ["fp8", "bf16", "fp16", "tf32", "fp32"] as const;

const QUANTITY_MESSAGE =
  "must be a quantity {value: <number>, source: spec|measured|fit|assumed, ref?: <text>}";

const GRID_MESSAGE =
  "must be a clock grid with exactly one of {min, max, step}, {values: [...]} or {fixed: <MHz>}, plus source (and optionally default, ref)";

const ref = {
  type: "string",
  minLength: 1,
  description: "Where the figure comes from: a spec sheet, a file, a command, a fit.",
} as const;

const source = {
  enum: PROVENANCE_SOURCES,
  description:
    "spec: a vendor spec sheet; measured: read off real hardware; fit: fitted to measurements; assumed: a placeholder, analogy or what-if.",
} as const;

/** `schema` with a description for the generated reference (docs/hardware-profiles.md). */
function d<T extends object>(schema: T, description: string) {
  return { ...schema, description } as const;
}

/** A figure `{value, source, ref?}` whose value meets `value` (JSON Schema keywords). */
export function quantity(value: Record<string, unknown>, description: string) {
  return {
    type: "object",
    description,
    additionalProperties: false,
    required: ["value", "source"],
    properties: {
      value: { type: "number", ...value, description: "The figure, in the field's unit." },
      source,
      ref,
    },
    "x-message": QUANTITY_MESSAGE,
  } as const;
}

function map(
  properties: Record<string, unknown>,
  required: readonly string[] = Object.keys(properties),
) {
  return { type: "object", additionalProperties: false, required, properties } as const;
}

const q = {
  watts: { $ref: "#/$defs/watts" },
  limitW: { $ref: "#/$defs/limitW" },
  activity: { $ref: "#/$defs/activity" },
  positive: { $ref: "#/$defs/positive" },
  nonNegative: { $ref: "#/$defs/nonNegative" },
  fraction: { $ref: "#/$defs/fraction" },
  count: { $ref: "#/$defs/count" },
  exponent: { $ref: "#/$defs/exponent" },
  grid: { $ref: "#/$defs/grid" },
} as const;

function byDtype(of: object, what: string) {
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(DTYPES.map((t) => [t, d(of, `${what} (${t}).`)])),
  } as const;
}

// SM clocks run at 0.1-3 GHz, GDDR memory clocks (as nvidia-smi reports them) to ~10 GHz;
// 20 GHz leaves room (input/limits.ts).
const mhz = { type: "number", exclusiveMinimum: 0, maximum: 20000, "x-unit": "MHz" } as const;

const grid = {
  type: "object",
  description:
    "Selectable clocks (MHz): a range {min, max, step}, a list {values}, or one {fixed} clock.",
  additionalProperties: false,
  required: ["source"],
  properties: {
    min: d(mhz, "Lowest clock of a range."),
    max: d(mhz, "Highest clock of a range; max - min is a whole number of steps."),
    step: d(mhz, "Distance between the clocks of a range."),
    values: d({ type: "array", minItems: 1, items: mhz }, "The clocks, in any order."),
    fixed: d(mhz, "The one clock of a part without DVFS."),
    default: {
      ...mhz,
      "x-default": "the highest clock",
      description: "The clock when nothing is locked; on the grid.",
    },
    source,
    ref,
  },
  oneOf: [
    {
      required: ["min", "max", "step"],
      // Shapes only: the bounds of each field are checked once, above.
      properties: { min: true, max: true, step: true, values: false, fixed: false },
    },
    {
      required: ["values"],
      properties: { values: true, min: false, max: false, step: false, fixed: false },
    },
    {
      required: ["fixed"],
      properties: {
        fixed: true,
        min: false,
        max: false,
        step: false,
        values: false,
        default: false,
      },
    },
  ],
  "x-message": GRID_MESSAGE,
} as const;

const efficiency = (kind: string) =>
  d(
    map({
      max: d(q.fraction, "Fraction of the pipe's peak reached by large ops."),
      halfFlops: d(
        q.nonNegative,
        "Op size at which efficiency is half of max: eff(F) = max x F / (F + halfFlops).",
      ),
    }),
    `Size-dependent efficiency of ${kind} ops.`,
  );

const powerLimitMap = map({
  minW: d(q.limitW, "Lowest settable power limit."),
  defaultW: d(q.limitW, "The limit when none is set (minW <= defaultW <= maxW)."),
  maxW: d(q.limitW, "Highest settable power limit."),
  windowS: d(q.positive, "The controller enforces the limit on power averaged over this window."),
});

const link = map({
  name: d({ type: "string", minLength: 1 }, "Name of the link (e.g. nvlink4)."),
  bandwidthBytesPerS: d(q.positive, "Bandwidth of the link."),
  latencyS: d(q.nonNegative, "Latency of one transfer."),
  scope: d({ enum: ["node", "cluster"] }, "node: within a node; cluster: across nodes."),
});

export const profileSchema = {
  $id: "https://wattif.dev/schemas/hardware-profile-v1.json",
  title: "wattif hardware profile",
  type: "object",
  additionalProperties: false,
  required: [
    "schemaVersion",
    "name",
    "displayName",
    "compute",
    "memory",
    "clocks",
    "voltage",
    "power",
    "powerLimit",
    "timing",
    "interconnect",
    "node",
  ],
  properties: {
    schemaVersion: d({ const: PROFILE_SCHEMA_VERSION }, "Version of this format."),
    name: d(
      { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
      "The profile's name; must equal the file name without .yaml.",
    ),
    displayName: d({ type: "string", minLength: 1 }, "Human-readable name of the part."),
    extends: d(
      { type: "string", minLength: 1 },
      "A profile this one is merged over (looked up next to the file first); maps merge key by key, a figure replaces the base's whole.",
    ),
    compute: d(
      map({
        units: d(q.count, "SMs, CUs or matrix units."),
        tensorFlopsPerClock: d(
          byDtype(q.positive, "FLOP per clock per unit on the tensor pipe"),
          "FLOP per clock per unit on the tensor pipe, per dtype (any of fp8, bf16, fp16, tf32, fp32).",
        ),
        vectorFlopsPerClock: d(
          q.positive,
          "FLOP per clock per unit on the vector pipe (fp32 FMA = 2).",
        ),
      }),
      "Compute units and their FLOP rates per clock.",
    ),
    memory: d(
      map({
        capacityBytes: d(q.positive, "HBM capacity per GPU."),
        bandwidthBytesPerS: d(q.positive, "Peak HBM bandwidth."),
      }),
      "Device memory.",
    ),
    clocks: d(
      map({
        smMHz: d(q.grid, "Selectable SM clocks; `default` is the clock when nothing is locked."),
        memoryMHz: d(q.grid, "Memory clocks."),
        switchLatencyS: d(q.nonNegative, "Cost of one SM clock change."),
      }),
      "Clock grids.",
    ),
    voltage: d(
      map({
        minV: d(q.positive, "Voltage floor, held up to kneeMHz."),
        kneeMHz: d(q.positive, "Clock above which voltage rises; within the SM clock range."),
        maxV: d(q.positive, "Voltage at the top SM clock."),
      }),
      "The V-f curve: flat at minV up to kneeMHz, then linear to maxV at the top clock.",
    ),
    power: d(
      map({
        constantW: d(q.watts, "Power drawn whatever the clock and work."),
        leakageW: d(q.watts, "Leakage at maxV; scales as V/maxV."),
        dynamicW: d(
          q.watts,
          "Dynamic power at the top clock with the tensor pipe fully busy (activity 1); scales as (V/maxV)^2 x f/fMax x activity.",
        ),
        baseActivity: d(
          q.activity,
          "Switching activity of a running kernel before its pipes' use.",
        ),
        tensorActivity: d(
          byDtype(q.activity, "Activity of a fully busy tensor pipe"),
          "Relative switching activity of a fully busy tensor pipe, per dtype (bf16 = 1 by convention).",
        ),
        vectorActivity: d(q.activity, "Relative switching activity of a fully busy vector pipe."),
        memoryJPerByte: d(q.nonNegative, "Energy per byte of HBM traffic."),
        idleW: d(q.watts, "Idle with a context loaded, clocks dropped."),
        blockingW: d(
          q.watts,
          "Waiting on communication or a dependency with clocks up (Perseus' P_blocking).",
        ),
        communicationW: d(q.watts, "Drawn while running collectives or send/receive."),
      }),
      "The power model: P = constantW + leakageW x V/maxV + dynamicW x (V/maxV)^2 x (f/fMax) x (baseActivity + tensorActivity x uTensor + vectorActivity x uVector) + memoryJPerByte x HBM bytes/s.",
    ),
    powerLimit: {
      description:
        "The settable power limit, or `none` for parts whose limit cannot be set (no cap sweeps).",
      if: { type: "object" },
      then: powerLimitMap,
      else: {
        const: "none",
        "x-message": "must be a map {minW, defaultW, maxW, windowS} or 'none'",
      },
    },
    timing: d(
      map({
        launchOverheadS: d(q.nonNegative, "Fixed cost per kernel launch."),
        memoryEfficiency: d(q.fraction, "Fraction of peak HBM bandwidth streaming kernels reach."),
        memoryIssueKneeMHz: d(
          q.nonNegative,
          "Below this SM clock the SMs cannot issue loads fast enough; memory time grows as knee/f.",
        ),
        overlapExponent: d(
          q.exponent,
          "Roofline overlap: t = (tc^p + tm^p)^(1/p); a large p is the pure max, p = 1 adds them.",
        ),
        efficiency: d(
          map({
            gemm: efficiency("GEMM"),
            attention: efficiency("attention"),
            elementwise: efficiency("elementwise"),
          }),
          "Compute efficiency by op kind.",
        ),
      }),
      "The time model: roofline with measured efficiencies.",
    ),
    interconnect: d(
      { type: "array", items: link },
      "Links between GPUs: a group within one node uses the first `node` link, a larger one the first `cluster` link (else the first link).",
    ),
    node: d(
      map({
        gpusPerNode: d(q.count, "GPUs in one node."),
        baseW: d(q.nonNegative, "Node power outside the GPUs that does not scale with GPU count."),
        perGpuW: d(q.nonNegative, "Non-GPU node power per GPU."),
      }),
      "The node around the GPUs: a job pays its share of baseW plus perGpuW per GPU.",
    ),
  },
  $defs: {
    // Ranges hold every real part with a wide margin and keep the arithmetic finite
    // (input/limits.ts): no figure of these fields is below 0.001 or above 1e15 in its SI unit
    // (HBM bandwidth is ~1e13 B/s), no accelerator draws 5 kW, no kernel reaches 0.1% of peak.
    watts: quantity(
      { minimum: 0, maximum: 5000 },
      "A power (W) from 0 to 5000, with its provenance.",
    ),
    limitW: quantity(
      { minimum: 1, maximum: 5000 },
      "A power limit (W) from 1 to 5000, with its provenance.",
    ),
    activity: quantity(
      { minimum: 0, maximum: 100 },
      "A relative switching activity from 0 to 100, with its provenance.",
    ),
    positive: quantity(
      { minimum: 0.001, maximum: 1e15 },
      "A figure from 0.001 to 1e15 with its provenance.",
    ),
    nonNegative: quantity(
      { minimum: 0, maximum: 1e15 },
      "A figure from 0 to 1e15 with its provenance.",
    ),
    fraction: quantity(
      { minimum: 0.001, maximum: 1 },
      "A fraction in [0.001, 1] (0.1% of peak is no real kernel).",
    ),
    count: quantity({ type: "integer", minimum: 1, maximum: 1e6 }, "A whole count from 1 to 1e6."),
    exponent: quantity({ minimum: 1, maximum: 100 }, "An exponent from 1 to 100."),
    grid,
  },
} as const;
