/**
 * JSON Schema (checked with ajv) of a serving-engine profile YAML file. Every figure is a
 * quantity `{value, source: spec|measured|fit|assumed, ref?}` like a hardware profile's; unknown
 * fields are errors, and so are missing figures and negative host times.
 */
import { quantity } from "../../../hardware/profile/profile-schema.js";

export const ENGINE_PROFILE_SCHEMA_VERSION = 1;

// Ranges keep every real engine with a wide margin and the arithmetic finite: host time of one
// iteration, sequence or token is us to ms (1 s is a stalled engine); no kernel reaches less
// than 0.1% of peak (input/limits.ts).
const seconds = quantity(
  { minimum: 0, maximum: 1 },
  "A host time from 0 to 1 s with its provenance.",
);
const fraction = quantity({ minimum: 0.001, maximum: 1 }, "A fraction in [0.001, 1].");
const nonNegative = quantity(
  { minimum: 0, maximum: 1e15 },
  "A figure from 0 to 1e15 with its provenance.",
);

function map(properties: Record<string, unknown>) {
  return {
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  } as const;
}

/** A figure of one of the $defs kinds, with what it means (for docs/engine-profiles.md). */
const figure = (kind: "seconds" | "fraction" | "nonNegative", description: string) =>
  ({ $ref: `#/$defs/${kind}`, description }) as const;

export const engineProfileSchema = {
  $id: "https://wattif.dev/schemas/engine-profile-v1.json",
  title: "wattif serving-engine profile",
  ...map({
    schemaVersion: {
      const: ENGINE_PROFILE_SCHEMA_VERSION,
      description: "Version of this format.",
    },
    name: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      description: "The profile's name; must equal the file name without .yaml.",
    },
    displayName: {
      type: "string",
      minLength: 1,
      description: "Human-readable name of the engine and version.",
    },
    host: {
      ...map({
        iterationS: figure("seconds", "Per iteration, whatever its size."),
        perSequenceS: figure("seconds", "Per sequence scheduled in the iteration."),
        perTokenS: figure("seconds", "Per token sampled."),
      }),
      description:
        "Host time of each iteration (iterationS + perSequenceS x sequences + perTokenS x sampled tokens), before its kernels; the GPUs wait through it at the hardware profile's blockingW.",
    },
    decodeAttention: {
      ...map({
        memoryEfficiency: figure(
          "fraction",
          "Share of the hardware's streaming HBM bandwidth its K/V gather reaches.",
        ),
        vectorFlopsPerScore: figure(
          "nonNegative",
          "Vector-pipe FLOPs per (query head, cached key) score.",
        ),
      }),
      description:
        "The engine's decode attention kernel (GQA-aware: each cached K/V head is read once).",
    },
  }),
  $defs: { seconds, fraction, nonNegative },
} as const;
