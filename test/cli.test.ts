import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";

const dataDir = mkdtempSync(join(tmpdir(), "persona-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the installed command the way a user would (`npx persona-studio …`). */
function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["bin/persona-studio.js", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "info", DATABASE_URL: "", ...env },
    encoding: "utf8",
    // Generous: a first run creates the embedded store (initdb), which takes long on a busy machine.
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("persona-studio CLI", { timeout: 480_000 }, () => {
  it("migrates the embedded store", () => {
    const first = cli(["migrate"]);
    expect(first.code).toBe(0);
    expect(cli(["migrate"]).stderr).toContain("up to date");
  });

  it("creates a persona from text files without a server: progress on stderr, JSON on stdout", () => {
    const file = join(dataDir, "notes.txt");
    writeFileSync(file, "Hi, I'm Nadia Karim, a 33-year-old veterinary nurse in Bristol. I love wild swimming.");
    const run = cli(["create", "--text", file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("reading");
    const persona = z
      .object({ id: z.string(), version: z.literal(1), persona: z.object({ name: z.string().nullable() }) })
      .parse(JSON.parse(run.stdout));
    expect(persona.persona.name).toBe("Nadia Karim");

    const exported = z
      .object({ personas: z.array(z.object({ id: z.string() })) })
      .parse(JSON.parse(cli(["export"]).stdout));
    expect(exported.personas.map((p) => p.id)).toContain(persona.id);
  });

  it("creates an API key that is printed once and works against the API", async () => {
    const run = cli(["keys", "create", "--tenant", "acme"]);
    expect(run.code).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^ps_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    // Only a hash is stored: the key's secret part is nowhere in the store's files as text.
    const { createServices } = await import("../src/services.ts");
    const { testConfig } = await import("./support/services.ts");
    const { createLogger } = await import("../src/logger.ts");
    const { verifyApiKey } = await import("../src/auth/api-keys.ts");
    const { apiKeys } = await import("../src/db/schema.ts");
    const services = await createServices(testConfig({ DATA_DIR: dataDir, AUTH_MODE: "apikey" }), {
      logger: createLogger("silent"),
    });
    try {
      expect(await verifyApiKey(services.database.db, key)).toEqual(expect.any(String));
      const rows = await services.database.db.select().from(apiKeys);
      // The secret is base64url and may itself hold "_": it is everything after the prefix.
      const secret = key.slice("ps_".length + 12 + 1);
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(rows)).not.toContain(secret);
    } finally {
      await services.database.close();
    }
  });

  it("explains bad usage and missing files with a non-zero exit", () => {
    expect(cli(["create"]).code).toBe(1);
    const missing = cli(["create", "--text", join(dataDir, "nope.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.txt");
    expect(cli(["frobnicate"]).code).toBe(1);
    const badConfig = cli(["migrate"], { PORT: "not-a-port" });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("PORT");
  });
});
