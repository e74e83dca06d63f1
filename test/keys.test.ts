import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "../src/auth/api-keys.ts";
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
 * Resolves when the node hears that the key with this prefix was revoked (the database's announcement reached its key
 * cache): the event to wait for, instead of guessing how long delivery takes.
 */
function forgotten(node: Services, prefix: string): Promise<void> {
  return new Promise((resolve) => {
    const forget = node.apiKeys.forget;
    node.apiKeys.forget = (p) => {
      forget(p);
      if (p === prefix) {
        node.apiKeys.forget = forget;
        resolve();
      }
    };
  });
}

/** The waits below poll with requests; on a loaded runner the tenant limit (600 a minute) must not answer them. */
const UNLIMITED = { RATE_LIMIT_PER_MINUTE: "100000" };

const prefixOf = (key: string) => key.split("_")[1] ?? "";
/** The secret part of ps_<prefix>_<secret>: base64url, so it may hold "_" itself. */
const secretOf = (key: string) => key.split("_").slice(2).join("_");

/**
 * Two nodes (two apps with their own pools) on one database, each remembering verified keys for an hour: a key
 * revoked or rotated from the CLI stops working on both as soon as the database's announcement reaches them — the
 * hour is not what ends it.
 */
describe.skipIf(!databaseUrl)("persona-studio keys list | revoke | rotate, on two nodes", () => {
  let nodeA: Services;
  let nodeB: Services;
  let appA: ReturnType<typeof buildApp>;
  let appB: ReturnType<typeof buildApp>;
  const tenant = `keys-${Date.now()}`;

  beforeAll(async () => {
    nodeA = await testServices({
      DATABASE_URL: databaseUrl,
      AUTH_MODE: "apikey",
      API_KEY_CACHE_SECONDS: "3600",
      ...UNLIMITED,
    });
    nodeB = await testServices({
      DATABASE_URL: databaseUrl,
      AUTH_MODE: "apikey",
      API_KEY_CACHE_SECONDS: "3600",
      ...UNLIMITED,
    });
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
  /** Uses the key on the node until the node serves it from its cache (its feed of revocations is up by then). */
  const remembered = (node: Services, key: string) =>
    vi.waitFor(
      async () => {
        expect(await status(node, key)).toBe(200);
        expect(node.apiKeys.remembers(prefixOf(key))).toBe(true);
      },
      { timeout: 120_000, interval: 250 },
    );

  it("lists keys with last use, revokes and rotates them effective on every node at once", async () => {
    const first = await createApiKey(nodeA.database.db, tenant, "ci");
    const second = await createApiKey(nodeA.database.db, tenant);
    await remembered(nodeA, first.key);
    await remembered(nodeB, second.key);

    // last_used_at is written off the request path: wait for it.
    let keys = KeyList.parse(JSON.parse((await cli(["keys", "list", "--tenant", tenant])).stdout)).keys;
    for (let i = 0; i < 50 && keys.some((k) => !k.last_used_at); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      keys = KeyList.parse(JSON.parse((await cli(["keys", "list", "--tenant", tenant])).stdout)).keys;
    }
    expect(keys.map((k) => k.id)).toEqual([first.id, second.id]);
    expect(keys.every((k) => k.last_used_at !== null && k.tenant === tenant)).toBe(true);
    const listed = (await cli(["keys", "list", "--tenant", tenant])).stdout;
    expect(listed).not.toContain(secretOf(first.key));

    await remembered(nodeB, first.key); // both nodes now trust the first key from their caches
    const heardA = forgotten(nodeA, prefixOf(first.key));
    const heardB = forgotten(nodeB, prefixOf(first.key));
    expect((await cli(["keys", "revoke", first.id])).code).toBe(0);
    await Promise.all([heardA, heardB]);
    expect(await status(nodeA, first.key)).toBe(401);
    expect(await status(nodeB, first.key)).toBe(401);
    expect(nodeB.apiKeys.remembers(prefixOf(second.key))).toBe(true); // the other key is still trusted
    expect((await cli(["keys", "revoke", first.id])).code).toBe(1);

    await remembered(nodeA, second.key);
    const rotatedA = forgotten(nodeA, prefixOf(second.key));
    const rotatedB = forgotten(nodeB, prefixOf(second.key));
    const rotated = await cli(["keys", "rotate", prefixOf(second.key)]);
    expect(rotated.code).toBe(0);
    const replacement = rotated.stdout.trim();
    expect(replacement).toMatch(/^ps_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    await Promise.all([rotatedA, rotatedB]);
    expect(await status(nodeA, second.key)).toBe(401);
    expect(await status(nodeB, second.key)).toBe(401);
    expect(await status(nodeA, replacement)).toBe(200);
    expect(await status(nodeB, replacement)).toBe(200);
    expect(await rotateApiKey(nodeA.database.db, second.id)).toBeUndefined();

    const after = await listApiKeys(nodeB.database.db, tenant);
    expect(after.filter((k) => k.revoked_at === null)).toHaveLength(1);
    expect((await cli(["keys", "frobnicate"])).code).toBe(1);
  }, 600_000);
});

/** The embedded store is one process: the revocation is announced inside it, and the cache forgets the key at once. */
describe("a key revoked on the embedded store", () => {
  let node: Services;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    node = await testServices({ AUTH_MODE: "apikey", API_KEY_CACHE_SECONDS: "3600", ...UNLIMITED });
    app = buildApp(node);
  }, 300_000); // a cold in-memory PGlite took 48 s on the loaded two-core machine
  afterAll(async () => {
    await node.database.close();
  });

  it("stops working from the next request", async () => {
    const { id, key } = await createApiKey(node.database.db, `embedded-${Date.now()}`);
    const status = async () =>
      (await app.request("/v1/personas", { headers: { authorization: `Bearer ${key}` } })).status;
    await vi.waitFor(
      async () => {
        expect(await status()).toBe(200);
        expect(node.apiKeys.remembers(prefixOf(key))).toBe(true);
      },
      { timeout: 120_000, interval: 250 },
    );
    const heard = forgotten(node, prefixOf(key));
    expect(await revokeApiKey(node.database.db, id)).toBe(true);
    await heard;
    expect(await status()).toBe(401);
  }, 300_000);
});
