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
import { verifyApiKey } from "../auth/api-keys.ts";
import type { Services } from "../context.ts";
import { Problem } from "../http/openapi.ts";
import { FocusGroupPage, FocusGroupResource, FocusGroupRound, FocusGroupWithMessages } from "./schemas.ts";
import { acquireGroupLease, releaseGroupLease } from "./store.ts";

const MAYA = [
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.",
  "I love trail running and baking sourdough on weekends.",
  "Honestly the scheduling app drives me mad: I'm frustrated by last-minute shift changes.",
].join("\n");
const RAVI = [
  "My name is Ravi Rao. I'm 41 years old and I work as a bus driver in Leeds.",
  "I love gardening and cricket.",
  "I'm frustrated by endless road works on my route.",
].join("\n");

/** A minimal SSE parser (event, id, data lines; comments skipped), enough to check the stream's framing. */
function parseSse(text: string): Array<{ event: string; id: string; data: unknown }> {
  return text
    .split(/\n\n/)
    .map((block) => block.split("\n").filter((line) => line && !line.startsWith(":")))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) =>
        lines
          .filter((l) => l.startsWith(`${name}:`))
          .map((l) => l.slice(name.length + 1).replace(/^ /, ""))
          .join("\n");
      return { event: field("event"), id: field("id"), data: JSON.parse(field("data")) as unknown };
    });
}

