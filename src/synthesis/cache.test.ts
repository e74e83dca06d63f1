import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ctxFor, STORES, testServices } from "../../test/support/services.ts";
import { ensureTenant } from "../auth/tenants.ts";
import type { Services } from "../context.ts";
import { APP_ROLE } from "../db/client.ts";
import { rowsOf } from "../db/migrate.ts";
import { cacheEntry, readCachedExtraction, sourcesCacheKey, textsCacheKey, writeCachedExtraction } from "./cache.ts";
import { sha256 } from "./digest.ts";

const model = { provider: "openai", model: "gpt-test" };

describe("extraction cache keys", () => {
  it("depend on every text, their order and the model", () => {
    const key = textsCacheKey([sha256("a"), sha256("b")], model);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model })).toBe(key);
    expect(textsCacheKey([sha256("b"), sha256("a")], model)).not.toBe(key);
    expect(textsCacheKey([sha256("a")], model)).not.toBe(key);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model, model: "gpt-other" })).not.toBe(key);
    expect(textsCacheKey([sha256("a"), sha256("b")], { ...model, provider: "anthropic" })).not.toBe(key);
  });

  it("keep raw texts and cleaned sources apart, and sources apart by kind", () => {
    const digest = sha256("I'm Omar Haddad.");
    const asText = sourcesCacheKey([{ kind: "text", sha256: digest }], model);
    expect(textsCacheKey([digest], model)).not.toBe(asText);
    expect(sourcesCacheKey([{ kind: "url", sha256: digest }], model)).not.toBe(asText);
  });
});

for (const store of STORES) {
  describe(`extraction cache reads on ${store.name}`, () => {
    let services: Services;
    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl });
    }, 60_000);
    afterAll(async () => {
      await services.database.close();
    });

    it("reads in one self-scoped statement: its own tenant's entry only, as the application role", async () => {
      const [a, b] = await Promise.all(
        ["a", "b"].map((t) => ensureTenant(services.database.db, `cache-${t}-${Date.now()}`)),
      );
      const ctxA = ctxFor(services, a ?? "");
      const ctxB = ctxFor(services, b ?? "");
      const key = textsCacheKey([sha256(`cache read ${Date.now()}`)], model);
      const source = { id: "source_1", kind: "text" as const, text: "I'm Omar Haddad.", order: 0 };
      const claim = { field: "name" as const, value: "Omar Haddad", source_id: "source_1", quote: "Omar Haddad" };
      const usage = {
        engine: "llm" as const,
        provider: "openai",
        model: "gpt-test",
        llm_calls: 1,
        input_tokens: 1,
        output_tokens: 1,
      };
      await writeCachedExtraction(
        ctxA,
        cacheEntry(key, [source], { claims: [{ ...claim, kind: "stated" }], warnings: ["w"], usage }),
      );
      expect(await readCachedExtraction(ctxA, key)).toEqual({
        claims: [{ field: "name", value: "Omar Haddad", source: 0, quote: "Omar Haddad", kind: "stated" }],
        warnings: ["w"],
      });
      // Another tenant asking with the same key finds nothing: row-level security inside the function.
      expect(await readCachedExtraction(ctxB, key)).toBeUndefined();
      expect(await readCachedExtraction(ctxA, textsCacheKey([sha256("other")], model))).toBeUndefined();
      const [config] = rowsOf<{ config: string[] }>(
        await services.database.db.execute(
          sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'cached_extraction'`,
        ),
      );
      expect(config?.config).toContain(`role=${APP_ROLE}`);
    });
  });
}
