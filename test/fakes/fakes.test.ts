import { generateText, jsonSchema, Output, streamText, tool } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLanguageModel, type LlmConfig } from "../../src/llm/providers.ts";
import { toUpstreamAppError } from "../../src/llm/resilience.ts";
import { startFakeAnthropic } from "./anthropic-upstream.ts";
import { type FakeUpstream, reply } from "./fake-server.ts";
import { startFakeOpenAI } from "./openai-upstream.ts";

/** The fakes exercised through the real AI SDK providers, as the chat and extraction code will use them. */

let openai: FakeUpstream;
let anthropic: FakeUpstream;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
});
afterEach(() => {
  openai.reset();
  anthropic.reset();
});
afterAll(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});

const PROVIDERS = ["openai", "anthropic", "openai-compatible"] as const;
type Provider = (typeof PROVIDERS)[number];

const fakeFor = (provider: Provider) => (provider === "anthropic" ? anthropic : openai);

function model(provider: Provider) {
  const url = fakeFor(provider).url;
  const config: LlmConfig = {
    provider,
    model: provider === "anthropic" ? "claude-test" : "gpt-test",
    openaiApiKey: "test-key",
    openaiBaseUrl: url,
    anthropicApiKey: "test-key",
    anthropicBaseUrl: url,
  };
  return createLanguageModel(config);
}

const weather = tool({
  description: "Weather for a city",
  inputSchema: z.object({ city: z.string() }),
});

