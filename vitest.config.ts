import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Brings dist/ up to date (only when src/ changed) for the tests that spawn the executable.
    globalSetup: ["test/global-setup.ts"],
    // Each test file in its own process: the in-process CLI tests change the working directory,
    // which worker threads cannot.
    pool: "forks",
    // One test file per core (vitest's default leaves one core to its mostly idle main process,
    // which on a 2-core machine runs the files one at a time).
    maxWorkers: availableParallelism(),
    // No time limits: a test checks what a run computes, never how fast (that is `npm run
    // bench`), so a slow or busy machine gives the same results, later.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
