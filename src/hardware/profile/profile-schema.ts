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

const source = { enum: PROVENANCE_SOURCES } as const;

/** A figure `{value, source, ref?}` whose value meets `value` (JSON Schema keywords). */
export function quantity(value: Record<string, unknown>, description: string) {
  return {
    type: "object",
    description,
    additionalProperties: false,
    required: ["value", "source"],
    properties: { value: { type: "number", ...value }, source, ref },
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
  positive: { $ref: "#/$defs/positive" },
  nonNegative: { $ref: "#/$defs/nonNegative" },
  fraction: { $ref: "#/$defs/fraction" },
  count: { $ref: "#/$defs/count" },
  exponent: { $ref: "#/$defs/exponent" },
  grid: { $ref: "#/$defs/grid" },
} as const;

function byDtype(of: unknown) {
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(DTYPES.map((d) => [d, of])),
  } as const;
}

const mhz = { type: "number", exclusiveMinimum: 0 } as const;

const grid = {
  type: "object",
  description:
    "Selectable clocks (MHz): a range {min, max, step}, a list {values}, or one {fixed} clock.",
  additionalProperties: false,
  required: ["source"],
  properties: {
    min: mhz,
    max: mhz,
    step: mhz,
    values: { type: "array", minItems: 1, items: mhz },
    fixed: mhz,
    default: mhz,
    source,
    ref,
  },
  oneOf: [
    {
      required: ["min", "max", "step"],
      properties: { min: mhz, max: mhz, step: mhz, values: false, fixed: false },
    },
    {
      required: ["values"],
      properties: { values: true, min: false, max: false, step: false, fixed: false },
    },
    {
      required: ["fixed"],
      properties: {
        fixed: mhz,
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

const efficiency = map({ max: q.fraction, halfFlops: q.nonNegative });

const powerLimitMap = map({
  minW: q.positive,
  defaultW: q.positive,
  maxW: q.positive,
  windowS: q.positive,
});

const link = map({
  name: { type: "string", minLength: 1 },
  bandwidthBytesPerS: q.positive,
  latencyS: q.nonNegative,
  scope: { enum: ["node", "cluster"] },
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
    schemaVersion: { const: PROFILE_SCHEMA_VERSION },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    displayName: { type: "string", minLength: 1 },
    extends: { type: "string", minLength: 1 },
    compute: map({
      units: q.count,
      tensorFlopsPerClock: byDtype(q.positive),
      vectorFlopsPerClock: q.positive,
    }),
    memory: map({ capacityBytes: q.positive, bandwidthBytesPerS: q.positive }),
    clocks: map({ smMHz: q.grid, memoryMHz: q.grid, switchLatencyS: q.nonNegative }),
    voltage: map({ minV: q.positive, kneeMHz: q.positive, maxV: q.positive }),
    power: map({
      constantW: q.nonNegative,
      leakageW: q.nonNegative,
      dynamicW: q.nonNegative,
      baseActivity: q.nonNegative,
      tensorActivity: byDtype(q.nonNegative),
      vectorActivity: q.nonNegative,
      memoryJPerByte: q.nonNegative,
      idleW: q.nonNegative,
      blockingW: q.nonNegative,
      communicationW: q.nonNegative,
    }),
    powerLimit: {
      if: { type: "object" },
      then: powerLimitMap,
      else: {
        const: "none",
        "x-message": "must be a map {minW, defaultW, maxW, windowS} or 'none'",
      },
    },
    timing: map({
      launchOverheadS: q.nonNegative,
      memoryEfficiency: q.fraction,
      memoryIssueKneeMHz: q.nonNegative,
      overlapExponent: q.exponent,
      efficiency: map({ gemm: efficiency, attention: efficiency, elementwise: efficiency }),
    }),
    interconnect: { type: "array", items: link },
    node: map({ gpusPerNode: q.count, baseW: q.nonNegative, perGpuW: q.nonNegative }),
  },
  $defs: {
    positive: quantity({ exclusiveMinimum: 0 }, "A figure > 0 with its provenance."),
    nonNegative: quantity({ minimum: 0 }, "A figure >= 0 with its provenance."),
    fraction: quantity({ exclusiveMinimum: 0, maximum: 1 }, "A fraction in (0, 1]."),
    count: quantity({ type: "integer", minimum: 1 }, "A whole count >= 1."),
    exponent: quantity({ minimum: 1 }, "An exponent >= 1."),
    grid,
  },
} as const;
