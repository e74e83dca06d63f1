import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Generous: the machine is shared; a limit here only catches a hang, speed belongs in `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, so keep parallel files bounded.
    maxWorkers: 2,
    pool: "forks",
  },
});
