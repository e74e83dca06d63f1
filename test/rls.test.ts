import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTenant } from "../src/auth/tenants.ts";
import { beginReplyRows } from "../src/chat/store.ts";
import type { Services } from "../src/context.ts";
import { APP_ROLE } from "../src/db/client.ts";
import { readMigrations, rowsOf, splitStatements } from "../src/db/migrate.ts";
import { conversations, messages, personas, personaVersions, sources } from "../src/db/schema.ts";
import { newId } from "../src/ids.ts";
import { createPersona } from "../src/personas/create.ts";
import {
  insertNewPersona,
  PERSONA_RESOURCE_SQL,
  readPersonaResource,
  type StoredSource,
} from "../src/personas/store.ts";
import { ctxFor, STORES, testServices } from "./support/services.ts";

/**
 * Row-level security under the application's own filters: what a query sees as the application role when it
 * forgets the tenant, or forgets its tenant_id filter.
 */
for (const store of STORES) {
  describe(`row-level security on ${store.name}`, () => {
    let services: Services;
    let tenantA: string;
    let tenantB: string;
    let personaA: string;
    let personaB: string;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl });
      tenantA = await ensureTenant(services.database.db, `rls-a-${Date.now()}`);
      tenantB = await ensureTenant(services.database.db, `rls-b-${Date.now()}`);
      const text = (name: string) => ({ texts: [`I'm ${name}, a baker in Oslo.`], urls: [] });
      personaA = (await createPersona({ ctx: ctxFor(services, tenantA), input: text("Ada Berg") })).id;
      personaB = (await createPersona({ ctx: ctxFor(services, tenantB), input: text("Bo Lund") })).id;
    }, 180_000);
    afterAll(async () => {
      await services.database.close();
    });

    it("shows nothing to the application role without a tenant setting", async () => {
      const seen = await services.database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('role', ${APP_ROLE}, true)`);
        return {
          personas: await tx.select({ id: personas.id }).from(personas),
          sources: await tx.select({ id: sources.id }).from(sources),
          who: rowsOf<{ u: string }>(await tx.execute(sql`SELECT current_user AS u`))[0]?.u,
        };
      });
      expect(seen.who).toBe(APP_ROLE);
      expect(seen.personas).toEqual([]);
      expect(seen.sources).toEqual([]);
      // The owner's handle (migrations, admin) does see both.
      const all = await services.database.db.select({ id: personas.id }).from(personas);
      expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([personaA, personaB]));
    });

    it("keeps a query that forgot its tenant_id filter inside its tenant: reads, updates, deletes, inserts", async () => {
      const db = ctxFor(services, tenantA).database.db;
      const read = await db.select({ id: personas.id, tenantId: personas.tenantId }).from(personas);
      expect(read.length).toBeGreaterThan(0);
      expect(new Set(read.map((r) => r.tenantId))).toEqual(new Set([tenantA]));
      expect(read.map((r) => r.id)).not.toContain(personaB);
      expect(await db.select().from(personas).where(eq(personas.id, personaB))).toEqual([]);

      const updated = await db
        .update(personas)
        .set({ warnings: ["touched"] })
        .returning({ id: personas.id });
      expect(updated.map((r) => r.id)).not.toContain(personaB);
      const deleted = await db.delete(sources).where(eq(sources.personaId, personaB)).returning({ id: sources.id });
      expect(deleted).toEqual([]);
      // Writing a row for another tenant fails the policy's WITH CHECK.
      await expect(
        db.transaction((tx) =>
          tx.update(personas).set({ tenantId: tenantB }).where(eq(personas.id, personaA)).returning(),
        ),
      ).rejects.toThrow();

      const [b] = await services.database.db.select().from(personas).where(eq(personas.id, personaB));
      expect(b?.warnings).toEqual([]);
      expect(b?.tenantId).toBe(tenantB);
    });

    it("runs tenant transactions as the application role, which cannot bypass row-level security", async () => {
      const [who] = rowsOf<{ u: string; tenant: string; bypass: boolean; superuser: boolean }>(
        await ctxFor(services, tenantA).database.db.execute(
          sql`SELECT current_user AS u, current_setting('app.tenant_id') AS tenant, r.rolbypassrls AS bypass,
                     r.rolsuper AS superuser FROM pg_roles r WHERE r.rolname = current_user`,
        ),
      );
      expect(who).toEqual({ u: APP_ROLE, tenant: tenantA, bypass: false, superuser: false });
      const owned = rowsOf<{ n: number }>(
        await services.database.db.execute(
          sql`SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = ${APP_ROLE}`,
        ),
      );
      expect(owned[0]?.n).toBe(0);
    });

    it("reads a persona in one self-scoped statement: as the application role, its own tenant only", async () => {
      const { database } = services;
      const read = (tenant: string, id: string) =>
        database.querySelfScoped("SELECT * FROM persona_resource($1, $2)", [tenant, id]);
      // The same row as the plain query in a tenant transaction (the bench's bare baseline runs the plain one).
      const own = await read(tenantA, personaA);
      expect(own).toHaveLength(1);
      expect(own).toEqual(await database.queryAs(tenantA, PERSONA_RESOURCE_SQL, [tenantA, personaA]));
      // Another tenant's persona: no row, a 404 for the API.
      expect(await read(tenantA, personaB)).toEqual([]);
      await expect(readPersonaResource(database, tenantA, personaB)).rejects.toMatchObject({ status: 404 });
      // The function switches to the role itself, and hands back the caller's role and scope when it returns.
      const [config] = rowsOf<{ config: string[] }>(
        await database.db.execute(sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'persona_resource'`),
      );
      expect(config?.config).toContain(`role=${APP_ROLE}`);
      const after = await database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT * FROM persona_resource(${tenantA}, ${personaA})`);
        return rowsOf<{ u: string; tenant: string | null }>(
          await tx.execute(sql`SELECT current_user AS u, current_setting('app.tenant_id', true) AS tenant`),
        )[0];
      });
      expect(after?.u).not.toBe(APP_ROLE);
      expect(after?.tenant ?? "").toBe("");
    });

    it("creates a persona in one self-scoped statement: as the application role, all of it or nothing", async () => {
      const { database } = services;
      const { persona, evidence } = await readPersonaResource(database, tenantA, personaA);
      const source = {
        id: newId("source"),
        kind: "text" as const,
        text: "x",
        chars: 1,
        sha256: "0".repeat(64),
        order: 0,
      };
      const stored = (tenantId: string, id: string, sources: StoredSource[]) =>
        insertNewPersona(database, {
          id,
          tenantId,
          persona,
          evidence,
          warnings: [],
          usage: {},
          sources,
          diff: [],
          cause: "create",
          at: new Date(),
        });
      const id = newId("persona");
      const created = await stored(tenantB, id, [source]);
      // Written for its tenant only, and answered as the read answers it.
      expect(created).toEqual(await readPersonaResource(database, tenantB, id));
      await expect(readPersonaResource(database, tenantA, id)).rejects.toMatchObject({ status: 404 });
      // A source that cannot be stored (its id is taken) undoes the persona and its version with it.
      const failed = newId("persona");
      await expect(stored(tenantA, failed, [source])).rejects.toThrow();
      const left = await database.db.select({ id: personas.id }).from(personas).where(eq(personas.id, failed));
      expect(left).toEqual([]);
      const versions = await database.db
        .select({ id: personaVersions.personaId })
        .from(personaVersions)
        .where(eq(personaVersions.personaId, failed));
      expect(versions).toEqual([]);
      const [config] = rowsOf<{ config: string[] }>(
        await database.db.execute(sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'insert_new_persona'`),
      );
      expect(config?.config).toContain(`role=${APP_ROLE}`);
    });

    it("begins a chat reply in one self-scoped statement: its own tenant's conversation only", async () => {
      const { database } = services;
      const conversationId = newId("conversation");
      await database.db
        .insert(conversations)
        .values({ id: conversationId, tenantId: tenantA, kind: "persona", personaId: personaA });
      const start = () => ({
        userMessageId: newId("message"),
        assistantMessageId: newId("message"),
        content: "Hi",
        meta: {},
        at: new Date(),
      });
      // Another tenant naming the conversation: a 404, no lease taken and no message stored.
      await expect(beginReplyRows(database, tenantB, conversationId, start())).rejects.toMatchObject({ status: 404 });
      const untouched = await database.db.select().from(conversations).where(eq(conversations.id, conversationId));
      expect(untouched[0]?.streamingUntil).toBeNull();
      expect(await database.db.select().from(messages).where(eq(messages.conversationId, conversationId))).toEqual([]);
      // Its own tenant takes the lease; a second start while it is held gets no lease (a 409 for the API).
      const first = await beginReplyRows(database, tenantA, conversationId, start());
      expect(first.userSeq).toBe(1);
      expect(first.persona?.id).toBe(personaA);
      expect((await beginReplyRows(database, tenantA, conversationId, start())).userSeq).toBeNull();
      // The role and scope are handed back; synchronous_commit off lasts to the end of the caller's transaction.
      const [config] = rowsOf<{ config: string[] }>(
        await database.db.execute(sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'begin_reply'`),
      );
      expect(config?.config).toContain(`role=${APP_ROLE}`);
      const syncNow = async () =>
        rowsOf<{ sync: string }>(
          await database.db.execute(sql`SELECT current_setting('synchronous_commit') AS sync`),
        )[0]?.sync;
      const before = await syncNow();
      const inside = await database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('synchronous_commit', 'on', true)`);
        await tx.execute(
          sql`SELECT * FROM begin_reply(${tenantB}, ${conversationId}, 60, ${newId("message")}, 'x', '{}'::jsonb, now(), ${newId("message")}, now())`,
        );
        return rowsOf<{ u: string; tenant: string | null; sync: string }>(
          await tx.execute(
            sql`SELECT current_user AS u, current_setting('app.tenant_id', true) AS tenant, current_setting('synchronous_commit') AS sync`,
          ),
        )[0];
      });
      expect(inside?.u).not.toBe(APP_ROLE);
      expect(inside?.tenant ?? "").toBe("");
      expect(inside?.sync).toBe("off");
      // A local setting: the session is as before once the transaction ends.
      expect(await syncNow()).toBe(before);
    });

    it("has policies on every table with a tenant_id column (new tables must add theirs)", async () => {
      const missing = rowsOf<{ table: string }>(
        await services.database.db.execute(sql`
          SELECT c.table_name AS "table"
          FROM information_schema.columns c
          JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = to_regnamespace(c.table_schema)
          WHERE c.column_name = 'tenant_id' AND c.table_schema = current_schema()
            AND (NOT t.relrowsecurity OR NOT EXISTS (
              SELECT 1 FROM pg_policies p
              WHERE p.schemaname = c.table_schema AND p.tablename = c.table_name
                AND p.qual LIKE '%app.tenant_id%' AND p.with_check LIKE '%app.tenant_id%'))
          ORDER BY 1`),
      ).map((r) => r.table);
      expect(
        missing,
        "Add to your migration, for each table listed: ALTER TABLE <t> ENABLE ROW LEVEL SECURITY; CREATE POLICY " +
          "tenant_isolation ON <t> USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK " +
          "(tenant_id = current_setting('app.tenant_id', true)); (see src/db/migrations/0007_rls.sql)",
      ).toEqual([]);
      const tables = rowsOf<{ n: number }>(
        await services.database.db.execute(
          sql`SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = current_schema()`,
        ),
      );
      expect(tables[0]?.n).toBeGreaterThanOrEqual(11);
    });

    it("sets the role up idempotently: the role statements run again without error", async () => {
      const migration = readMigrations().find((m) => m.name === "0007_rls.sql");
      const roleSetup = splitStatements(migration?.sql ?? "").filter((s) => s.startsWith("DO $$"));
      expect(roleSetup.length).toBe(3);
      for (const statement of roleSetup) await services.database.exec(statement);
    });
  });
}
