import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createApiKey, listApiKeys, rotateApiKey } from "../src/auth/api-keys.ts";
import { main } from "../src/cli/main.ts";
import type { Services } from "../src/context.ts";
import { buildApp, STORES, testServices } from "./support/services.ts";

const databaseUrl = STORES.find((s) => s.name === "postgres")?.databaseUrl;
const KeyList = z.object({
  keys: z.array(
    z.object({ id: z.string(), prefix: z.string(), tenant: z.string(), last_used_at: z.string().nullable() }),
  ),
});

/** Runs the CLI in this process against the test database; returns its exit code and what it printed. */
async function cli(args: string[]) {
  let stdout = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", AUTH_MODE: "apikey" });
  try {
    return { code: await main(args), stdout };
  } finally {
    process.env = saved;
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * Two nodes (two apps with their own pools) on one database: a key revoked or rotated from the CLI stops working on
 * node A at once (API_KEY_CACHE_SECONDS=0: looked up on every request) and on node B once the second it may
 * remember a verified key is over.
 */
describe.skipIf(!databaseUrl)("persona-studio keys list | revoke | rotate, on two nodes", () => {
  let nodeA: Services;
  let nodeB: Services;
  let appA: ReturnType<typeof buildApp>;
  let appB: ReturnType<typeof buildApp>;
  const tenant = `keys-${Date.now()}`;

  beforeAll(async () => {
    nodeA = await testServices({ DATABASE_URL: databaseUrl, AUTH_MODE: "apikey", API_KEY_CACHE_SECONDS: "0" });
    nodeB = await testServices({ DATABASE_URL: databaseUrl, AUTH_MODE: "apikey", API_KEY_CACHE_SECONDS: "1" });
    appA = buildApp(nodeA);
    appB = buildApp(nodeB);
  }, 120_000);
  afterAll(async () => {
    await nodeA.database.close();
    await nodeB.database.close();
  });

  const status = async (node: Services, key: string) =>
    (await (node === nodeA ? appA : appB).request("/v1/personas", { headers: { authorization: `Bearer ${key}` } }))
      .status;
  const pastNodeBCache = () => new Promise((resolve) => setTimeout(resolve, 1_100));

  it("lists keys with last use, revokes and rotates them effective on every node", async () => {
    const first = await createApiKey(nodeA.database.db, tenant, "ci");
    const second = await createApiKey(nodeA.database.db, tenant);
    expect(await status(nodeA, first.key)).toBe(200);
    expect(await status(nodeB, second.key)).toBe(200);

    // last_used_at is written off the request path: wait for it.
    let keys = KeyList.parse(JSON.parse((await cli(["keys", "list", "--tenant", tenant])).stdout)).keys;
    for (let i = 0; i < 50 && keys.some((k) => !k.last_used_at); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      keys = KeyList.parse(JSON.parse((await cli(["keys", "list", "--tenant", tenant])).stdout)).keys;
    }
    expect(keys.map((k) => k.id)).toEqual([first.id, second.id]);
    expect(keys.every((k) => k.last_used_at !== null && k.tenant === tenant)).toBe(true);
    const listed = (await cli(["keys", "list", "--tenant", tenant])).stdout;
    expect(listed).not.toContain(first.key.split("_")[2]);

    expect(await status(nodeB, first.key)).toBe(200); // node B now remembers it
    expect((await cli(["keys", "revoke", first.id])).code).toBe(0);
    expect(await status(nodeA, first.key)).toBe(401);
    await pastNodeBCache();
    expect(await status(nodeB, first.key)).toBe(401);
    expect((await cli(["keys", "revoke", first.id])).code).toBe(1);

    const prefix = second.key.split("_")[1] ?? "";
    const rotated = await cli(["keys", "rotate", prefix]);
    expect(rotated.code).toBe(0);
    const replacement = rotated.stdout.trim();
    expect(replacement).toMatch(/^ps_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(await status(nodeA, second.key)).toBe(401);
    await pastNodeBCache();
    expect(await status(nodeB, second.key)).toBe(401);
    expect(await status(nodeA, replacement)).toBe(200);
    expect(await status(nodeB, replacement)).toBe(200);
    expect(await rotateApiKey(nodeA.database.db, second.id)).toBeUndefined();

    const after = await listApiKeys(nodeB.database.db, tenant);
    expect(after.filter((k) => k.revoked_at === null)).toHaveLength(1);
    expect((await cli(["keys", "frobnicate"])).code).toBe(1);
  }, 120_000);
});
