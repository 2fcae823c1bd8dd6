/** Reading an input file whole, with a reason a user can act on when it cannot be read. */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { InputError } from "./input-error.js";
import { noteFileRead } from "./file-reads.js";

/**
 * Largest input file read (bytes). Inputs are read whole into memory; the largest shipped or
 * public input (a week of Azure LLM inference requests) is tens of MB, so 256 MiB leaves room
 * while keeping a mistaken path (a disk image, a log) from eating the machine's memory.
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Read a UTF-8 file or throw an InputError (code FILE) that says why not. Only regular files
 * within MAX_INPUT_FILE_BYTES are read, checked on the opened descriptor before reading: a
 * device (/dev/zero) would grow memory without end and a FIFO would block forever.
 */
export function readTextFile(
  file: string,
  displayName: string = file,
  maxBytes: number = MAX_INPUT_FILE_BYTES,
): string {
  return noteFileRead(file, readInputText(file, displayName, maxBytes));
}

/** readTextFile without reporting the read to file-reads (for hashing a file already loaded). */
export function readInputText(
  file: string,
  displayName: string = file,
  maxBytes: number = MAX_INPUT_FILE_BYTES,
): string {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not block (it is then refused below).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fileError("is a directory, not a file", displayName);
    if (!st.isFile()) throw fileError("not a regular file (a device, FIFO or socket)", displayName);
    if (st.size > maxBytes) {
      throw fileError(
        `${st.size} bytes is over the ${maxBytes / 1024 / 1024} MiB limit for this kind of file`,
        displayName,
      );
    }
    return readFileSync(fd, "utf8");
  } catch (e) {
    if (e instanceof InputError) throw e;
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
    throw fileError(why, displayName);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fileError(why: string, displayName: string): InputError {
  return new InputError(`cannot read file: ${why}`, { code: "FILE", file: displayName });
}
