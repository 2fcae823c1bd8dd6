/**
 * JSON Schema of `kind: capacity` scenarios (`wattif plan`): a serving setup and its trace, the
 * demand levels, percentile SLOs, candidate deployments (each overrides parts of the setup), the
 * datacenter around the fleet, and what to optimize. The `serving` block and each candidate are
 * checked in full by the serving scenario's own schema and loader once merged.
 */
const positive = { type: "number", exclusiveMinimum: 0 } as const;
const seconds = (what: string) => ({ ...positive, description: `${what} target (s)` });

export const capacityScenarioSchema = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "serving", "slo", "candidates", "datacenter"],
  properties: {
    kind: { const: "capacity" },
    name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
    description: { type: "string" },
    serving: {
      type: "object",
      description:
        "a serving scenario's fields (hardware, model, trace, engine, cluster, policy, seed) that every candidate starts from",
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
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
          hardware: { type: "string" },
          model: { type: "string" },
          engine: { type: "object" },
          cluster: {
            type: "object",
            description: "tp and router (replicas are what the plan searches)",
          },
          policy: { type: "object" },
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
      description: "largest replica count the search tries (default 64)",
    },
    datacenter: {
      type: "object",
      additionalProperties: false,
      required: ["electricityUsdPerKWh", "carbonKgPerKWh", "gpuUsdPerHour"],
      properties: {
        pue: {
          type: "number",
          minimum: 1,
          maximum: 3,
          description: "facility / IT power (default 1.2)",
        },
        electricityUsdPerKWh: { type: "number", minimum: 0, maximum: 10 },
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
        gpuUsdPerHour: { type: "number", minimum: 0, maximum: 1000 },
        rackBudgetKW: positive,
        nodesPerRack: { type: "integer", minimum: 1, maximum: 64 },
        siteBudgetKW: positive,
      },
    },
    objective: {
      enum: ["cost", "energy", "gpus"],
      description: "what the recommendation minimizes among deployments that work (default cost)",
    },
    output: {
      type: "object",
      additionalProperties: false,
      properties: { dir: { type: "string" } },
    },
  },
} as const;
