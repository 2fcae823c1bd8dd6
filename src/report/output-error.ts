/**
 * Errors from writing results that the user can fix (no space, no permission, a read-only disk,
 * a name too long, a file in the way) become bad input naming the output folder (exit 2); any
 * other error passes through unchanged (a content function's own failure, or a bug).
 */
import { InputError } from "../input/input-error.js";

const USER_FIXABLE: Readonly<Record<string, string>> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENAMETOOLONG: "a name in the path is too long",
  ENOTDIR: "a file is in the way (a part of the path is not a folder)",
  EISDIR: "a folder is in the way",
  EEXIST: "something is in the way",
  ENOTEMPTY: "a folder is in the way",
  ENOENT: "a part of the path cannot be created",
  EBUSY: "the folder is in use (a mount point?)",
  EXDEV: "the folder is on another device than its temporary sibling",
  EMLINK: "too many links",
  EIO: "an input/output error",
  EINVAL: "the path is not usable for files",
  ELOOP: "too many symbolic links",
};

/** Bad input for `dir`, saying what went wrong. */
export function outputPathError(dir: string, detail: string): InputError {
  return new InputError(`cannot write results here: ${detail}`, { code: "FILE", file: dir });
}

/** `e` as bad input naming `dir` when it is an errno the user can fix; otherwise `e` itself. */
export function asOutputError(e: unknown, dir: string): unknown {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : USER_FIXABLE[code];
  if (reason === undefined) return e;
  const path = (e as NodeJS.ErrnoException).path;
  return outputPathError(dir, `${reason}${path !== undefined ? ` (${code} on ${path})` : ""}`);
}
