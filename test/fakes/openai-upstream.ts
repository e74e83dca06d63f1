import {
  type AnswerReply,
  collectText,
  type FakeUpstream,
  type Flavor,
  type IdSource,
  isRecord,
  pieces,
  sse,
  startFakeUpstream,
} from "./fake-server.ts";

/**
 * Fake OpenAI Chat Completions upstream (`POST /v1/chat/completions`), JSON and `stream: true` SSE, text, structured
 * output (JSON as message text), tool calls and usage. Also serves the openai-compatible provider (same wire format).
 *
 *   const fake = await startFakeOpenAI();
 *   fake.script(reply.json({...}), reply.rateLimited(0.05), reply.text("hi"));
 *   // config: OPENAI_BASE_URL = fake.url, OPENAI_API_KEY = "test-key"
 *   expect(fake.requests).toHaveLength(1);
 *   await fake.close();
 */

const created = () => Math.floor(Date.now() / 1000);

function modelOf(body: unknown): string {
  return isRecord(body) && typeof body.model === "string" ? body.model : "fake-model";
}

function contentOf(reply: AnswerReply): string | null {
  switch (reply.kind) {
    case "text":
      return reply.text;
    case "json":
      return JSON.stringify(reply.value);
    case "tool_calls":
      return reply.text ?? null;
    case "truncate":
      return reply.text ?? "";
  }
}

function usageOf(usage: { input_tokens: number; output_tokens: number }) {
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.input_tokens + usage.output_tokens,
  };
}

const openaiFlavor: Flavor = {
  name: "openai",
  path: "/v1/chat/completions",
  isStream: (body) => isRecord(body) && body.stream === true,
  promptText: (body) => (isRecord(body) ? collectText(body.messages).join("\n") : ""),

  renderJson(reply, body, usage, ids) {
    const toolCalls =
      reply.kind === "tool_calls"
        ? reply.calls.map((call) => ({
            id: call.id ?? ids.next("call_"),
            type: "function",
            function: { name: call.name, arguments: JSON.stringify(call.args) },
          }))
        : undefined;
    return {
      id: ids.next("chatcmpl-"),
      object: "chat.completion",
      created: created(),
      model: modelOf(body),
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: contentOf(reply), ...(toolCalls ? { tool_calls: toolCalls } : {}) },
          finish_reason: toolCalls ? "tool_calls" : "stop",
        },
      ],
      usage: usageOf(usage),
    };
  },

  renderStream(reply, body, usage, ids: IdSource) {
    const id = ids.next("chatcmpl-");
    const model = modelOf(body);
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      sse({
        id,
        object: "chat.completion.chunk",
        created: created(),
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    const frames = [chunk({ role: "assistant", content: "" })];
    const content = contentOf(reply);
    if (content) for (const piece of pieces(content)) frames.push(chunk({ content: piece }));
    if (reply.kind === "tool_calls") {
      reply.calls.forEach((call, index) => {
        frames.push(
          chunk({
            tool_calls: [
              {
                index,
                id: call.id ?? ids.next("call_"),
                type: "function",
                function: { name: call.name, arguments: "" },
              },
            ],
          }),
        );
        for (const piece of pieces(JSON.stringify(call.args))) {
          frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
        }
      });
    }
    frames.push(chunk({}, reply.kind === "tool_calls" ? "tool_calls" : "stop"));
    const wantsUsage = isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true;
    if (wantsUsage) {
      frames.push(
        sse({ id, object: "chat.completion.chunk", created: created(), model, choices: [], usage: usageOf(usage) }),
      );
    }
    frames.push(sse("[DONE]"));
    return frames;
  },

  renderError(reply) {
    return {
      error: {
        message: reply.message ?? `fake error ${reply.status}`,
        type: reply.errorType ?? (reply.status >= 500 ? "server_error" : "invalid_request_error"),
        param: null,
        code: null,
      },
    };
  },
};

export function startFakeOpenAI(): Promise<FakeUpstream> {
  return startFakeUpstream(openaiFlavor);
}

export type { FakeReply, FakeUpstream, Recorded, ScriptItem } from "./fake-server.ts";
export { reply } from "./fake-server.ts";
