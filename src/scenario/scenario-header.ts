/**
 * What every scenario has whatever its kind: its kind, name, description, the file it came
 * from and the folder its results go to (results/<name> unless `output.dir` says otherwise).
 */
import type { LoadedYaml } from "../input/load-yaml.js";

export interface ScenarioHeader<K extends string> {
  kind: K;
  name: string;
  description: string;
  file: string;
  outputDir: string;
}

export interface HeaderDoc {
  name?: string;
  description?: string;
  output?: { dir?: string };
}

export function scenarioHeader<K extends string>(
  kind: K,
  doc: HeaderDoc,
  loaded: LoadedYaml,
): ScenarioHeader<K> {
  const name = doc.name ?? kind;
  return {
    kind,
    name,
    description: doc.description ?? "",
    file: loaded.file,
    outputDir: doc.output?.dir ?? `results/${name}`,
  };
}

/**
 * The user's own strings a result may quote (its name, description, file and folder): a check
 * for NaN or Infinity in printed text must not mistake them for numbers (finite-check.ts).
 */
export function userStrings(h: ScenarioHeader<string>): string[] {
  return [h.name, h.description, h.file, h.outputDir];
}
