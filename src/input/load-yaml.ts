/**
 * Read a YAML file, check it against a JSON Schema, and keep the parsed Document so that any later
 * error (schema or semantic) can name the file, line and column it is about.
 */
import type { AnySchema, ValidateFunction } from "ajv";
import { isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { readTextFile } from "./read-text-file.js";
import { InputError, type InputErrorCode } from "./input-error.js";
import { validateWithSchema, type Location } from "./schema-errors.js";
import {
  pathToString,
  positionOf,
  toSegments,
  type NodePosition,
  type PathLike,
} from "./yaml-path.js";

export interface LoadedYaml<T = unknown> {
  /** The file name used in messages. */
  file: string;
  /** The document as plain JS (validated against the schema when one was given). */
  value: T;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Position of the node at `path`, or of its deepest existing ancestor (`found: false`). */
  positionOf(path: PathLike, opts?: { key?: boolean }): NodePosition;
  /** File, line and column of `path`, for building InputErrors. */
  locate(path: PathLike, opts?: { key?: boolean }): Location;
  /** An InputError placed at `path` in this file. */
  errorAt(path: PathLike, detail: string, code?: InputErrorCode): InputError;
}

/** Largest number of alias expansions accepted (guards against "billion laughs" inputs). */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parse YAML text. Syntax errors (all of them) become one InputError with positions; with a
 * schema, every schema violation is reported too. Without a schema, `value` is whatever the YAML
 * holds.
 */
export function parseYamlText<T = unknown>(
  text: string,
  file: string,
  schema?: AnySchema | ValidateFunction,
): LoadedYaml<T> {
  const lineCounter = new LineCounter();
  // logLevel "error": no process warnings on stderr (a collection used as a key becomes a
  // string key, which the schema then reports as an unknown field).
  // uniqueKeys off: the library compares each key with every earlier one (100k keys took
  // minutes); duplicateKeys below does the same check with one Set per map.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    logLevel: "error",
  });
  const syntax = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return new InputError(firstLine(e.message), { code: "YAML_SYNTAX", file, line, col });
  });
  if (syntax.length === 0) {
    for (const offset of duplicateKeys(doc)) {
      const { line, col } = lineCounter.linePos(offset);
      syntax.push(
        new InputError("Map keys must be unique", { code: "YAML_SYNTAX", file, line, col }),
      );
    }
  }
  if (syntax.length > 0) throw InputError.combine(syntax);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e), {
      code: "YAML_SYNTAX",
      file,
      line: 1,
      col: 1,
    });
  }
  const loaded = loadedFromDocument<T>(doc, lineCounter, file, value as T);
  if (schema !== undefined) {
    const errors = validateWithSchema(value, schema, (path, opts) => loaded.locate(path, opts));
    if (errors.length > 0) throw InputError.combine(errors);
  }
  return loaded;
}

/**
 * A LoadedYaml over an already parsed (possibly edited) document: a sweep point is the scenario's
 * document with some values replaced by the sweep entries' nodes, so positions still point into
 * the scenario file. `value` defaults to the document as plain JS.
 */
export function loadedFromDocument<T = unknown>(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  value: T = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as T,
): LoadedYaml<T> {
  return {
    file,
    value,
    doc,
    lineCounter,
    positionOf: (path, opts) => positionOf(doc, lineCounter, path, opts),
    locate: (path, opts) => {
      const { line, col } = positionOf(doc, lineCounter, path, opts);
      return { file, line, col };
    },
    errorAt: (path, detail, code = "VALUE") => {
      const segs = toSegments(path);
      const { line, col } = positionOf(doc, lineCounter, segs);
      return new InputError(detail, { code, file, line, col, path: pathString(path) });
    },
  };
}

/** Read and parse a YAML file; an unreadable file is an InputError with code FILE. */
/**
 * Largest YAML (or JSON) file read as a scenario, profile or model config (bytes). These are
 * written by hand: the largest shipped is under 8 KB, so 256 KiB is 30x that. Parsing and
 * checking take about 3 s per MB here (40k unknown keys in 780 KB: 2.4 s), so the limit keeps
 * a mistaken or hostile file under a second. Machine-written lists (schedule files) pass their
 * own limit.
 */
export const MAX_YAML_FILE_BYTES = 256 * 1024;

export function loadYamlFile<T = unknown>(
  file: string,
  schema?: AnySchema | ValidateFunction,
  displayName: string = file,
  maxBytes: number = MAX_YAML_FILE_BYTES,
): LoadedYaml<T> {
  return parseYamlText<T>(readTextFile(file, displayName, maxBytes), displayName, schema);
}

function pathString(path: PathLike): string {
  return typeof path === "string" ? path : pathToString(path);
}

/** Offsets of every map key that repeats an earlier scalar key of the same map. */
function duplicateKeys(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = pair.key.value;
        if (seen.has(k)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(k);
      }
    },
  });
  return offsets;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}
