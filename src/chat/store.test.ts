import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildApp, readJson as read, STORES, sendJson, testServices } from "../../test/support/services.ts";
import { createApiKey } from "../auth/api-keys.ts";
import type { Services } from "../context.ts";
import { newId } from "../ids.ts";
import { beginReplyRows, endReplyRows } from "./store.ts";

const Id = z.object({ id: z.string() });
const NOTES = "My name is Maya Chen. I work as a pediatric nurse in Denver, Colorado. I love trail running.";

for (const store of STORES) {
  describe(`beginning a reply in one statement on ${store.name}`, () => {
    let services: Services;
    let tenantId: string;
    let personaId: string;
    let conversationId: string;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      const app = buildApp(services);
      const created = await createApiKey(services.database.db, `test-${newId("persona")}`);
      tenantId = created.tenantId;
      const auth = { authorization: `Bearer ${created.key}` };
      personaId = (await read(await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, auth), Id)).id;
      conversationId = (
        await read(await sendJson(app, "POST", `/v1/personas/${personaId}/conversations`, undefined, auth), Id)
      ).id;
    });
    afterAll(async () => {
      await services.database.close();
    });

    const begin = async (content: string, tenant = tenantId) => {
      const ids = { userMessageId: newId("message"), assistantMessageId: newId("message") };
      const started = await beginReplyRows(services.database, tenant, conversationId, {
        ...ids,
        content,
        meta: {},
        at: new Date(),
      });
      const end = (text: string) =>
        endReplyRows(services.database, tenant, conversationId, {
          ...ids,
          content: text,
          status: "complete",
          meta: {},
          at: new Date(),
        });
      return { ...started, end };
    };

    it("returns the persona and the history before the new messages, only with the lease", async () => {
      const first = await begin("Hello");
      expect(first.userSeq).toBe(1);
      expect(first.history).toEqual([]);
      expect(first.persona?.id).toBe(personaId);
      expect(first.persona?.persona.name).toBe("Maya Chen");
      expect(first.persona?.createdAt).toBeInstanceOf(Date);

      // Another reply is streaming: no lease, and nothing read for a reply that will not run.
      const refused = await begin("Are you there?");
      expect(refused.userSeq).toBeNull();
      expect(refused.history).toEqual([]);
      expect(refused.persona).toBeUndefined();
      await first.end("Hi!");
    });

    it("gives the next reply the finished exchange, oldest first, without its own two messages", async () => {
      const started = await begin("What do you do?");
      const seq = started.userSeq ?? 0;
      expect(seq).toBeGreaterThan(1);
      await started.end("I'm a pediatric nurse.");

      const next = await begin("Where?");
      expect(next.userSeq).toBe(seq + 2);
      expect(next.history.map((m) => [m.seq, m.role, m.content])).toEqual([
        [1, "user", "Hello"],
        [2, "assistant", "Hi!"],
        [seq, "user", "What do you do?"],
        [seq + 1, "assistant", "I'm a pediatric nurse."],
      ]);
      expect(next.history[3]?.createdAt).toBeInstanceOf(Date);
      expect(next.history[3]?.toolResults).toEqual([]);
      await next.end("In Denver.");
    });

    it("answers 404 for another tenant's conversation", async () => {
      const other = await createApiKey(services.database.db, `test-${newId("persona")}`);
      await expect(begin("Hi", other.tenantId)).rejects.toMatchObject({ status: 404 });
    });
  });
}
