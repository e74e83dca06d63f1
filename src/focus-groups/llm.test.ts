import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type FakeUpstream, reply, startFakeOpenAI } from "../../test/fakes/openai-upstream.ts";
import { buildApp, newTenantAuth, readJson as read, sendJson, testServices } from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { FocusGroupResource, FocusGroupRound, FocusGroupWithMessages } from "./schemas.ts";

/** With a model configured, each persona of a group answers through the LLM responder persona chat uses. */
describe("focus groups against a fake OpenAI upstream", () => {
  let fake: FakeUpstream;
  let services: Services;
  let app: ReturnType<typeof buildApp>;
  let auth: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    services = await testServices({
      AUTH_MODE: "apikey",
      LLM_PROVIDER: "openai",
      LLM_MODEL: "gpt-test",
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: fake.url,
    });
    app = buildApp(services);
    auth = await newTenantAuth(services);
  });
  afterAll(async () => {
    await services.database.close();
    await fake.close();
  });

  const call = (method: string, path: string, body?: unknown) => sendJson(app, method, path, body, auth);
  const persona = async (text: string) =>
    z
      .object({ id: z.string() })
      .parse(await (await call("POST", "/v1/personas", { texts: [text], engine: "offline" })).json()).id;

  it("asks each persona in its own character; one persona failing leaves the other's answer intact", async () => {
    const maya = await persona("My name is Maya Chen. I work as a pediatric nurse in Denver.");
    const ravi = await persona("My name is Ravi Rao. I work as a bus driver in Leeds.");
    const group = await read(await call("POST", "/v1/focus-groups", { persona_ids: [maya, ravi] }), FocusGroupResource);

    fake.setFallback((req) =>
      req.text.includes("You are Maya Chen")
        ? reply.text("Night shifts make planning anything hard for me.")
        : reply.error(400, { message: "bad request from the fake" }),
    );
    const res = await call("POST", `/v1/focus-groups/${group.id}/messages`, { content: "What makes planning hard?" });
    expect(res.status).toBe(201);
    const round = await read(res, FocusGroupRound);
    expect(round.answers.map((a) => [a.persona_id, a.status])).toEqual([
      [maya, "complete"],
      [ravi, "error"],
    ]);
    expect(round.answers[0]?.content).toBe("Night shifts make planning anything hard for me.");

    // Each persona got its own system prompt, in character, and the question as the user turn.
    const prompts = fake.requests.map((r) => r.text);
    expect(prompts.some((t) => t.includes("You are Maya Chen") && !t.includes("You are Ravi Rao"))).toBe(true);
    expect(prompts.some((t) => t.includes("You are Ravi Rao") && t.includes("What makes planning hard?"))).toBe(true);

    // The second question carries each persona's own earlier answer as history, not the other's.
    fake.reset();
    fake.setFallback(() => reply.text("Still the shifts."));
    await call("POST", `/v1/focus-groups/${group.id}/messages`, { content: "And why?" });
    const maysPrompt = fake.requests.find((r) => r.text.includes("You are Maya Chen"))?.text ?? "";
    expect(maysPrompt).toContain("Night shifts make planning anything hard for me.");
    const got = await read(await call("GET", `/v1/focus-groups/${group.id}`), FocusGroupWithMessages);
    expect(got.messages.filter((m) => m.role === "assistant").map((m) => m.status)).toEqual([
      "complete",
      "error",
      "complete",
      "complete",
    ]);
  });

  it("answers with the problem when every persona fails", async () => {
    const a = await persona("My name is Ada Park. I work as a park ranger in Oregon.");
    const b = await persona("My name is Ben Ode. I work as a baker in Lagos.");
    const group = await read(await call("POST", "/v1/focus-groups", { persona_ids: [a, b] }), FocusGroupResource);
    fake.reset();
    fake.setFallback(() => reply.error(400, { message: "no" }));
    const res = await call("POST", `/v1/focus-groups/${group.id}/messages`, { content: "Hello?" });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const got = await read(await call("GET", `/v1/focus-groups/${group.id}`), FocusGroupWithMessages);
    expect(got.messages.filter((m) => m.role === "assistant").map((m) => m.status)).toEqual(["error", "error"]);
    expect(got.streaming).toBe(false);
  });
});
