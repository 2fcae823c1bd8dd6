/**
 * The schema of the fields every scenario kind has (see scenario-header.ts): its name, one-line
 * description and output folder, spread into each kind's schema.
 */
export function headerSchemas<K extends string>(kind: K) {
  return {
    name: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
      "x-default": `the kind (\`${kind}\`)`,
      description: "Names the scenario in output; results go to `results/<name>` by default.",
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
