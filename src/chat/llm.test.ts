import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startFakeAnthropic } from "../../test/fakes/anthropic-upstream.ts";
import { type FakeUpstream, reply, startFakeOpenAI } from "../../test/fakes/openai-upstream.ts";
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
import { PrdResource } from "../prd/get-prd.ts";
import { ProjectResource } from "../prd/schemas.ts";
import { ConversationResource, MessageResource } from "./schemas.ts";

const Page = z.object({ data: z.array(MessageResource), next_cursor: z.string().nullable() });
const Reply = z.object({ message: MessageResource, user_message: MessageResource });

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Parses a complete SSE body (comments such as `: ping` are skipped). */
function parseSse(body: string): SseEvent[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

const NOTES =
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver. I'm frustrated by last-minute shift changes.";

// openai goes through the AI SDK's provider; openai-compatible reads text-only replies itself (chat-completions.ts).
const CASES = STORES.flatMap((store) =>
  (["openai", "openai-compatible"] as const).map((provider) => ({ store, provider })),
);

for (const { store, provider } of CASES) {
  describe(`conversations against a fake OpenAI upstream (${provider}) on ${store.name}`, () => {
    let fake: FakeUpstream;
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      fake = await startFakeOpenAI();
      services = await testServices({
        DATABASE_URL: store.databaseUrl,
        AUTH_MODE: "apikey",
        LLM_PROVIDER: provider,
        LLM_MODEL: "gpt-test",
        OPENAI_API_KEY: "test-key",
        OPENAI_BASE_URL: fake.url,
      });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    beforeEach(() => fake.reset());
    afterAll(async () => {
      await services.database.close();
      await fake.close();
    });

    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      sendJson(app, method, path, body, { ...auth, ...headers });
    const stream = async (conversationId: string, content: string) => {
      const res = await call(
        "POST",
        `/v1/conversations/${conversationId}/messages`,
        { content },
        { accept: "text/event-stream" },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      return parseSse(await res.text());
    };
    const messagesOf = async (id: string) =>
      (await read(await call("GET", `/v1/conversations/${id}/messages`), Page)).data;
    const personaChat = async () => {
      const persona = await read(
        await call("POST", "/v1/personas", { texts: [NOTES], engine: "offline" }),
        z.object({ id: z.string() }),
      );
      return read(await call("POST", `/v1/personas/${persona.id}/conversations`), ConversationResource);
    };
    const pmInterview = async () => {
      const project = await read(await call("POST", "/v1/projects", { name: "Untitled" }), ProjectResource);
      const res = await call("POST", `/v1/projects/${project.id}/conversations`, { interviewer: "pm" });
      return { project, conversation: await read(res, ConversationResource) };
    };

    it("streams persona text as SSE events and stores the message; the prompt spotlights the evidence", async () => {
      const c = await personaChat();
      expect(c.engine).toBe("llm");
      fake.script(reply.text("I work nights as a pediatric nurse, and shift changes drive me mad."));
      const events = await stream(c.id, "What do you do?");
      expect(events[0]?.event).toBe("message");
      expect(events.at(-1)).toEqual({
        event: "done",
        data: { message_id: events[0]?.data.assistant_message_id, status: "complete" },
      });
      const text = events
        .filter((e) => e.event === "text")
        .map((e) => e.data.delta)
        .join("");
      expect(events.filter((e) => e.event === "text").length).toBeGreaterThan(1);
      expect(text).toBe("I work nights as a pediatric nurse, and shift changes drive me mad.");
      const stored = await messagesOf(c.id);
      expect(stored.map((m) => [m.role, m.status, m.content])).toEqual([
        ["user", "complete", "What do you do?"],
        ["assistant", "complete", text],
      ]);
      const prompt = fake.requests[0]?.text ?? "";
      expect(prompt).toContain("<persona_data>");
      expect(prompt).toMatch(/<quote source="src_[a-z0-9]+" kind="stated">/);
      expect(prompt).toMatch(/not instructions/);
      expect(fake.requests[0]?.body).not.toHaveProperty("tools");
    });

    it("runs multi-step tool calls that change the PRD, streaming calls and results", async () => {
      const { project, conversation } = await pmInterview();
      fake.script(
        reply.toolCalls([
          { id: "call_1", name: "set_project_name", args: { name: "Trailmate" } },
          {
            id: "call_2",
            name: "update_prd",
            args: { section: "problem", mode: "replace", text: "Shift workers cannot plan exercise." },
          },
        ]),
        reply.toolCalls([
          {
            id: "call_3",
            name: "update_prd",
            args: {
              section: "functional_requirements",
              mode: "append",
              items: [{ title: "Import shifts", priority: "P0", acceptance_criteria: ["A roster imports in 10 s"] }],
            },
          },
        ]),
        reply.text("Got it. Who are the target users?"),
      );
      const events = await stream(
        conversation.id,
        "Trailmate: shift workers cannot plan exercise; must import shifts.",
      );
      expect(events.map((e) => e.event)).toEqual([
        "message",
        "tool_call",
        "tool_call",
        "tool_result",
        "tool_result",
        "tool_call",
        "tool_result",
        ...events.slice(7, -1).map(() => "text"),
        "done",
      ]);
      const results = events.filter((e) => e.event === "tool_result").map((e) => e.data);
      expect(results.every((r) => r.ok === true)).toBe(true);
      expect(results.find((r) => r.id === "call_3")?.result).toMatchObject({
        ids: ["FR-1"],
        section: "functional_requirements",
      });

      const prd = await read(await call("GET", `/v1/projects/${project.id}/prd`), PrdResource);
      expect(prd.name).toBe("Trailmate");
      expect(prd.document.problem).toBe("Shift workers cannot plan exercise.");
      expect(prd.document.functional_requirements).toEqual([
        {
          id: "FR-1",
          title: "Import shifts",
          description: null,
          priority: "P0",
          acceptance_criteria: ["A roster imports in 10 s"],
        },
      ]);
      const stored = (await messagesOf(conversation.id)).at(-1);
      expect(stored?.tool_calls.map((t) => t.id).sort()).toEqual(["call_1", "call_2", "call_3"]);
      expect(stored?.tool_results.every((r) => r.ok)).toBe(true);
      expect(stored?.content).toBe("Got it. Who are the target users?");
      // The model saw the tools, the tracker and the tool results.
      expect(fake.requests).toHaveLength(3);
      const first = fake.requests[0]?.body as { tools?: Array<{ function: { name: string } }> };
      expect(first.tools?.map((t) => t.function.name).sort()).toEqual([
        "ask_user_question",
        "render_wireframe",
        "set_project_name",
        "update_prd",
        "update_whats_next",
      ]);
      expect(fake.requests[0]?.text).toMatch(
        /Still missing \(ask about these next, in this order\): overview, problem/,
      );
      expect(JSON.stringify(fake.requests[2]?.body)).toContain("FR-1");
    });

    it("rejects malformed tool arguments: reported to the model and the client, stored, never applied", async () => {
      const { project, conversation } = await pmInterview();
      fake.script(
        reply.toolCalls([
          {
            id: "bad_1",
            name: "update_prd",
            // Acceptance criteria may come later, but a priority must be one of P0-P2.
            args: { section: "functional_requirements", mode: "append", items: [{ title: "X", priority: "P9" }] },
          },
          { id: "bad_2", name: "update_prd", args: { section: "nonsense", mode: "append", text: "x" } },
          { id: "bad_3", name: "drop_database", args: {} },
        ]),
        reply.text("Sorry, I will ask again."),
      );
      const events = await stream(conversation.id, "Add a feature");
      const results = events.filter((e) => e.event === "tool_result").map((e) => e.data);
      expect(results.map((r) => [r.id, r.ok])).toEqual(
        expect.arrayContaining([
          ["bad_1", false],
          ["bad_2", false],
          ["bad_3", false],
        ]),
      );
      expect(String(results.find((r) => r.id === "bad_1")?.error)).toMatch(/priority/);
      expect(events.at(-1)?.data.status).toBe("complete");
      const prd = await read(await call("GET", `/v1/projects/${project.id}/prd`), PrdResource);
      expect(prd.revision).toBe(1);
      const stored = (await messagesOf(conversation.id)).at(-1);
      expect(stored?.tool_results.map((r) => r.ok)).toEqual([false, false, false]);
      // The second request carries the errors back to the model as tool results.
      const followUp = JSON.stringify(fake.requests[1]?.body);
      expect(followUp).toMatch(/priority/);
      expect(followUp).toMatch(/nothing was changed/);
    });

    it("gives a persona interviewee the project as context but no tools: a tool call is refused, nothing changes", async () => {
      const persona = await read(
        await call("POST", "/v1/personas", { texts: [NOTES], engine: "offline" }),
        z.object({ id: z.string() }),
      );
      const project = await read(
        await call("POST", "/v1/projects", { name: "Rota app", persona_ids: [persona.id] }),
        ProjectResource,
      );
      const c = await read(
        await call("POST", `/v1/projects/${project.id}/conversations`, { interviewer: persona.id }),
        ConversationResource,
      );
      fake.script(
        reply.toolCalls([
          { id: "p1", name: "update_prd", args: { section: "problem", mode: "replace", text: "hijacked" } },
        ]),
        reply.text("I'd want shift changes to show up instantly."),
      );
      const events = await stream(c.id, "What would you need from it?");
      expect(events.find((e) => e.event === "tool_result")?.data).toMatchObject({ id: "p1", ok: false });
      expect(fake.requests[0]?.body).not.toHaveProperty("tools");
      expect(fake.requests[0]?.text).toContain(
        'You are being interviewed by a product team about the product "Rota app"',
      );
      const prd = await read(await call("GET", `/v1/projects/${project.id}/prd`), PrdResource);
      expect(prd.revision).toBe(1);
    });

    it("ends the turn on ask_user_question and resolves a lettered answer in the next message", async () => {
      const { conversation } = await pmInterview();
      fake.script(
        reply.toolCalls([
          {
            id: "q1",
            name: "ask_user_question",
            args: { question: "Which platform first?", options: ["iOS", "Android"] },
          },
        ]),
      );
      const events = await stream(conversation.id, "Let's talk platforms");
      expect(events.find((e) => e.event === "question")?.data).toEqual({
        question: "Which platform first?",
        options: [
          { key: "A", label: "iOS" },
          { key: "B", label: "Android" },
        ],
      });
      expect(fake.requests).toHaveLength(1);
      fake.script(reply.text("Android it is."));
      const res = await call("POST", `/v1/conversations/${conversation.id}/messages`, { content: "b" });
      expect((await read(res, Reply)).message.content).toBe("Android it is.");
      expect(fake.requests[1]?.text).toContain("b) Android".replace("b", "B"));
    });

    it("stores a stream cut mid-way as an error with what was said, and frees the conversation", async () => {
      const c = await personaChat();
      fake.script(reply.truncate("This answer will be cut off in the middle of the stream, sadly, before the end."));
      const events = await stream(c.id, "Tell me a long story");
      const error = events.find((e) => e.event === "error")?.data;
      expect(error).toMatchObject({ status: expect.any(Number), code: expect.stringMatching(/^upstream_/) });
      expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "error" } });
      const said = events
        .filter((e) => e.event === "text")
        .map((e) => e.data.delta)
        .join("");
      const stored = (await messagesOf(c.id)).at(-1);
      expect(stored).toMatchObject({ status: "error", content: said });
      // JSON clients get the problem; the conversation is usable again right away.
      fake.script(reply.truncate());
      const json = await call("POST", `/v1/conversations/${c.id}/messages`, { content: "again" });
      expect([502, 503]).toContain(json.status);
      expect(json.headers.get("content-type")).toBe("application/problem+json");
      fake.script(reply.text("Fine now."));
      expect(
        (await read(await call("POST", `/v1/conversations/${c.id}/messages`, { content: "ok?" }), Reply)).message
          .content,
      ).toBe("Fine now.");
    });

    it("retries a rate-limited request before anything streamed", async () => {
      const c = await personaChat();
      fake.script(reply.rateLimited(0.05), reply.text("Second time lucky."));
      const events = await stream(c.id, "Hello?");
      expect(
        events
          .filter((e) => e.event === "text")
          .map((e) => e.data.delta)
          .join(""),
      ).toBe("Second time lucky.");
      expect(fake.requests).toHaveLength(2);
    });

    it("answers 409 to a second message while the first reply is still streaming", async () => {
      const c = await personaChat();
      fake.script(reply.stall("Thinking, thinking, thinking about it for a long while now."));
      const first = await call(
        "POST",
        `/v1/conversations/${c.id}/messages`,
        { content: "one" },
        { accept: "text/event-stream" },
      );
      const reader = first.body?.getReader();
      let seen = "";
      while (reader && !/event: text/.test(seen)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += new TextDecoder().decode(chunk.value);
      }
      const second = await call("POST", `/v1/conversations/${c.id}/messages`, { content: "two" });
      expect(second.status).toBe(409);
      expect(second.headers.get("retry-after")).toBe("2");
      await reader?.cancel();
      const deadline = Date.now() + 5_000;
      while (
        Date.now() < deadline &&
        (await read(await call("GET", `/v1/conversations/${c.id}`), ConversationResource)).streaming
      ) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await messagesOf(c.id)).map((m) => [m.content.slice(0, 3), m.status])).toEqual([
        ["one", "complete"],
        ["Thi", "incomplete"],
      ]);
      expect(fake.requests).toHaveLength(1);
    });

    it("sends a heartbeat comment every 15 s and renews the streaming lease while a reply is open", async () => {
      const c = await personaChat();
      // The lease (a database timestamp) is what tells other nodes a reply is running; each heartbeat pushes it on.
      const leaseUntil = async () =>
        (
          await services.database.db
            .select({ until: conversations.streamingUntil })
            .from(conversations)
            .where(eq(conversations.id, c.id))
        )[0]?.until?.getTime() ?? 0;
      fake.script(reply.stall("Slowly, slowly, the answer comes together, word by word."));
      // Only intervals are faked: the stream, the database and the fake upstream keep real time.
      vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
      try {
        const res = await call(
          "POST",
          `/v1/conversations/${c.id}/messages`,
          { content: "slow" },
          { accept: "text/event-stream" },
        );
        const reader = res.body?.getReader();
        let seen = "";
        const readUntil = async (pattern: RegExp) => {
          while (reader && !pattern.test(seen)) {
            const chunk = await reader.read();
            if (chunk.done) break;
            seen += new TextDecoder().decode(chunk.value);
          }
        };
        await readUntil(/event: text/);
        expect(seen).not.toContain(": ping");
        const leased = await leaseUntil();
        expect(leased).toBeGreaterThan(Date.now());
        vi.advanceTimersByTime(15_000);
        await readUntil(/\n: ping\n\n/);
        expect(seen).toContain("\n: ping\n\n");
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline && (await leaseUntil()) <= leased) await new Promise((r) => setTimeout(r, 25));
        expect(await leaseUntil()).toBeGreaterThan(leased);
        await reader?.cancel();
      } finally {
        vi.useRealTimers();
      }
      const deadline = Date.now() + 5_000;
      while (
        Date.now() < deadline &&
        (await read(await call("GET", `/v1/conversations/${c.id}`), ConversationResource)).streaming
      ) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await messagesOf(c.id)).at(-1)?.status).toBe("incomplete");
    });

    it("trims history to the token budget oldest first and sends the stored summary instead", async () => {
      const c = await personaChat();
      fake.setFallback(reply.text("Noted."));
      const long = (tag: string) => `${tag} is where this story starts. ${"lorem ipsum dolor sit amet ".repeat(270)}`;
      for (const tag of ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]) {
        const res = await call("POST", `/v1/conversations/${c.id}/messages`, { content: long(tag) });
        expect(res.status).toBe(200);
      }
      const last = fake.requests.at(-1)?.text ?? "";
      expect(last).toContain("<summary>");
      expect(last).toMatch(/user: Alpha is where this story starts\./);
      expect(last).toContain("Echo is where");
      // The trimmed message itself is no longer sent.
      expect(last.split("Alpha is where").length).toBe(2);
      const conversation = await read(await call("GET", `/v1/conversations/${c.id}`), ConversationResource);
      expect(conversation.summary).toMatch(/^user: Alpha is where this story starts\./);
      expect((fake.requests.at(-1)?.text.length ?? 0) / 4).toBeLessThan(6_000 + 3_000);
    });

    it("escapes what the model wrote when the PRD is rendered as HTML", async () => {
      const { project, conversation } = await pmInterview();
      fake.script(
        reply.toolCalls([
          {
            id: "x1",
            name: "update_prd",
            args: { section: "problem", mode: "replace", text: '<script>alert("x")</script> & <b>bold</b>' },
          },
        ]),
        reply.text("Saved."),
      );
      await stream(conversation.id, "The problem is XSS");
      const html = await (await call("GET", `/v1/projects/${project.id}/prd?format=html`)).text();
      expect(html).not.toContain("<script>");
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
      const md = await (await call("GET", `/v1/projects/${project.id}/prd?format=markdown`)).text();
      expect(md).toContain("\\<script\\>");
    });

    it("through a real server: curl-style SSE, and a client disconnect aborts upstream and stores the reply incomplete", async () => {
      const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const c = await personaChat();
        fake.script(reply.stall("Let me think about that for a very long time, because it is complicated."));
        const controller = new AbortController();
        const res = await fetch(`${base}/v1/conversations/${c.id}/messages`, {
          method: "POST",
          // What `curl -N -H 'Accept: text/event-stream' -d '{"content":"…"}'` sends.
          headers: {
            ...auth,
            accept: "text/event-stream",
            "content-type": "application/x-www-form-urlencoded",
            "user-agent": "curl/8.5.0",
          },
          body: JSON.stringify({ content: "Think hard" }),
          signal: controller.signal,
        });
        expect(res.status).toBe(200);
        const reader = res.body?.getReader();
        let seen = "";
        while (reader && !/event: text/.test(seen)) {
          const chunk = await reader.read();
          if (chunk.done) break;
          seen += new TextDecoder().decode(chunk.value);
        }
        expect(seen).toMatch(/^event: message\ndata: \{"conversation_id"/);
        expect(fake.stats().inFlight).toBe(1);
        controller.abort();
        const abortedAt = Date.now();

        const deadline = Date.now() + 10_000;
        let last: z.infer<typeof MessageResource> | undefined;
        while (Date.now() < deadline) {
          // The lease is released after the reply is stored, so read the message only once it is gone.
          const conv = await read(await call("GET", `/v1/conversations/${c.id}`), ConversationResource);
          if (!conv.streaming && fake.stats().inFlight === 0) {
            last = (await messagesOf(c.id)).at(-1);
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        // The reply noticed the disconnect well before the first heartbeat (15 s) could have told it.
        expect(Date.now() - abortedAt).toBeLessThan(8_000);
        expect(fake.stats().inFlight).toBe(0);
        expect(last?.status).toBe("incomplete");
        expect(last?.content.length).toBeGreaterThan(0);
        expect("Let me think about that for a very long time").toContain(last?.content.slice(0, 20));
        expect((await read(await call("GET", `/v1/conversations/${c.id}`), ConversationResource)).streaming).toBe(
          false,
        );
      } finally {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
        await closed;
      }
    });
  });
}

