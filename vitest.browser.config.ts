/**
 * `npm run test:browser`: tests that open wattif's HTML output in a real headless Chromium
 * (playwright-core driving the system's browser). Kept out of `npm test`, which must pass on a
 * machine without a browser; `.ci/run` installs Chromium and runs these.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.ts"],
    pool: "forks",
    testTimeout: 0,
    hookTimeout: 0,
  },
});
