/**
 * Checks that a result set can be written to folder `dir` before any work is done, so an unusable
 * output path is bad input (exit 2) naming it, found in a moment rather than after a long run:
 * an empty name, the current folder (or one above it), a file in the way, a name too long, a
 * folder without write permission, a read-only or pseudo file system (probed by creating and
 * removing a temporary sibling). It also repairs what a killed earlier writer left (see
 * repair-result-folder.ts). Disk space cannot be promised ahead; a full disk is reported when met.
 */
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  realpathSync,
  rmdirSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { InputError } from "../input/input-error.js";
import { asOutputError, outputPathError } from "./output-error.js";
import { repairResultFolder } from "./repair-result-folder.js";
import { newSwapId, swapPath } from "./result-folder-names.js";

/** Longest file name most file systems take (NAME_MAX), in bytes. */
const NAME_MAX = 255;
/** Bytes a swap sibling adds to the folder's name: `.` + `.<pid>.<thread>.<n>.tmp`. */
const SWAP_SUFFIX = 40;
/** Longest path Linux takes (PATH_MAX less the terminating NUL), in bytes. */
const PATH_MAX = 4095;

/**
 * The folder a result set for `dir` replaces, as an absolute path (a symbolic link to a folder
 * is followed, so the link stays). Bad input when it cannot hold a result set: an empty name,
 * the current folder or one above it (it would be swapped away under the user), or a file.
 */
export function resultFolder(dir: string): string {
  if (dir === "") throw outputPathError(dir, 'the output folder is empty (""); name a folder');
  let root = resolve(dir);
  try {
    if (lstatSync(root).isSymbolicLink()) root = realpathSync(root);
  } catch {
    // Missing (or a dangling link): found by the checks below or when written.
  }
  const cwd = process.cwd();
  if (root === dirname(root) || root === cwd || cwd.startsWith(root + sep)) {
    throw outputPathError(
      dir,
      "it is the current folder or holds it; results replace their folder as a whole, so give them a folder of their own (e.g. results/name)",
    );
  }
  let probe = root;
  while (!existsSync(probe) && probe !== dirname(probe)) probe = dirname(probe);
  if (!statSync(probe).isDirectory()) {
    throw outputPathError(
      dir,
      `a file is in the way: ${probe === root ? "it" : probe} is not a folder`,
    );
  }
  return root;
}

function checkNames(dir: string, root: string): void {
  if (Buffer.byteLength(root) + SWAP_SUFFIX > PATH_MAX) {
    throw outputPathError(dir, `the path is too long (at most ${PATH_MAX - SWAP_SUFFIX} bytes)`);
  }
  for (const name of root.split(sep)) {
    if (Buffer.byteLength(name) > NAME_MAX) {
      throw outputPathError(dir, `a name in the path is too long (at most ${NAME_MAX} bytes)`);
    }
  }
  if (Buffer.byteLength(basename(root)) + SWAP_SUFFIX > NAME_MAX) {
    throw outputPathError(
      dir,
      `the folder's name is too long (at most ${NAME_MAX - SWAP_SUFFIX} bytes, room for its temporary sibling)`,
    );
  }
}

/**
 * Why an existing folder cannot be swapped from beside it: with the hint to give a folder inside
 * it (a volume's mount point, or a folder whose parent the user cannot write, holds results well
 * in a subfolder).
 */
function insideHint(dir: string, root: string, why: string): InputError {
  return outputPathError(
    dir,
    `${why}; a result folder is replaced as a whole from a temporary folder beside it, in ${dirname(root)}: give a folder inside it instead, e.g. ${join(dir, "results")}`,
  );
}

/** Checks `dir` as a result folder (see above) and returns it as an absolute path. */
export function checkOutputDir(dir: string): string {
  const root = resultFolder(dir);
  checkNames(dir, root);
  const exists = existsSync(root);
  if (exists && statSync(root).dev !== statSync(dirname(root)).dev) {
    throw insideHint(dir, root, "it is a mount point, which cannot be renamed");
  }
  try {
    // The nearest folder that exists: where the first missing part (or the swap) is created.
    let child = root;
    while (!existsSync(dirname(child))) child = dirname(child);
    try {
      accessSync(dirname(child), constants.W_OK | constants.X_OK);
      const probe = swapPath(child, newSwapId(), "tmp");
      mkdirSync(probe);
      rmdirSync(probe);
    } catch (e) {
      const error = asOutputError(e, dir);
      if (!exists || !(error instanceof InputError)) throw error;
      throw insideHint(dir, root, error.detail.replace(/^cannot write results here: /, ""));
    }
    repairResultFolder(root);
    if (exists) accessSync(root, constants.R_OK | constants.X_OK);
  } catch (e) {
    throw asOutputError(e, dir);
  }
  return root;
}
