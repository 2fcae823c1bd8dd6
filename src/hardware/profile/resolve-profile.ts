/**
 * Turn a validated (and merged) profile document into a `HardwareProfile`: quantities become plain
 * numbers with their provenance recorded by path, clock grids expand to ascending lists, and the
 * cross-field checks JSON Schema cannot express are made, each error placed on its YAML node.
 */
import type { Dtype } from "../op.js";
import { InputError } from "../../input/input-error.js";
import type { Locate } from "../../input/schema-errors.js";
import { toSegments } from "../../input/yaml-path.js";
import type {
  HardwareProfile,
  KindEfficiency,
  Link,
  PowerLimit,
  Provenance,
  ProvenanceSource,
} from "./profile.js";
import type { ByDtypeDoc, EfficiencyDoc, ProfileDoc, QuantityDoc } from "./profile-doc.js";
import { expandGrid } from "./expand-grid.js";

export type { ProfileDoc } from "./profile-doc.js";

export interface ResolveMeta {
  /** File the profile was loaded from (for messages). */
  file?: string;
}

/** Resolve a validated profile document; throws InputError (code VALUE) on cross-field problems. */
export function resolveProfile(
  doc: ProfileDoc,
  locate: Locate,
  meta: ResolveMeta = {},
): HardwareProfile {
  const provenance: Record<string, Provenance> = {};
  const errors: InputError[] = [];
  /** Report a problem with the figure at `path`; the position is that of `at` (its value). */
  const fail = (path: string, detail: string, at: string = path): void => {
    errors.push(new InputError(detail, { code: "VALUE", path, ...locate(toSegments(at)) }));
  };
  const failValue = (path: string, detail: string): void => fail(path, detail, `${path}.value`);
  const num = (path: string, quantity: QuantityDoc): number => {
    provenance[path] = provenanceOf(quantity);
    return quantity.value;
  };
  const byDtype = (path: string, m: ByDtypeDoc): Partial<Record<Dtype, number>> => {
    const out: Partial<Record<Dtype, number>> = {};
    for (const [dtype, quantity] of Object.entries(m) as [Dtype, QuantityDoc][]) {
      out[dtype] = num(`${path}.${dtype}`, quantity);
    }
    return out;
  };
  const eff = (path: string, e: EfficiencyDoc): KindEfficiency => ({
    max: num(`${path}.max`, e.max),
    halfFlops: num(`${path}.halfFlops`, e.halfFlops),
  });

  const sm = expandGrid(doc.clocks.smMHz, "clocks.smMHz", fail);
  const mem = expandGrid(doc.clocks.memoryMHz, "clocks.memoryMHz", fail);
  provenance["clocks.smMHz"] = provenanceOf(doc.clocks.smMHz);
  provenance["clocks.defaultMHz"] = provenanceOf(doc.clocks.smMHz);
  provenance["clocks.memoryMHz"] = provenanceOf(doc.clocks.memoryMHz);

  const voltage = {
    minV: num("voltage.minV", doc.voltage.minV),
    kneeMHz: num("voltage.kneeMHz", doc.voltage.kneeMHz),
    maxV: num("voltage.maxV", doc.voltage.maxV),
  };
  if (voltage.minV > voltage.maxV) {
    failValue("voltage.maxV", `must be >= minV (${voltage.minV} V), got ${voltage.maxV} V`);
  }
  const smLo = sm.values[0];
  const smHi = sm.values[sm.values.length - 1];
  if (
    smLo !== undefined &&
    smHi !== undefined &&
    (voltage.kneeMHz < smLo || voltage.kneeMHz > smHi)
  ) {
    failValue("voltage.kneeMHz", `must lie within the SM clock range ${smLo}-${smHi} MHz`);
  }

  let powerLimit: PowerLimit | undefined;
  if (doc.powerLimit !== "none") {
    const l = doc.powerLimit;
    powerLimit = {
      minW: num("powerLimit.minW", l.minW),
      defaultW: num("powerLimit.defaultW", l.defaultW),
      maxW: num("powerLimit.maxW", l.maxW),
      windowS: num("powerLimit.windowS", l.windowS),
    };
    const { minW, defaultW, maxW } = powerLimit;
    if (minW > maxW) failValue("powerLimit.minW", `must be <= maxW (${maxW} W), got ${minW} W`);
    else if (defaultW < minW || defaultW > maxW) {
      failValue(
        "powerLimit.defaultW",
        `must lie within minW-maxW (${minW}-${maxW} W), got ${defaultW} W`,
      );
    }
  }

  const seenLinks = new Map<string, number>();
  const interconnect: Link[] = doc.interconnect.map((l, i) => {
    const prior = seenLinks.get(l.name);
    if (prior !== undefined) {
      fail(
        `interconnect[${i}].name`,
        `duplicate link name '${l.name}' (also interconnect[${prior}])`,
      );
    } else seenLinks.set(l.name, i);
    return {
      name: l.name,
      bandwidthBytesPerS: num(`interconnect[${i}].bandwidthBytesPerS`, l.bandwidthBytesPerS),
      latencyS: num(`interconnect[${i}].latencyS`, l.latencyS),
      scope: l.scope,
    };
  });

  const p = doc.power;
  const t = doc.timing;
  const profile: HardwareProfile = {
    name: doc.name,
    displayName: doc.displayName,
    compute: {
      units: num("compute.units", doc.compute.units),
      tensorFlopsPerClock: byDtype("compute.tensorFlopsPerClock", doc.compute.tensorFlopsPerClock),
      vectorFlopsPerClock: num("compute.vectorFlopsPerClock", doc.compute.vectorFlopsPerClock),
    },
    memory: {
      capacityBytes: num("memory.capacityBytes", doc.memory.capacityBytes),
      bandwidthBytesPerS: num("memory.bandwidthBytesPerS", doc.memory.bandwidthBytesPerS),
    },
    clocks: {
      smMHz: sm.values,
      defaultMHz: sm.defaultMHz,
      memoryMHz: mem.values,
      switchLatencyS: num("clocks.switchLatencyS", doc.clocks.switchLatencyS),
    },
    voltage,
    power: {
      constantW: num("power.constantW", p.constantW),
      leakageW: num("power.leakageW", p.leakageW),
      dynamicW: num("power.dynamicW", p.dynamicW),
      baseActivity: num("power.baseActivity", p.baseActivity),
      tensorActivity: byDtype("power.tensorActivity", p.tensorActivity),
      vectorActivity: num("power.vectorActivity", p.vectorActivity),
      memoryJPerByte: num("power.memoryJPerByte", p.memoryJPerByte),
      idleW: num("power.idleW", p.idleW),
      blockingW: num("power.blockingW", p.blockingW),
      communicationW: num("power.communicationW", p.communicationW),
    },
    timing: {
      launchOverheadS: num("timing.launchOverheadS", t.launchOverheadS),
      memoryEfficiency: num("timing.memoryEfficiency", t.memoryEfficiency),
      memoryIssueKneeMHz: num("timing.memoryIssueKneeMHz", t.memoryIssueKneeMHz),
      overlapExponent: num("timing.overlapExponent", t.overlapExponent),
      efficiency: {
        gemm: eff("timing.efficiency.gemm", t.efficiency.gemm),
        attention: eff("timing.efficiency.attention", t.efficiency.attention),
        elementwise: eff("timing.efficiency.elementwise", t.efficiency.elementwise),
      },
    },
    interconnect,
    node: {
      gpusPerNode: num("node.gpusPerNode", doc.node.gpusPerNode),
      baseW: num("node.baseW", doc.node.baseW),
      perGpuW: num("node.perGpuW", doc.node.perGpuW),
    },
    provenance,
  };
  if (powerLimit !== undefined) profile.powerLimit = powerLimit;
  if (doc.extends !== undefined) profile.extends = doc.extends;
  if (meta.file !== undefined) profile.file = meta.file;
  if (errors.length > 0) throw InputError.combine(errors);
  return profile;
}

function provenanceOf(q: { source: ProvenanceSource; ref?: string }): Provenance {
  return q.ref === undefined ? { source: q.source } : { source: q.source, ref: q.ref };
}
