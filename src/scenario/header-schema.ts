/**
 * The schema of the fields every scenario kind has (see scenario-header.ts): its name, one-line
 * description and output folder, spread into each kind's schema.
 */
/** A name used in tables, files and folder names: a letter or digit, then those or `._-`. */
export function nameSchema(description: string) {
  return { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$", description } as const;
}

export function headerSchemas<K extends string>(kind: K) {
  return {
    name: {
      ...nameSchema("Names the scenario in output; results go to `results/<name>` by default."),
      "x-default": `the kind (\`${kind}\`)`,
    },
    description: { type: "string", default: "", description: "One line shown with the results." },
    output: {
      type: "object",
      description: "Where results go.",
      additionalProperties: false,
      properties: {
        dir: {
          type: "string",
          "x-default": "`results/<name>`",
          description: "Result folder (relative to the working directory).",
        },
      },
    },
  } as const;
}