describe.each(PROVIDERS)("fake upstream via %s", (provider) => {
  it("answers plain text with usage and records the request without credentials", async () => {
    const fake = fakeFor(provider);
    fake.script(reply.text("Hello there.", { usage: { input_tokens: 11, output_tokens: 3 } }));
    const result = await generateText({
      model: model(provider),
      prompt: "Say hi",
      maxRetries: 0,
      maxOutputTokens: 512,
    });
    expect(result.text).toBe("Hello there.");
    expect(result.usage.inputTokens).toBe(11);
    expect(result.usage.outputTokens).toBe(3);
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.hadAuth).toBe(true);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers["x-api-key"]).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain("test-key");
    expect(request?.text).toContain("Say hi");
    expect(request?.stream).toBe(false);
  });

  it("streams text over SSE with usage", async () => {
    const fake = fakeFor(provider);
    const text = "A streamed answer that spans several SSE chunks of text.";
    fake.script(reply.text(text));
    const result = streamText({ model: model(provider), prompt: "Stream please", maxRetries: 0, maxOutputTokens: 512 });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe(text);
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    expect(fake.requests[0]?.stream).toBe(true);
  });

  it.each([false, true])("returns tool calls (stream: %s)", async (stream) => {
    const fake = fakeFor(provider);
    fake.script(reply.toolCalls([{ name: "weather", args: { city: "Porto" } }], { text: "Checking." }));
    const options = {
      model: model(provider),
      prompt: "Weather in Porto?",
      tools: { weather },
      maxRetries: 0,
      maxOutputTokens: 512,
    };
    const calls = stream ? await streamText(options).toolCalls : (await generateText(options)).toolCalls;
    expect(calls.map((c) => [c.toolName, c.input])).toEqual([["weather", { city: "Porto" }]]);
    const body = fake.requests[0]?.body as { tools?: unknown[] };
    expect(body.tools).toHaveLength(1);
  });

  it("serves structured output", async () => {
    const fake = fakeFor(provider);
    fake.script(reply.json({ name: "Ana", tags: ["a", "b"] }));
    const result = await generateText({
      model: model(provider),
      prompt: "JSON",
      maxRetries: 0,
      maxOutputTokens: 512,
      output: Output.object({ schema: z.object({ name: z.string(), tags: z.array(z.string()) }) }),
    });
    expect(result.output).toEqual({ name: "Ana", tags: ["a", "b"] });
  });

  it("cuts a stream mid-way; the error surfaces and maps to 503", async () => {
    const fake = fakeFor(provider);
    fake.script(reply.truncate("This answer is going to be cut off somewhere in the middle, sadly."));
    const result = streamText({
      model: model(provider),
      prompt: "Stream",
      maxRetries: 0,
      maxOutputTokens: 512,
      onError: () => {},
    });
    let received = "";
    const error = await (async () => {
      for await (const part of result.textStream) received += part;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(received.length).toBeLessThan(60);
    expect(toUpstreamAppError(error).status).toBe(503);
  });

  it("answers scripted HTTP faults with the provider's error body and headers", async () => {
    const fake = fakeFor(provider);
    fake.script(reply.rateLimited(7));
    const error = await generateText({
      model: model(provider),
      prompt: "x",
      maxRetries: 0,
      maxOutputTokens: 512,
    }).catch((e: unknown) => e);
    const mapped = toUpstreamAppError(error);
    expect(mapped.status).toBe(503);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("fake upstream plumbing", () => {
  it("answers 500 when nothing is scripted, and 404 for unknown paths", async () => {
    const unscripted = await fetch(`${openai.url}/chat/completions`, { method: "POST", body: "{}" });
    expect(unscripted.status).toBe(500);
    const missing = await fetch(`${openai.url}/embeddings`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
    expect(openai.requests.map((r) => r.path)).toEqual(["/v1/chat/completions", "/v1/embeddings"]);
  });

  it("answers Anthropic's forced `json` tool with a tool_use block", async () => {
    anthropic.script(reply.json({ ok: true }));
    const result = await generateText({
      model: createLanguageModel({
        provider: "anthropic",
        model: "claude-test",
        openaiApiKey: undefined,
        openaiBaseUrl: undefined,
        anthropicApiKey: "test-key",
        anthropicBaseUrl: anthropic.url,
      }),
      prompt: "JSON",
      maxRetries: 0,
      maxOutputTokens: 512,
      providerOptions: { anthropic: { structuredOutputMode: "jsonTool" } },
      output: Output.object({
        schema: jsonSchema<{ ok: boolean }>({ type: "object", properties: { ok: { type: "boolean" } } }),
      }),
    });
    expect(result.output).toEqual({ ok: true });
    const body = anthropic.requests[0]?.body as { tools?: Array<{ name: string }> };
    expect(body.tools?.[0]?.name).toBe("json");
  });

  it("uses scripted functions, tracks concurrency, and close() frees hung requests", async () => {
    const fake = await startFakeOpenAI();
    fake.script(reply.hang());
    fake.setFallback((request) => reply.text(`seen ${request.seq}`, { delayMs: 30 }));
    const hung = fetch(`${fake.url}/chat/completions`, { method: "POST", body: "{}" }).then(
      () => "answered",
      () => "dropped",
    );
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`${fake.url}/chat/completions`, { method: "POST", body: "{}" }).then(
          (r) => r.json() as Promise<{ choices: Array<{ message: { content: string } }> }>,
        ),
      ),
    );
    expect(answers.map((a) => a.choices[0]?.message.content).sort()).toEqual(["seen 2", "seen 3", "seen 4"]);
    expect(fake.stats().maxInFlight).toBe(4);
    expect(fake.pending()).toBe(0);
    const started = Date.now();
    await fake.close();
    expect(await hung).toBe("dropped");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
  it("paces a streamed answer with intervalMs and stops when the client goes away", async () => {
    const fake = await startFakeOpenAI();
    fake.setFallback(reply.text("x".repeat(24 * 40), { intervalMs: 40 }));
    const controller = new AbortController();
    // Timed from before the request: the fake cannot send faster than its pace, however late this process reads.
    const started = performance.now();
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ stream: true }),
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    while ((text.match(/"content":"x+"/g) ?? []).length < 3) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    // Three text events after the role event: at least three intervals went by.
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 40 - 5);
    controller.abort();
    await expect.poll(() => fake.stats().inFlight).toBe(0);
    await fake.close();
  });
});
