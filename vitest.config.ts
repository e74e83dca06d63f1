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
    // Off unless asked for (`--coverage`): `npm test` asks, so CI enforces the threshold; a single file run by hand
    // stays fast and is not failed for covering only its own module.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // Only what carries no logic of ours: the tests themselves, files that declare types alone (nothing runs), and
      // generated files (the OpenAPI types and the wireframe font's glyph table).
      exclude: [
        "src/**/*.test.ts",
        "src/client/schema.ts",
        "src/**/*.generated.ts",
        "src/synthesis/types.ts",
        "src/chat/responders/types.ts",
      ],
      reporter: ["text-summary", "json-summary", "html"],
      reportsDirectory: "coverage",
      thresholds: { lines: 80 },
    },
  },
});
