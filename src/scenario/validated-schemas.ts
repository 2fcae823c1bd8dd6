/**
 * Every JSON Schema a loader validates input against, for the build's precompiled validators
 * (input/precompiled-validators.ts). A schema left out still works (compiled at run time, ~0.1 s
 * later); test/input/precompiled-validators.test.ts checks that the built CLI loads every shipped
 * scenario without compiling a schema.
 */
import { profileSchema } from "../hardware/profile/profile-schema.js";
import { engineProfileSchema } from "../replay/serving/engine-profile/engine-profile-schema.js";
import { HF_FAMILY_SCHEMAS } from "../workload/model/hf-config-schema.js";
import { scheduleFileSchema } from "./load-schedule-file.js";
import { SCENARIO_SCHEMAS } from "./scenario-schemas.js";

export const VALIDATED_SCHEMAS: readonly object[] = [
  ...Object.values(SCENARIO_SCHEMAS),
  profileSchema,
  engineProfileSchema,
  scheduleFileSchema,
  ...Object.values(HF_FAMILY_SCHEMAS),
];
