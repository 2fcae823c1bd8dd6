/**
 * Read a measurement CSV: our kernel format (`label,kind,dtype,m,n,k,flops_per_op,...`) or
 * Perseus' stage profile (`stage,instruction,frequency,time,energy`), told apart by the header.
 * Bad rows are input errors naming the file, line and column.
 */
import { readTextFile } from "../../input/read-text-file.js";
import { numberCell, parseCsvRows, type Row } from "../../input/csv-rows.js";
import { InputError } from "../../input/input-error.js";
import type { Dtype, Op, OpKind } from "../op.js";
import type { Measurement, MeasurementSet } from "./measurement.js";

const KERNEL_COLUMNS = ["label", "kind", "dtype", "flops_per_op", "bytes_per_op", "time_per_op_s"];
const KERNEL_REQUIRED = [...KERNEL_COLUMNS, "avg_power_W", "median_sm_clock_MHz"];
const PERSEUS_REQUIRED = ["stage", "instruction", "frequency", "time", "energy"];
const DTYPES: readonly string[] = ["fp8", "bf16", "fp16", "tf32", "fp32"];
/** Kernel kinds the model prices directly; `duty` rows (bursts with sleeps) are replay checks. */
const KINDS: readonly string[] = ["gemm", "attention", "elementwise", "copy"];

export async function readMeasurements(file: string): Promise<MeasurementSet> {
  const text = readTextFile(file);
  const rows = await parseCsvRows(text, file);
  const header = Object.keys(rows[0] ?? {});
  if (PERSEUS_REQUIRED.every((c) => header.includes(c))) return perseusRows(rows, file);
  if (KERNEL_REQUIRED.every((c) => header.includes(c))) return kernelRows(rows, file);
  throw new InputError(
    `unrecognised measurement CSV header (want ${KERNEL_REQUIRED.join(",")} or ${PERSEUS_REQUIRED.join(",")})`,
    { file, line: 1, code: "VALUE" },
  );
}

function kernelRows(rows: Row[], file: string): MeasurementSet {
  const out: Measurement[] = [];
  const skipped: MeasurementSet["skipped"] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const label = row.label ?? `row ${line}`;
    const kind = row.kind ?? "";
    if (!KINDS.includes(kind)) {
      skipped.push({ label, line, reason: `kind '${kind}' is not a single kernel` });
      return;
    }
    const dtypeCell = row.dtype || "bf16";
    if (!DTYPES.includes(dtypeCell)) {
      throw new InputError(`unknown dtype '${dtypeCell}'`, {
        file,
        line,
        path: "dtype",
        code: "VALUE",
      });
    }
    const op: Op = {
      name: label,
      kind: kind as OpKind,
      dtype: dtypeCell as Dtype,
      flops: numberCell(row, "flops_per_op", file, line),
      bytes: numberCell(row, "bytes_per_op", file, line),
    };
    const timeS = numberCell(row, "time_per_op_s", file, line, true);
    const powerW = numberCell(row, "avg_power_W", file, line, true);
    out.push({
      type: "kernel",
      label,
      line,
      op,
      freqMHz: numberCell(row, "median_sm_clock_MHz", file, line, true),
      timeS,
      powerW,
      energyJ: row.energy_per_op_J
        ? numberCell(row, "energy_per_op_J", file, line)
        : powerW * timeS,
    });
  });
  return { file, format: "kernels", rows: out, skipped };
}

function perseusRows(rows: Row[], file: string): MeasurementSet {
  const out: Measurement[] = rows.map((row, i) => {
    const line = i + 2;
    const stage = numberCell(row, "stage", file, line);
    const instruction = row.instruction ?? "";
    if (instruction === "") {
      throw new InputError("empty instruction", { file, line, path: "instruction", code: "VALUE" });
    }
    const freqMHz = numberCell(row, "frequency", file, line, true);
    return {
      type: "opaque",
      label: `${stage}/${instruction}@${freqMHz}`,
      line,
      opId: `${stage}/${instruction}`,
      freqMHz,
      timeS: numberCell(row, "time", file, line, true),
      energyJ: numberCell(row, "energy", file, line, true),
    };
  });
  return { file, format: "perseus", rows: out, skipped: [] };
}
