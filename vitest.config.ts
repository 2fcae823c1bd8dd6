import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ once per run so the CLI tests spawn the current code.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
  },
});