describe("conversations against a fake Anthropic upstream", () => {
  let fake: FakeUpstream;
  let services: Services;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    services = await testServices({
      LLM_PROVIDER: "anthropic",
      LLM_MODEL: "claude-test",
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: fake.url,
    });
    app = buildApp(services);
  });
  afterAll(async () => {
    await services.database.close();
    await fake.close();
  });

  it("streams tool calls that change the PRD, then text", async () => {
    const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      sendJson(app, method, path, body, headers);
    const project = await read(await json("POST", "/v1/projects", { name: "Claude app" }), ProjectResource);
    const conversation = await read(
      await json("POST", `/v1/projects/${project.id}/conversations`, { interviewer: "ux" }),
      ConversationResource,
    );
    fake.script(
      reply.toolCalls([
        {
          id: "toolu_1",
          name: "update_prd",
          args: {
            section: "user_journeys",
            mode: "append",
            items: [{ title: "Check in", steps: ["Open", "Scan", "Done"] }],
          },
        },
      ]),
      reply.text("Journey saved. Which screens does it need?"),
    );
    const res = await json(
      "POST",
      `/v1/conversations/${conversation.id}/messages`,
      { content: "Open, scan, done" },
      { accept: "text/event-stream" },
    );
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event).filter((e) => e !== "text")).toEqual([
      "message",
      "tool_call",
      "tool_result",
      "done",
    ]);
    expect(events.find((e) => e.event === "tool_result")?.data).toMatchObject({ ok: true, result: { ids: ["UJ-1"] } });
    const prd = await read(await json("GET", `/v1/projects/${project.id}/prd`), PrdResource);
    expect(prd.document.user_journeys).toEqual([{ id: "UJ-1", title: "Check in", steps: ["Open", "Scan", "Done"] }]);
    expect(fake.requests).toHaveLength(2);
  });
});
