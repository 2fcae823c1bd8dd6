/** Reading an input file whole, with a reason a user can act on when it cannot be read. */
import { readFileSync } from "node:fs";
import { InputError } from "./input-error.js";
import { noteFileRead } from "./file-reads.js";

/** Read a UTF-8 file or throw an InputError (code FILE) that says why not. */
export function readTextFile(file: string, displayName: string = file): string {
  try {
    return noteFileRead(file, readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : code === "EACCES"
            ? "permission denied"
            : e instanceof Error
              ? e.message
              : String(e);
    throw new InputError(`cannot read file: ${why}`, { code: "FILE", file: displayName });
  }
}
