/**
 * Bad input found while a scenario runs (a planner's size check, a stage profile's stages vs
 * the schedule) names a scenario field but no place: put it on that field's line in the
 * scenario file, so `validate` and `run` report it alike, as `file:line:col: path: message`.
 */
import { InputError } from "../input/input-error.js";
import { loadYamlFile } from "../input/load-yaml.js";

export async function withScenarioPositions<T>(file: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof InputError) || e.file !== undefined || e.path === undefined) throw e;
    if ("errors" in e) throw e;
    let loaded;
    try {
      loaded = loadYamlFile(file);
    } catch {
      throw e;
    }
    // A path the file does not hold (a default, a field under another name) keeps no position.
    if (!loaded.positionOf(e.path).found) {
      throw new InputError(e.detail, { code: e.code, file: loaded.file, path: e.path });
    }
    throw loaded.errorAt(e.path, e.detail, e.code);
  }
}
