/**
 * The recurring jobs of Zeus' traces (data/zeus) with Zeus' own defaults per dataset: the network
 * and optimizer trained, the validation target that counts as done, the epoch limit after which a
 * run counts as failed, and the user's default batch size b0 (capped at the largest batch the GPU
 * holds). Source: ml-energy/zeus, examples/research_reproducibility/zeus_nsdi23/run_alibaba.py,
 * `get_job_with_defaults`.
 */
export interface ZeusJob {
  dataset: string;
  network: string;
  optimizer: string;
  /** Validation target (accuracy, F1, NDCG; word error rate for librispeech, lower is better). */
  targetMetric: number;
  /** A run that has not reached the target after this many epochs stops and counts as failed. */
  maxEpochs: number;
  /** b0: the batch size the user ran before; pruning explores from it. */
  defaultBatchSize: number;
}

const JOBS: readonly ZeusJob[] = [
  job("cifar100", "shufflenetv2", "adadelta", 0.6, 100, 1024),
  job("imagenet", "resnet50", "adadelta", 0.65, 100, 256),
  job("squad", "bert_base_uncased", "adamw", 84.0, 6, 32),
  job("librispeech", "deepspeech2", "adamw", 40.0, 16, 256),
  job("movielens-1m", "ncf", "adam", 0.41, 100, 1024),
  job("sentiment140", "bert_base_uncased", "adamw", 0.84, 10, 128),
];

function job(
  dataset: string,
  network: string,
  optimizer: string,
  targetMetric: number,
  maxEpochs: number,
  defaultBatchSize: number,
): ZeusJob {
  return { dataset, network, optimizer, targetMetric, maxEpochs, defaultBatchSize };
}

export function zeusDatasets(): string[] {
  return JOBS.map((j) => j.dataset);
}

/** A copy of the dataset's job, or undefined for a dataset the traces do not have. */
export function zeusJob(dataset: string): ZeusJob | undefined {
  const found = JOBS.find((j) => j.dataset === dataset);
  return found === undefined ? undefined : { ...found };
}
