/** Every Zeus job on every GPU of the shipped traces, read once per test file. */
import {
  epochsAtLimits,
  readPowerTrace,
  readTrainTrace,
  zeusDatasets,
  zeusGpus,
  zeusJob,
  zeusWorkload,
  type ZeusWorkload,
} from "../../../src/optimize/zeus/index.js";

export const ZEUS_DIR = "data/zeus";

export async function allWorkloads(): Promise<ZeusWorkload[]> {
  const train = await readTrainTrace(ZEUS_DIR);
  const out: ZeusWorkload[] = [];
  for (const gpu of zeusGpus(ZEUS_DIR)) {
    const power = await readPowerTrace(ZEUS_DIR, gpu);
    for (const dataset of zeusDatasets()) {
      const job = zeusJob(dataset)!;
      out.push(zeusWorkload(job, gpu, train, epochsAtLimits(job, power)));
    }
  }
  return out;
}
