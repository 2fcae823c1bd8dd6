/**
 * JSON Schema (checked with ajv) of a serving-engine profile YAML file. Every figure is a
 * quantity `{value, source: spec|measured|fit|assumed, ref?}` like a hardware profile's; unknown
 * fields are errors, and so are missing figures and negative host times.
 */
import { quantity } from "../../../hardware/profile/profile-schema.js";

export const ENGINE_PROFILE_SCHEMA_VERSION = 1;

const seconds = quantity({ minimum: 0 }, "A host time >= 0 s with its provenance.");
const fraction = quantity({ exclusiveMinimum: 0, maximum: 1 }, "A fraction in (0, 1].");
const nonNegative = quantity({ minimum: 0 }, "A figure >= 0 with its provenance.");

function map(properties: Record<string, unknown>) {
  return {
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  } as const;
}

export const engineProfileSchema = {
  $id: "https://wattif.dev/schemas/engine-profile-v1.json",
  title: "wattif serving-engine profile",
  ...map({
    schemaVersion: { const: ENGINE_PROFILE_SCHEMA_VERSION },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    displayName: { type: "string", minLength: 1 },
    host: map({ iterationS: seconds, perSequenceS: seconds, perTokenS: seconds }),
    decodeAttention: map({ memoryEfficiency: fraction, vectorFlopsPerScore: nonNegative }),
  }),
} as const;