for (const store of STORES) {
  describe(`focus groups on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let otherAuth: Record<string, string>;
    let maya: string;
    let ravi: string;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      otherAuth = await newTenantAuth(services);
      maya = await persona(MAYA);
      ravi = await persona(RAVI);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) =>
      sendJson(app, method, path, body, headers);
    async function persona(text: string, headers = auth) {
      const res = await call("POST", "/v1/personas", { texts: [text] }, headers);
      expect(res.status).toBe(201);
      return z.object({ id: z.string() }).parse(await res.json()).id;
    }
    async function group(personaIds: string[], title?: string) {
      const res = await call("POST", "/v1/focus-groups", { persona_ids: personaIds, ...(title ? { title } : {}) });
      expect(res.status).toBe(201);
      const body = await read(res, FocusGroupResource);
      expect(res.headers.get("location")).toBe(`/v1/focus-groups/${body.id}`);
      return body;
    }

    it("creates a group named after its personas and answers one question from each persona's evidence", async () => {
      const g = await group([maya, ravi]);
      expect(g.title).toBe("Focus group: Maya Chen and Ravi Rao");
      expect(g.personas).toEqual([
        { id: maya, name: "Maya Chen", available: true },
        { id: ravi, name: "Ravi Rao", available: true },
      ]);
      expect(g.question_count).toBe(0);

      const res = await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: "What frustrates you?" });
      expect(res.status).toBe(201);
      const round = await read(res, FocusGroupRound);
      expect(round.question).toMatchObject({ role: "user", content: "What frustrates you?", status: "complete" });
      expect(round.answers.map((a) => a.persona_id)).toEqual([maya, ravi]);
      const [a, b] = round.answers;
      // Each answers in character, from its own evidence only.
      expect(a).toMatchObject({ role: "assistant", status: "complete", persona_name: "Maya Chen" });
      expect(a?.content).toMatch(/shift changes/);
      expect(a?.content).not.toMatch(/road works/);
      expect(b?.content).toMatch(/road works/);
      expect(b?.content).not.toMatch(/shift/);
      expect(a?.question_id).toBe(round.question.id);
      expect(a?.citations?.[0]?.quote).toMatch(/shift changes/);

      const unknown = await read(
        await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: "Which programming language do you like?" }),
        FocusGroupRound,
      );
      for (const answer of unknown.answers) expect(answer.content).toMatch(/don't know/i);

      const got = await read(await call("GET", `/v1/focus-groups/${g.id}`), FocusGroupWithMessages);
      expect(got.question_count).toBe(2);
      expect(got.messages.map((m) => [m.role, m.persona_id ?? null])).toEqual([
        ["user", null],
        ["assistant", maya],
        ["assistant", ravi],
        ["user", null],
        ["assistant", maya],
        ["assistant", ravi],
      ]);
      expect(got.messages[1]?.content).toBe(a?.content);
    });

    it("streams the answers side by side as well-formed server-sent events", async () => {
      const g = await group([maya, ravi]);
      const res = await call(
        "POST",
        `/v1/focus-groups/${g.id}/messages`,
        { content: "What do you do for work?" },
        {
          ...auth,
          accept: "text/event-stream",
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const events = parseSse(await res.text());
      expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
      expect(events[0]?.event).toBe("message");
      expect(events.at(-1)?.event).toBe("done");
      const start = z
        .object({
          focus_group_id: z.string(),
          question: z.object({ id: z.string(), content: z.string() }),
          answers: z.array(
            z.object({ persona_id: z.string(), persona_name: z.string().nullable(), message_id: z.string() }),
          ),
        })
        .parse(events[0]?.data);
      expect(start.focus_group_id).toBe(g.id);
      expect(start.answers.map((a) => a.persona_id)).toEqual([maya, ravi]);

      const Text = z.object({ persona_id: z.string(), delta: z.string() });
      const texts = events.filter((e) => e.event === "text").map((e) => Text.parse(e.data));
      const firstDone = events.findIndex((e) => e.event === "persona_done");
      // Interleaved: the second persona starts before the first has finished.
      const firstRavi = events.findIndex((e) => e.event === "text" && Text.parse(e.data).persona_id === ravi);
      expect(firstRavi).toBeGreaterThan(0);
      expect(firstRavi).toBeLessThan(firstDone);
      const dones = events
        .filter((e) => e.event === "persona_done")
        .map((e) => z.object({ persona_id: z.string(), message_id: z.string(), status: z.string() }).parse(e.data));
      expect(dones.map((d) => d.persona_id).sort()).toEqual([maya, ravi].sort());
      expect(dones.every((d) => d.status === "complete")).toBe(true);
      const done = z
        .object({ question_id: z.string(), answers: z.array(z.object({ persona_id: z.string(), status: z.string() })) })
        .parse(events.at(-1)?.data);
      expect(done.question_id).toBe(start.question.id);

      // What streamed is what was stored.
      const got = await read(await call("GET", `/v1/focus-groups/${g.id}`), FocusGroupWithMessages);
      for (const id of [maya, ravi]) {
        const streamed = texts
          .filter((t) => t.persona_id === id)
          .map((t) => t.delta)
          .join("");
        expect(got.messages.find((m) => m.persona_id === id)?.content).toBe(streamed);
      }
      expect(
        texts
          .filter((t) => t.persona_id === maya)
          .map((t) => t.delta)
          .join(""),
      ).toMatch(/pediatric nurse/);
      expect(got.streaming).toBe(false);
    });

    it("exports the transcript as CSV, one row per question and persona, with formulas defused", async () => {
      const g = await group([maya, ravi], "Scheduling, round 1");
      await call("POST", `/v1/focus-groups/${g.id}/messages`, {
        content: '=HYPERLINK("http://x") what frustrates you?',
      });
      await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: 'Where do you live, "exactly"?' });
      const res = await call("GET", `/v1/focus-groups/${g.id}/export?format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="scheduling-round-1.csv"');
      const text = (await res.text()).replace(/^\uFEFF/, "");
      const lines = text.trimEnd().split("\r\n");
      expect(lines[0]).toBe("question_at,question,persona_id,persona_name,answer,status");
      expect(lines).toHaveLength(5);
      expect(lines[1]).toContain(`'=HYPERLINK(""http://x"") what frustrates you?`);
      expect(lines[1]).toContain(`,${maya},Maya Chen,`);
      expect(lines[2]).toContain(`,${ravi},Ravi Rao,`);
      expect(lines[3]).toContain('"Where do you live, ""exactly""?"');
      expect(lines[4]).toMatch(/Leeds.*,complete$/);
      expect((await call("GET", `/v1/focus-groups/${g.id}/export?format=xlsx`)).status).toBe(400);
    });

    it("lists groups most recently active first, with a cursor", async () => {
      const first = await group([maya, ravi], "First");
      const second = await group([maya, ravi], "Second");
      await call("POST", `/v1/focus-groups/${first.id}/messages`, { content: "Hello!" });
      const page = await read(await call("GET", "/v1/focus-groups?limit=1"), FocusGroupPage);
      expect(page.data.map((g) => g.id)).toEqual([first.id]);
      expect(page.data[0]?.question_count).toBe(1);
      const next = await read(
        await call("GET", `/v1/focus-groups?limit=1&cursor=${page.next_cursor ?? ""}`),
        FocusGroupPage,
      );
      expect(next.data.map((g) => g.id)).toEqual([second.id]);
      expect((await call("GET", "/v1/focus-groups?cursor=nonsense")).status).toBe(400);
      expect((await call("GET", "/v1/focus-groups?limit=0")).status).toBe(400);
    });

    it("keeps a deleted persona's answers and asks only the personas that remain", async () => {
      const gone = await persona("My name is Ada Park. I'm 29 and I work as a park ranger in Oregon.");
      const g = await group([maya, gone]);
      await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: "What do you do for work?" });
      expect((await call("DELETE", `/v1/personas/${gone}`)).status).toBe(204);
      const round = await read(
        await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: "What do you do for work?" }),
        FocusGroupRound,
      );
      expect(round.answers.map((a) => a.persona_id)).toEqual([maya]);
      const got = await read(await call("GET", `/v1/focus-groups/${g.id}`), FocusGroupWithMessages);
      expect(got.personas.find((p) => p.id === gone)).toEqual({ id: gone, name: null, available: false });
      expect(got.messages.find((m) => m.persona_id === gone)?.content).toMatch(/park ranger/);
    });

    it("answers one question at a time (409 while answering) and deletes groups", async () => {
      const g = await group([maya, ravi]);
      expect(await acquireGroupLease(services.database.db, await tenantOf(), g.id)).toBe(true);
      const busy = await call("POST", `/v1/focus-groups/${g.id}/messages`, { content: "Hi" });
      expect(busy.status).toBe(409);
      expect(busy.headers.get("retry-after")).toBe("2");
      expect((await call("DELETE", `/v1/focus-groups/${g.id}`)).status).toBe(409);
      await releaseGroupLease(services.database.db, await tenantOf(), g.id, new Date());
      expect((await call("DELETE", `/v1/focus-groups/${g.id}`)).status).toBe(204);
      expect((await call("GET", `/v1/focus-groups/${g.id}`)).status).toBe(404);
    });

    async function tenantOf(): Promise<string> {
      const tenant = await verifyApiKey(services.database.db, (auth.authorization ?? "").replace(/^Bearer /, ""));
      if (!tenant) throw new Error("the test key does not verify");
      return tenant;
    }

    const bad: Array<[string, unknown, number, string?]> = [
      ["one persona", { persona_ids: ["per_x"] }, 422, "persona_ids"],
      ["nine personas", { persona_ids: Array.from({ length: 9 }, (_, i) => `per_${i}`) }, 422, "persona_ids"],
      ["no personas", {}, 422, "persona_ids"],
      ["unknown field", { persona_ids: [], extra: 1 }, 422],
      ["a control character in the title", { persona_ids: ["a", "b"], title: "a\u0007b" }, 422],
      ["not JSON", "{nope", 400],
    ];
    for (const [name, body, status, path] of bad) {
      it(`refuses ${name} with a ${status} problem`, async () => {
        const res = await call("POST", "/v1/focus-groups", body);
        expect(res.status).toBe(status);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        const problem = await read(res, Problem);
        if (path) expect(problem.errors?.[0]?.path).toBe(path);
      });
    }

    it("refuses duplicate, unknown and other tenants' personas, naming each", async () => {
      const dup = await read(await call("POST", "/v1/focus-groups", { persona_ids: [maya, maya] }), Problem);
      expect(dup.status).toBe(422);
      const theirs = await persona("My name is Quentin Blake. I am a zookeeper in Leeds.", otherAuth);
      const res = await call("POST", "/v1/focus-groups", { persona_ids: [maya, theirs] });
      expect(res.status).toBe(422);
      expect((await read(res, Problem)).errors).toEqual([{ path: "persona_ids/1", message: "no such persona" }]);
    });

    it("refuses bad questions before anything is stored", async () => {
      const g = await group([maya, ravi]);
      const path = `/v1/focus-groups/${g.id}/messages`;
      expect((await call("POST", path, { content: "   " })).status).toBe(422);
      expect((await call("POST", path, { content: "x".repeat(8_001) })).status).toBe(413);
      expect((await call("POST", path, "{")).status).toBe(400);
      expect((await call("POST", path, { content: "hi" }, { ...auth, "content-type": "text/plain" })).status).toBe(415);
      expect((await call("POST", "/v1/focus-groups/fgr_nope/messages", { content: "hi" })).status).toBe(404);
      const got = await read(await call("GET", `/v1/focus-groups/${g.id}`), FocusGroupWithMessages);
      expect(got.messages).toEqual([]);
    });

    it("is tenant-isolated: another tenant's group is a 404 everywhere and absent from its list", async () => {
      const g = await group([maya, ravi], "Private");
      for (const [method, path, body] of [
        ["GET", `/v1/focus-groups/${g.id}`],
        ["GET", `/v1/focus-groups/${g.id}/export?format=csv`],
        ["POST", `/v1/focus-groups/${g.id}/messages`, { content: "What frustrates you?" }],
        ["DELETE", `/v1/focus-groups/${g.id}`],
      ] as Array<[string, string, unknown?]>) {
        const res = await call(method, path, body, otherAuth);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(await res.text()).not.toMatch(/Maya|Private/);
      }
      const theirs = await read(await call("GET", "/v1/focus-groups", undefined, otherAuth), FocusGroupPage);
      expect(theirs.data.map((x) => x.id)).not.toContain(g.id);
      const got = await read(await call("GET", `/v1/focus-groups/${g.id}`), FocusGroupWithMessages);
      expect(got.messages).toEqual([]);
    });
  });
}
