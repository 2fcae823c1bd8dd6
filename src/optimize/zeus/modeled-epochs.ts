/**
 * What one epoch of a trace's job is, for pricing it on a hardware profile that has no power
 * trace: the model's shape and the samples (sequences) an epoch runs. Only jobs whose network the
 * project can shape are here: BERT-base on SQuAD. The traces' other networks (ShuffleNet-v2,
 * ResNet-50, DeepSpeech2, NCF) are not transformers, and Sentiment140's sequence length and epoch
 * size in Zeus' runs are not in the traces, so they are left out rather than guessed.
 */
import type { Dtype } from "../../hardware/op.js";
import type { TransformerShape } from "../../workload/model/transformer.js";

export interface EpochDefinition {
  dataset: string;
  /** The encoder's shape; priced as its layers only (see modeled-epoch.ts). */
  shape: TransformerShape;
  /** Sequences per epoch. */
  samplesPerEpoch: number;
  /** Tokens per sequence. */
  seqTokens: number;
  /** Where each figure comes from. */
  provenance: string;
}

/** bert-base-uncased (its config.json): 12 layers, hidden 768, 12 heads of 64, FFN 3072, GELU. */
function bertBase(dtype: Dtype): TransformerShape {
  return {
    name: "bert-base-uncased",
    layers: 12,
    hidden: 768,
    heads: 12,
    kvHeads: 12,
    headDim: 64,
    ffn: 3072,
    vocab: 30522,
    maxContext: 512,
    dtype,
    mlp: "gelu",
    tiedEmbeddings: true,
    norm: "layernorm",
    positional: "learned",
  };
}

export function epochDefinition(dataset: string, dtype: Dtype): EpochDefinition | undefined {
  if (dataset !== "squad") return undefined;
  return {
    dataset,
    shape: bertBase(dtype),
    samplesPerEpoch: 88524,
    seqTokens: 384,
    provenance:
      "bert-base-uncased config.json (spec); 384-token windows with stride 128 (Hugging Face run_qa " +
      "defaults) turn SQuAD v1.1's 87,599 training questions into 88,524 features, as run_qa " +
      "reports for this tokenizer (assumed the same in Zeus' runs)",
  };
}

export function modeledDatasets(): string[] {
  return ["squad"];
}
