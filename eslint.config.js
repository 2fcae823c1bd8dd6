import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "results/", "coverage/", "test-artifacts/"] },
  js.configs.recommended,
  {
    // Plain Node scripts and examples outside the TypeScript build.
    files: ["**/*.mjs"],
    languageOptions: {
      globals: { console: "readonly", process: "readonly", URL: "readonly" },
    },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "Math",
          property: "random",
          message: "Use a seeded RNG stream from the Simulator.",
        },
        { object: "Date", property: "now", message: "Simulation code uses the simulated clock." },
      ],
    },
  },
);
