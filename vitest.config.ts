import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The Redis tests need redis-server: installed once here when it is missing.
    globalSetup: ["./test/support/redis-global-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
