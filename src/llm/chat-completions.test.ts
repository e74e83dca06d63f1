import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APICallError } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../observability/metrics.ts";
import { type ChatCompletionsEndpoint, streamChatCompletion, UpstreamStreamError } from "./chat-completions.ts";
import { classifyLlmError } from "./resilience.ts";

/** What the loopback upstream does with the next request: raw body pieces (each written separately), or a status. */
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let lastBody: unknown;
const server = createServer((req, res) => {
  let text = "";
  req.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  req.on("end", () => {
    lastBody = JSON.parse(text);
    answer(req, res);
  });
});
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const sendPieces = (pieces: Array<string | Buffer>) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const piece of pieces) res.write(piece);
  res.end();
};

async function run(endpoint: Partial<ChatCompletionsEndpoint> = {}) {
  const texts: string[] = [];
  const tools: unknown[] = [];
  await streamChatCompletion(
    { url, headers: { "content-type": "application/json" }, model: "m1", provider: "openai-compatible", ...endpoint },
    { messages: [{ role: "user", content: "hi" }], signal: new AbortController().signal, maxOutputTokens: 50 },
    {
      text: async (delta) => {
        texts.push(delta);
      },
      toolCall: async (call) => {
        tools.push(call);
      },
    },
  );
  return { texts, tools };
}

describe("streamChatCompletion (OpenAI-compatible chat completions, read directly)", () => {
  it("sends the SDK's request for a text-only prompt and hands on text deltas in order, split characters too", async () => {
    const text = frame({ choices: [{ index: 0, delta: { content: "naïve café" } }] });
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from("ï")) + 1; // inside the two bytes of ï
    answer = sendPieces([
      frame({ choices: [{ index: 0, delta: { role: "assistant", content: "" } }] }),
      bytes.subarray(0, cut),
      bytes.subarray(cut),
      ": comment\n\n",
      frame({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
      frame({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3 } }),
      "data: [DONE]\n\n",
    ]);
    const metrics = createMetrics();
    const { texts } = await run({ metrics });
    expect(texts.join("")).toBe("naïve café");
    expect(lastBody).toEqual({
      model: "m1",
      max_tokens: 50,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const exposed = await metrics.registry.metrics();
    expect(exposed).toMatch(/llm_calls_total\{provider="openai-compatible",outcome="success"\} 1/);
    expect(exposed).toMatch(/llm_tokens_total\{provider="openai-compatible",kind="input"\} 7/);
  });

  it("collects a tool call's pieces and reports it when the stream ends", async () => {
    answer = sendPieces([
      frame({
        choices: [{ delta: { tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: '{"a"' } }] } }],
      }),
      frame({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: ":1}" } }] } }] }),
      "data: [DONE]\n\n",
    ]);
    expect((await run()).tools).toEqual([{ id: "call_1", name: "f", args: { a: 1 } }]);
  });

  it("fails with an APICallError carrying the status and retry-after, so retries work as with the SDK", async () => {
    answer = (_req, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "2" });
      res.end(JSON.stringify({ error: { message: "slow down" } }));
    };
    const error = await run().catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(classifyLlmError(error)).toMatchObject({ kind: "retryable", status: 429, retryAfterMs: 2000 });
  });

  it("fails on an error chunk or a chunk that is not JSON, after the text before it", async () => {
    for (const bad of [frame({ error: { message: "overloaded" } }), "data: {not json\n\n"]) {
      const texts: string[] = [];
      answer = sendPieces([frame({ choices: [{ delta: { content: "Hi" } }] }), bad]);
      const error = await streamChatCompletion(
        { url, headers: {}, model: "m1", provider: "openai-compatible" },
        { messages: [], signal: new AbortController().signal },
        { text: async (d) => void texts.push(d), toolCall: async () => {} },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamStreamError);
      expect(texts).toEqual(["Hi"]);
    }
  });
});
