/**
 * The model a scenario names, with its precision overrides applied: a built-in name, a shipped
 * config ("hf:Qwen/Qwen3-8B"), or a config.json path relative to the scenario file. A problem
 * inside the config is reported in the config's own file; one with the name, on the scenario's
 * line.
 */
import { dirname, resolve } from "node:path";
import type { Dtype } from "../hardware/op.js";
import { InputError } from "../input/input-error.js";
import type { LoadedYaml } from "../input/load-yaml.js";
import type { WeightDtype } from "../workload/model/dtype.js";
import { isModelPath, resolveModel } from "../workload/model/resolve-model.js";
import type { TransformerShape } from "../workload/model/transformer.js";

/** `precision:` in a scenario: storage formats that override the model's. */
export interface PrecisionDoc {
  weights?: WeightDtype;
  kvCache?: Dtype;
}

/** `moe:` in a scenario: routing skew and expert parallelism. */
export interface MoeDoc {
  routingZipfExponent?: number;
  expertParallel?: boolean;
}

/**
 * A scenario's model name checked now (errors at their line, or in the config's own file) and
 * made independent of the working directory: a config path becomes absolute, names stay as
 * written. For the kinds that carry the name to where the work is built (estimate, training).
 */
export function scenarioModelSpec(
  loaded: LoadedYaml,
  field: (string | number)[],
  spec: string,
): { spec: string; shape: TransformerShape } {
  const shape = loadScenarioModel(loaded, field, spec);
  return { spec: isModelPath(spec) ? resolve(dirname(loaded.file), spec) : spec, shape };
}

export function loadScenarioModel(
  loaded: LoadedYaml,
  field: (string | number)[],
  spec: string,
  precision: PrecisionDoc = {},
  moe?: MoeDoc,
): TransformerShape {
  let shape: TransformerShape;
  try {
    shape = resolveModel(spec, dirname(loaded.file));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.file !== undefined && e.line !== undefined) throw e;
    throw loaded.errorAt(field, e.detail, e.code);
  }
  if (precision.weights !== undefined) shape = { ...shape, weightDtype: precision.weights };
  if (precision.kvCache !== undefined) shape = { ...shape, kvDtype: precision.kvCache };
  if (moe !== undefined) {
    if (shape.moe === undefined)
      throw loaded.errorAt(["moe"], `model '${spec}' has no mixture-of-experts layers`);
    shape = { ...shape, moe: { ...shape.moe, ...moe } };
  }
  return shape;
}
