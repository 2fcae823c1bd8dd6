/** JSON Schema of a serving scenario's `speculative:` block (speculative decoding). */
export const speculativeSchema = {
  type: "object",
  additionalProperties: false,
  required: ["method", "k", "acceptance"],
  description:
    "Speculative decoding (vLLM's speculative_config): a drafter proposes k tokens per decoding sequence, and the target verifies them in one step over k+1 query tokens, keeping the accepted prefix plus one token of its own. Absent: one token per decode step.",
  properties: {
    method: {
      enum: ["draft", "ngram", "mtp"],
      description:
        "The drafter: 'draft' (a draft model, k decode steps of it per iteration on the same GPUs), 'mtp' (multi-token-prediction heads, priced as one target layer plus the LM head per proposed token), 'ngram' (prompt lookup on the host, no GPU work).",
    },
    k: {
      type: "integer",
      minimum: 1,
      maximum: 64,
      "x-unit": "tokens",
      description: "Proposed tokens per sequence per step (fewer near a request's last token).",
    },
    acceptance: {
      anyOf: [
        { type: "number", minimum: 0, maximum: 1 },
        { type: "array", items: { type: "number", minimum: 0, maximum: 1 }, minItems: 1 },
      ],
      description:
        "Chance a proposed token is accepted given the ones before it were (unitless, 0 to 1): one rate for every position, or a list of k, one per position.",
    },
    sampling: {
      enum: ["expected", "sampled"],
      default: "expected",
      description:
        "'expected': each sequence accepts the expected count (the fractional part carried to its next step), deterministic; 'sampled': each proposed token accepted at random from a stream derived from the scenario seed.",
    },
    draftModel: {
      type: "string",
      minLength: 1,
      "x-default": "none (method 'draft' needs one)",
      description:
        "The draft model of method 'draft': a built-in name, 'hf:<org>/<name>', or a config.json path relative to this file; it runs at the target's TP.",
    },
  },
} as const;
