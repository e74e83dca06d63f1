import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testServices,
} from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { Problem } from "../http/openapi.ts";
import { ConflictResource } from "./conflicts.ts";
import { Changes } from "./merge.ts";
import { PersonaResource } from "./present.ts";
import { VersionSummary } from "./versions.ts";

const Resource = PersonaResource.extend({ changes: Changes.optional() });
const Pending = z.object({ data: z.array(ConflictResource) });
const Resolved = z.object({ conflict: ConflictResource, persona: PersonaResource });
const Versions = z.object({ data: z.array(VersionSummary) });

const NOTES = [
  "Interview notes, 2024-03-02.",
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.",
].join("\n");
const MOVED = ["Follow-up call, 2024-09-10.", "Maya Chen here. I moved to Boulder, Colorado in the summer."].join("\n");
const MOVED_AGAIN = ["Follow-up call, 2024-11-20.", "Maya Chen here. I moved to Aurora, Colorado last month."].join(
  "\n",
);

for (const store of STORES) {
  describe(`persona conflicts on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      sendJson(app, method, path, body, { ...auth, ...headers });
    const create = async () => read(await call("POST", "/v1/personas", { texts: [NOTES] }), Resource);
    const merge = async (id: string, text: string) => {
      const res = await call("PATCH", `/v1/personas/${id}`, { texts: [text] });
      expect(res.status).toBe(200);
      return read(res, Resource);
    };
    const pending = async (id: string) => (await read(await call("GET", `/v1/personas/${id}/conflicts`), Pending)).data;
    const resolve = (id: string, conflictId: string, body: unknown, headers: Record<string, string> = {}) =>
      call("POST", `/v1/personas/${id}/conflicts/${conflictId}/resolution`, body, headers);

    it("keeps a hand-set value against new material and holds the new value as a pending conflict", async () => {
      const created = await create();
      const edited = await call(
        "PATCH",
        `/v1/personas/${created.id}`,
        { location: "Lisbon, Portugal" },
        { "content-type": "application/merge-patch+json" },
      );
      expect(edited.status).toBe(200);
      const merged = await merge(created.id, MOVED);
      expect(merged.persona.location).toBe("Lisbon, Portugal");
      const conflict = merged.changes?.conflicts.find((c) => c.field === "location");
      expect(conflict).toMatchObject({ resolution: "current", rule: "manual_value", id: expect.any(String) });

      const [listed, ...rest] = await pending(created.id);
      expect(rest).toEqual([]);
      expect(listed).toMatchObject({
        id: conflict?.id,
        persona_id: created.id,
        field: "location",
        current: { value: "Lisbon, Portugal" },
        applied: "current",
        rule: "manual_value",
        status: "pending",
        resolution: null,
        created_version: 3,
      });
      expect(listed?.proposed.value).toMatch(/Boulder/);
      expect(listed?.proposed.evidence[0]?.quote).toMatch(/Boulder/);
    });

    it("takes the proposed value as a new version whose cause names the conflict; a second resolution is 409", async () => {
      const created = await create();
      await call(
        "PATCH",
        `/v1/personas/${created.id}`,
        { location: "Lisbon" },
        { "content-type": "application/merge-patch+json" },
      );
      const merged = await merge(created.id, MOVED);
      const [conflict] = await pending(created.id);
      if (!conflict) throw new Error("no pending conflict");

      const res = await resolve(created.id, conflict.id, { action: "take_proposed" }, { "if-match": '"3"' });
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe('"4"');
      const body = await read(res, Resolved);
      expect(body.persona.version).toBe(4);
      expect(body.persona.persona.location).toMatch(/Boulder/);
      expect(body.persona.evidence.location).toEqual(conflict.proposed.evidence);
      expect(body.conflict).toMatchObject({
        status: "resolved",
        resolution: { action: "take_proposed", value: body.persona.persona.location },
        resolved_version: 4,
      });
      expect(merged.version).toBe(3);
      const versions = await read(await call("GET", `/v1/personas/${created.id}/versions`), Versions);
      expect(versions.data.at(-1)).toMatchObject({ version: 4, cause: `resolve:${conflict.id}:take_proposed` });
      expect(await pending(created.id)).toEqual([]);

      const again = await resolve(created.id, conflict.id, { action: "keep_current" });
      expect(again.status).toBe(409);
      expect(Problem.parse(await again.json()).code).toBe("conflict_not_pending");
      expect((await read(await call("GET", `/v1/personas/${created.id}`), Resource)).version).toBe(4);
    });

    it("keeps the value the persona held before a merge replaced it by recency, with its evidence", async () => {
      const created = await create();
      const merged = await merge(created.id, MOVED);
      expect(merged.persona.location).toMatch(/Boulder/);
      const [conflict] = await pending(created.id);
      expect(conflict).toMatchObject({ field: "location", applied: "proposed", rule: "recency" });
      if (!conflict) throw new Error("no pending conflict");
      const body = await read(await resolve(created.id, conflict.id, { action: "keep_current" }), Resolved);
      expect(body.persona.persona.location).toBe(created.persona.location);
      expect(body.persona.evidence.location).toEqual(created.evidence.location);
    });

    it("writes another value, evidenced by a manual source like any edit; a bad value changes nothing", async () => {
      const created = await create();
      await merge(created.id, MOVED);
      const [conflict] = await pending(created.id);
      if (!conflict) throw new Error("no pending conflict");

      const tooLong = await resolve(created.id, conflict.id, { action: "write", value: "x".repeat(1_000) });
      expect(tooLong.status).toBe(422);
      expect((await pending(created.id)).map((c) => c.id)).toEqual([conflict.id]);

      const body = await read(
        await resolve(created.id, conflict.id, { action: "write", value: "Fort Collins, Colorado" }),
        Resolved,
      );
      expect(body.persona.persona.location).toBe("Fort Collins, Colorado");
      const [entry] = body.persona.evidence.location;
      expect(body.persona.sources.find((s) => s.id === entry?.source_id)?.kind).toBe("manual");
      expect(body.conflict.resolution).toEqual({ action: "write", value: "Fort Collins, Colorado" });
    });

    it("lets a newer conflict on the same field replace an older pending one (409 on the old)", async () => {
      const created = await create();
      await merge(created.id, MOVED);
      const [first] = await pending(created.id);
      await merge(created.id, MOVED_AGAIN);
      const now = await pending(created.id);
      expect(now).toHaveLength(1);
      expect(now[0]?.id).not.toBe(first?.id);
      expect(now[0]?.proposed.value).not.toBe(first?.proposed.value);
      const stale = await resolve(created.id, first?.id ?? "", { action: "take_proposed" });
      expect(stale.status).toBe(409);
      expect((await stale.json()).detail).toContain("newer conflict on location");
    });

    it.each([
      ["no action", {}],
      ["an unknown action", { action: "merge" }],
      ["write without a value", { action: "write" }],
      ["a value without write", { action: "keep_current", value: "Denver" }],
      ["extra keys", { action: "keep_current", also: 1 }],
    ])("answers 422 for %s and changes nothing", async (_name, body) => {
      const created = await create();
      await merge(created.id, MOVED);
      const [conflict] = await pending(created.id);
      const res = await resolve(created.id, conflict?.id ?? "", body);
      expect(res.status).toBe(422);
      expect(await pending(created.id)).toHaveLength(1);
    });

    it("answers 404 for another tenant's persona or conflict, and for unknown conflicts", async () => {
      const created = await create();
      await merge(created.id, MOVED);
      const [conflict] = await pending(created.id);
      const other = await newTenantAuth(services);
      const asOther = (method: string, path: string, body?: unknown) => sendJson(app, method, path, body, other);
      expect((await asOther("GET", `/v1/personas/${created.id}/conflicts`)).status).toBe(404);
      const foreign = await asOther("POST", `/v1/personas/${created.id}/conflicts/${conflict?.id}/resolution`, {
        action: "keep_current",
      });
      expect(foreign.status).toBe(404);
      // Their own persona with our conflict id: still 404.
      const theirs = await read(await asOther("POST", "/v1/personas", { texts: [NOTES] }), Resource);
      const crossed = await asOther("POST", `/v1/personas/${theirs.id}/conflicts/${conflict?.id}/resolution`, {
        action: "keep_current",
      });
      expect(crossed.status).toBe(404);
      expect((await resolve(created.id, "cfl_00000000000000000000", { action: "keep_current" })).status).toBe(404);
      expect(await pending(created.id)).toHaveLength(1);
    });
  });
}
