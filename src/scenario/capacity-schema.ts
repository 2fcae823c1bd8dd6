/**
 * JSON Schema of `kind: capacity` scenarios (`wattif plan`). Serving: a serving setup and its
 * trace, the demand levels, percentile SLOs, candidate deployments (each overrides parts of the
 * setup). Training: a training job (dp searched), its token budget, a deadline or a GPU budget,
 * operating points and stragglers. Both: the datacenter around the fleet, and what to optimize.
 * The `serving` block and each candidate, and the `training` block at each dp, are checked in
 * full by their kinds' own schemas and loaders once merged; the loader requires exactly one of
 * `serving` and `training` and the fields that go with it.
 */
import { headerSchemas, nameSchema } from "./header-schema.js";
const positive = { type: "number", exclusiveMinimum: 0 } as const;
const seconds = (what: string) => ({ ...positive, description: `${what} target (s)` });

export const capacityScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "datacenter"],
  properties: {
    kind: { const: "capacity", description: "Selects this format (run it with `wattif plan`)." },
    ...headerSchemas("capacity"),
    serving: {
      type: "object",
      description:
        "a serving scenario's fields (hardware, model, trace, engine, cluster, policy, seed) that every candidate starts from",
    },
    training: {
      type: "object",
      description:
        "a training scenario's fields (model, hardware, parallelism without dp, batch, tokens) for the job whose dp the plan searches",
    },
    layouts: {
      type: "array",
      minItems: 1,
      "x-default": "one: the `training` block's own",
      description:
        "training: model-parallel layouts to compare, each with its own dp search; each overrides fields of `training`",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: nameSchema("the layout's name in tables and files"),
          parallelism: {
            type: "object",
            description: "tp, pp and vpp (as in training scenarios; replaces the block's)",
          },
          microbatchSize: {
            type: "integer",
            minimum: 1,
            "x-unit": "sequences",
            description: "sequences per microbatch (replaces the block's)",
          },
          schedule: { type: "string", description: "pipeline schedule (replaces the block's)" },
        },
      },
    },
    deadlineDays: {
      ...positive,
      "x-unit": "days",
      "x-default": "none: the job on the most GPUs within `maxGpus`",
      description: "training: the job must finish on its token budget within this many days",
    },
    maxGpus: {
      type: "integer",
      minimum: 1,
      maximum: 1_000_000,
      "x-unit": "GPUs",
      default: 16384,
      description: "training: the most GPUs the plan may use (the GPU budget)",
    },
    operatingPoints: {
      type: "array",
      "x-default": "none: the default setting only",
      description:
        "training: settings of every GPU compared at the chosen GPU count: a cap, a clock lock or a smoothing floor",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        minProperties: 2,
        properties: {
          name: nameSchema("the point's name in tables and files"),
          powerCapW: { ...positive, "x-unit": "W", description: "power cap per GPU" },
          smClockMHz: {
            ...positive,
            "x-unit": "MHz",
            description: "SM clock lock: every op at its highest clock at or under it",
          },
          smoothingFloorW: {
            ...positive,
            "x-unit": "W",
            description: "smoothing floor per GPU: a waiting GPU draws at least this",
          },
        },
      },
    },
    stragglers: {
      type: "object",
      additionalProperties: false,
      required: ["rate", "slowdown"],
      "x-default": "none",
      description:
        "training: slow GPUs (every step waits for the slowest); figures are expectations",
      properties: {
        rate: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: 1,
          description: "chance that a given GPU is slow during a given step",
        },
        slowdown: {
          type: "number",
          exclusiveMinimum: 1,
          maximum: 100,
          description: "how many times slower a slow GPU's pipeline computes",
        },
      },
    },
    growth: {
      type: "array",
      items: positive,
      minItems: 1,
      description: "demand levels: multiples of the trace's request rate (default [1])",
    },
    slo: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      description: "percentile targets over every request of the trace; all stated must hold",
      properties: {
        ttftP90S: seconds("p90 time to first token"),
        ttftP99S: seconds("p99 time to first token"),
        tpotP90S: seconds("p90 time per output token"),
        tpotP99S: seconds("p99 time per output token"),
      },
    },
    candidates: {
      description: "deployments to size: each overrides parts of `serving`",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: nameSchema("the candidate's name in tables and files"),
          hardware: { type: "string", description: "hardware profile (as in serving scenarios)" },
          model: { type: "string", description: "model (as in serving scenarios)" },
          engine: { type: "object", description: "engine knobs, merged over the shared ones" },
          cluster: {
            type: "object",
            description: "tp and router (replicas are what the plan searches)",
          },
          policy: { type: "object", description: "clock policy, replacing the shared one" },
          gpuUsdPerHour: {
            type: "number",
            minimum: 0,
            maximum: 1000,
            description: "this deployment's GPU price (USD per GPU-hour); default the datacenter's",
          },
        },
      },
    },
    maxReplicas: {
      type: "integer",
      minimum: 1,
      maximum: 4096,
      description:
        "largest replica count the search tries (default 64); for a candidate with `cluster.disaggregation`, the largest number of units of its prefill and decode pools, which grow together in the given ratio",
    },
    datacenter: {
      description: "the facility around the fleet: PUE, prices, carbon, power budgets",
      type: "object",
      additionalProperties: false,
      required: ["electricityUsdPerKWh", "carbonKgPerKWh"],
      properties: {
        pue: {
          type: "number",
          minimum: 1,
          maximum: 3,
          description: "facility / IT power (default 1.2)",
        },
        electricityUsdPerKWh: {
          type: "number",
          minimum: 0,
          maximum: 10,
          description: "electricity price (USD per kWh of facility energy)",
        },
        carbonKgPerKWh: {
          description: "kg CO2 per kWh: one figure or 24 hourly figures (hour 0 first)",
          oneOf: [
            { type: "number", minimum: 0, maximum: 2 },
            {
              type: "array",
              items: { type: "number", minimum: 0, maximum: 2 },
              minItems: 24,
              maxItems: 24,
            },
          ],
        },
        gpuUsdPerHour: {
          type: "number",
          minimum: 0,
          maximum: 1000,
          description:
            "what a GPU costs per hour, all in (USD; rent, or give gpuCapexUsd and gpuLifetimeYears instead)",
        },
        gpuCapexUsd: {
          type: "number",
          minimum: 0,
          maximum: 10000000,
          "x-unit": "USD",
          description:
            "instead of gpuUsdPerHour: what one GPU costs to buy, with its share of the node and network (USD), spread evenly over gpuLifetimeYears",
        },
        gpuLifetimeYears: {
          type: "number",
          exclusiveMinimum: 0,
          maximum: 20,
          "x-unit": "years",
          description: "with gpuCapexUsd: the years the purchase is written off over",
        },
        gpuUpkeepUsdPerHour: {
          type: "number",
          minimum: 0,
          maximum: 1000,
          "x-unit": "USD/h",
          description:
            "with gpuCapexUsd: what a GPU costs per hour to keep beyond its electricity (space, support), default 0",
        },
        rackBudgetKW: { ...positive, description: "IT power budget of one rack (kW)" },
        nodesPerRack: {
          type: "integer",
          minimum: 1,
          maximum: 64,
          default: 4,
          description: "nodes one rack holds",
        },
        siteBudgetKW: { ...positive, description: "facility power budget of the site (kW)" },
      },
    },
    objective: {
      enum: ["cost", "energy", "gpus"],
      description: "what the recommendation minimizes among deployments that work (default cost)",
    },
  },
} as const;
