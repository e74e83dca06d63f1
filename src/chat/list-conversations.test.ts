import { eq } from "drizzle-orm";
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
import { conversations } from "../db/schema.ts";
import { Problem } from "../http/openapi.ts";
import { ProjectResource } from "../prd/schemas.ts";
import { ConversationPage, ConversationResource, MessageResource } from "./schemas.ts";

const Id = z.object({ id: z.string() });
const Messages = z.object({ data: z.array(MessageResource), next_cursor: z.string().nullable() });
const NOTES = "My name is Maya Chen. I work as a pediatric nurse in Denver, Colorado. I love trail running.";

for (const store of STORES) {
  describe(`listing conversations on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let otherAuth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      otherAuth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);
    const persona = async (headers = auth) =>
      (await read(await call("POST", "/v1/personas", { texts: [NOTES] }, headers), Id)).id;
    const chat = async (personaId: string, headers = auth) =>
      (await read(await call("POST", `/v1/personas/${personaId}/conversations`, undefined, headers), Id)).id;
    const project = async (name: string, personaIds: string[] = [], headers = auth) =>
      read(await call("POST", "/v1/projects", { name, persona_ids: personaIds }, headers), ProjectResource);
    const interview = async (projectId: string, interviewer: string, headers = auth) =>
      (await read(await call("POST", `/v1/projects/${projectId}/conversations`, { interviewer }, headers), Id)).id;
    const list = async (path: string, headers = auth) => {
      const res = await call("GET", path, undefined, headers);
      expect(res.status).toBe(200);
      return read(res, ConversationPage);
    };
    /** Activity times set by hand, so that the order does not hang on how fast the machine runs. */
    const touch = async (id: string, at: string) => {
      await services.database.db
        .update(conversations)
        .set({ updatedAt: new Date(at) })
        .where(eq(conversations.id, id));
    };

    describe("happy", () => {
      it("lists a persona's chats by latest activity, each the conversation resource plus its last message time", async () => {
        const p = await persona();
        const [a, b, c] = [await chat(p), await chat(p), await chat(p)];
        await touch(a, "2026-01-01T00:00:01Z");
        await touch(b, "2026-01-01T00:00:03Z");
        await touch(c, "2026-01-01T00:00:02Z");
        expect((await list(`/v1/personas/${p}/conversations`)).data.map((x) => x.id)).toEqual([b, c, a]);

        // A reply is activity: the oldest chat moves to the front with its count and last message time.
        const sent = await call("POST", `/v1/conversations/${a}/messages`, { content: "What do you do for work?" });
        expect(sent.status).toBe(200);
        const page = await list(`/v1/personas/${p}/conversations`);
        expect(page.data.map((x) => x.id)).toEqual([a, b, c]);
        expect(page.next_cursor).toBeNull();
        const [first, second] = page.data;
        const stored = await read(await call("GET", `/v1/conversations/${a}/messages`), Messages);
        expect(first?.message_count).toBe(2);
        expect(first?.last_message_at).toBe(stored.data[stored.data.length - 1]?.created_at);
        expect(second).toMatchObject({ message_count: 0, last_message_at: null, kind: "persona", persona_id: p });
        // Each is previewed by the user's first message, so people can tell them apart.
        expect(first?.preview).toBe("What do you do for work?");
        expect(second?.preview).toBeNull();

        const {
          last_message_at: _last,
          preview: _preview,
          ...resource
        } = first ?? { last_message_at: null, preview: null };
        const single = await read(await call("GET", `/v1/conversations/${a}`), ConversationResource);
        expect(resource).toEqual(single);
      });

      it("pages with limit and cursor, every conversation once, ties on the activity time broken by id", async () => {
        const p = await persona();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push(await chat(p));
        // Two share one activity time: the cursor must still split them without skipping or repeating one.
        const times = ["2026-02-01T00:00:05Z", "2026-02-01T00:00:04Z", "2026-02-01T00:00:04Z", "2026-02-01T00:00:02Z"];
        for (const [i, at] of times.entries()) await touch(ids[i] ?? "", at);
        await touch(ids[4] ?? "", "2026-02-01T00:00:01Z");

        const seen: string[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
          const page = await list(`/v1/personas/${p}/conversations?limit=2${query}`);
          sizes.push(page.data.length);
          seen.push(...page.data.map((x) => x.id));
          cursor = page.next_cursor;
        } while (cursor);
        expect(sizes).toEqual([2, 2, 1]);
        const tied = [ids[1], ids[2]].sort().reverse();
        expect(seen).toEqual([ids[0], ...tied, ids[3], ids[4]]);

        const all = await list(`/v1/personas/${p}/conversations?limit=100`);
        expect(all.data.map((x) => x.id)).toEqual(seen);
        expect(all.next_cursor).toBeNull();
      });

      it("keeps persona chats and project interviews apart, and finds a project by its slug", async () => {
        const p = await persona();
        const other = await persona();
        const mine = await chat(p);
        await chat(other);
        const proj = await project("Scoping app", [p]);
        const pm = await interview(proj.id, "pm");
        const withPersona = await interview(proj.id, p);
        const elsewhere = await project("Another app");
        await interview(elsewhere.id, "ux");
        await touch(pm, "2026-03-01T00:00:01Z");
        await touch(withPersona, "2026-03-01T00:00:02Z");

        // The interview in which the persona answers belongs to the project, not to the persona's chats.
        expect((await list(`/v1/personas/${p}/conversations`)).data.map((x) => x.id)).toEqual([mine]);
        const byId = await list(`/v1/projects/${proj.id}/conversations`);
        expect(byId.data.map((x) => [x.id, x.interviewer])).toEqual([
          [withPersona, p],
          [pm, "pm"],
        ]);
        // A new interview starts with the interviewer's opening question.
        expect(byId.data.every((x) => x.kind === "interview" && x.message_count === 1 && x.last_message_at)).toBe(true);
        expect(await list(`/v1/projects/${proj.slug}/conversations`)).toEqual(byId);
      });

      it("answers an empty page for a persona or project with no conversations", async () => {
        expect(await list(`/v1/personas/${await persona()}/conversations`)).toEqual({ data: [], next_cursor: null });
        const proj = await project("Quiet app");
        expect(await list(`/v1/projects/${proj.id}/conversations`)).toEqual({ data: [], next_cursor: null });
      });
    });

    it("documents both routes in the OpenAPI document", async () => {
      const doc = z
        .object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) })
        .parse(await (await app.request("/openapi.json")).json());
      for (const path of ["/v1/personas/{id}/conversations", "/v1/projects/{id}/conversations"]) {
        expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(["get", "post"]);
        expect(JSON.stringify(doc.paths[path]?.get)).toContain("#/components/schemas/ConversationPage");
      }
    });

    describe("errors", () => {
      it.each([
        ["limit=0", "limit"],
        ["limit=101", "limit"],
        ["limit=ten", "limit"],
        ["cursor=not-a-cursor", "cursor"],
        [`cursor=${Buffer.from('["yesterday","cnv_x"]').toString("base64url")}`, "cursor"],
        [`cursor=${"a".repeat(501)}`, "cursor"],
      ])("?%s is a 400 problem naming %s", async (query, field) => {
        const p = await persona();
        const proj = await project(`Bad query ${Math.random()}`);
        for (const path of [
          `/v1/personas/${p}/conversations?${query}`,
          `/v1/projects/${proj.id}/conversations?${query}`,
        ]) {
          const res = await call("GET", path);
          expect(res.status).toBe(400);
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          const problem = await read(res, Problem);
          expect(problem.errors?.map((e) => e.path)).toContain(field);
        }
      });

      it.each([
        "/v1/personas/per_doesnotexist/conversations",
        "/v1/personas/not-an-id/conversations",
        "/v1/projects/prj_doesnotexist/conversations",
        "/v1/projects/no-such-slug/conversations",
      ])("GET %s is a 404 problem", async (path) => {
        const res = await call("GET", path);
        expect(res.status).toBe(404);
        expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        await read(res, Problem);
      });
    });

    describe("security", () => {
      it("answers 404 for another tenant's persona or project and never lists their conversations", async () => {
        const p = await persona();
        await chat(p);
        const proj = await project("Tenant app", [p]);
        await interview(proj.id, "pm");

        for (const path of [
          `/v1/personas/${p}/conversations`,
          `/v1/projects/${proj.id}/conversations`,
          `/v1/projects/${proj.slug}/conversations`,
        ]) {
          const res = await call("GET", path, undefined, otherAuth);
          expect(res.status).toBe(404);
          await read(res, Problem);
        }

        // The other tenant's own persona and project (same slug) list only their own conversations.
        const theirs = await persona(otherAuth);
        const theirChat = await chat(theirs, otherAuth);
        const theirProject = await project("Tenant app", [], otherAuth);
        expect(theirProject.slug).toBe(proj.slug);
        const theirInterview = await interview(theirProject.id, "pm", otherAuth);
        const chats = await list(`/v1/personas/${theirs}/conversations`, otherAuth);
        expect(chats.data.map((x) => x.id)).toEqual([theirChat]);
        const interviews = await list(`/v1/projects/${proj.slug}/conversations`, otherAuth);
        expect(interviews.data.map((x) => x.id)).toEqual([theirInterview]);

        // A cursor is only a position: used on the other tenant's list it still pages only their conversations.
        await chat(p);
        const mine = await list(`/v1/personas/${p}/conversations?limit=1`);
        expect(mine.next_cursor).not.toBeNull();
        const cursor = encodeURIComponent(mine.next_cursor ?? "");
        const across = await list(`/v1/personas/${theirs}/conversations?cursor=${cursor}`, otherAuth);
        expect(across.data.every((x) => x.id === theirChat)).toBe(true);
      });
    });
  });
}
