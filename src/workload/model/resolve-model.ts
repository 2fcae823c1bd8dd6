/**
 * What a `model:` value names: a built-in shape ("llama3-8b"), a config shipped in models/hf
 * ("hf:Qwen/Qwen3-8B"), or the path of any Hugging Face config.json (relative to `baseDir`).
 */
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { badValue } from "../../input/input-error.js";
import { displayPath } from "../../input/file-paths.js";
import { packagePath } from "../../input/project-paths.js";
import { getModel, modelNames } from "./builtin-models.js";
import { loadHfConfig } from "./hf-config.js";
import type { TransformerShape } from "./transformer.js";

const HF_PREFIX = "hf:";

/** The ids of the configs shipped in models/hf (e.g. "Qwen/Qwen3-8B"). */
export function shippedHfModels(): string[] {
  const dir = packagePath("models/hf/");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name.replace("__", "/"))
    .sort();
}

export function isModelPath(spec: string): boolean {
  return !spec.startsWith(HF_PREFIX) && (/\.json$/i.test(spec) || spec.includes("/"));
}

export function resolveModel(spec: string, baseDir: string = process.cwd()): TransformerShape {
  if (spec.startsWith(HF_PREFIX)) {
    const id = spec.slice(HF_PREFIX.length);
    const file = packagePath(`models/hf/${id.replace("/", "__")}/config.json`);
    if (!id.includes("/") || !existsSync(file)) {
      throw badValue(
        "model",
        `no shipped config '${id}' (shipped: ${shippedHfModels().join(", ")}); ` +
          "give the path of a config.json instead",
      );
    }
    return loadHfConfig(file, id, displayPath(file));
  }
  if (isModelPath(spec)) {
    const file = resolve(baseDir, spec);
    return loadHfConfig(file, spec, displayPath(file));
  }
  if (!modelNames().includes(spec)) {
    throw badValue(
      "model",
      `unknown model '${spec}' (built-in: ${modelNames().join(", ")}; ` +
        `shipped: ${shippedHfModels()
          .map((m) => HF_PREFIX + m)
          .join(", ")}; or the path of a config.json)`,
    );
  }
  return getModel(spec);
}
