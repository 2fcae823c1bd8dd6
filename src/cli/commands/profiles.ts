/** `wattif profiles`: the hardware profiles wattif knows, with their key figures. */
import type { Argv } from "yargs";
import { listProfiles, loadProfile } from "../../hardware/profile/load-profile.js";
import { tensorPeakFlopsPerS } from "../../hardware/cost/op-time.js";
import type { HardwareProfile } from "../../hardware/profile/profile.js";
import { toJson } from "../../report/json.js";
import { formatTable } from "../../report/table.js";
import { runCommand } from "../exit-codes.js";

export function profileSummary(p: HardwareProfile) {
  const grid = p.clocks.smMHz;
  const top = grid[grid.length - 1] as number;
  return {
    name: p.name,
    displayName: p.displayName,
    extends: p.extends ?? "",
    units: p.compute.units,
    bf16Tflops: Number((tensorPeakFlopsPerS(p, "bf16", top) / 1e12).toFixed(1)),
    hbmGB: Number((p.memory.capacityBytes / 1e9).toFixed(1)),
    hbmTBps: Number((p.memory.bandwidthBytesPerS / 1e12).toFixed(2)),
    smClockMHz: grid.length === 1 ? `${top}` : `${grid[0]}-${top}`,
    powerLimitW: p.powerLimit
      ? `${p.powerLimit.minW}-${p.powerLimit.maxW} (${p.powerLimit.defaultW})`
      : "none",
    idleW: p.power.idleW,
  };
}

export function profilesCommand(y: Argv) {
  return y.command<{ json?: boolean }>(
    "profiles",
    "list hardware profiles with key figures",
    (a) => a.option("json", { type: "boolean" }),
    (argv) =>
      runCommand(() => {
        const rows = listProfiles().map((name) => profileSummary(loadProfile(name)));
        if (argv.json) {
          process.stdout.write(toJson(rows));
          return;
        }
        process.stdout.write(
          formatTable(rows, [
            { key: "name", align: "left" },
            { key: "extends", align: "left" },
            { key: "units", header: "SMs/CUs" },
            { key: "bf16Tflops", header: "BF16 TFLOP/s" },
            { key: "hbmGB", header: "HBM GB" },
            { key: "hbmTBps", header: "HBM TB/s" },
            { key: "smClockMHz", header: "SM MHz", align: "right" },
            { key: "powerLimitW", header: "limit W (default)", align: "right" },
            { key: "idleW", header: "idle W" },
          ]) + "\n",
        );
      }),
  );
}
