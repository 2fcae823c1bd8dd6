/**
 * `wattif merge <dirs...> --out <dir>`: join the folders of a sharded batch sweep into the files
 * an unsharded run writes (byte for byte), after checking every planned point finished in
 * exactly one of them. Missing points are named and nothing is written (exit 2).
 */
import type { Argv } from "yargs";
import { mergeShards } from "../../sweep/merge-shards.js";
import { runCommand } from "../exit-codes.js";
import { log } from "../print.js";

export function mergeCommand(y: Argv) {
  return y.command<{ dirs: string[]; out: string }>(
    "merge <dirs...>",
    "join the shard folders of a batch sweep and compute the global frontier",
    (a) =>
      a
        .positional("dirs", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "shard folders",
        })
        .option("out", {
          type: "string",
          demandOption: true,
          describe: "folder for the merged results",
        }),
    (argv) =>
      runCommand(async () => {
        const report = await mergeShards(argv.dirs, argv.out);
        log(`merged ${report.points} points from ${argv.dirs.length} folder(s) into ${argv.out}/`);
      }),
  );
}
