/** Zeus at the job level: batch size x power limit of a recurring training job. */
export { zeusDatasets, zeusJob, type ZeusJob } from "./zeus-jobs.js";
export {
  parsePowerTrace,
  parseTrainTrace,
  readPowerTrace,
  readTrainTrace,
  zeusGpus,
  type PowerRow,
  type TrainRow,
} from "./read-zeus-trace.js";
export {
  epochsAtLimits,
  zeusWorkload,
  type EpochAtLimit,
  type ZeusWorkload,
} from "./zeus-workload.js";
export { expectedEpochs } from "./expected-epochs.js";
export { zeusCostJ } from "./zeus-cost.js";
export { zeusPoints, zeusRunPoints, type ZeusPoint, type ZeusRunPoint } from "./zeus-points.js";
export { cheapest, zeusOracle, type ZeusOracle } from "./zeus-oracle.js";
export {
  replayZeus,
  ZEUS_REPLAY_DEFAULTS,
  type ZeusAttempt,
  type ZeusRecurrence,
  type ZeusReplay,
  type ZeusReplayOptions,
} from "./replay-zeus.js";
export { epochDefinition, modeledDatasets, type EpochDefinition } from "./modeled-epochs.js";
export { modeledEpochsAtLimits } from "./modeled-epoch.js";
