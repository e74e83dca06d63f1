import {
  type AnswerReply,
  collectText,
  type FakeUpstream,
  type FakeUsage,
  type Flavor,
  type IdSource,
  isRecord,
  pieces,
  sse,
  startFakeUpstream,
} from "./fake-server.ts";

/**
 * Fake Anthropic Messages upstream (`POST /v1/messages`), JSON and SSE (message_start, content_block_start,
 * content_block_delta with text_delta / input_json_delta, content_block_stop, message_delta, message_stop), text,
 * tool_use blocks, structured output and usage. Errors use Anthropic's `{type:"error", error:{type,message}}` body;
 * `reply.overloaded()` answers 529.
 *
 *   const fake = await startFakeAnthropic();
 *   fake.script(reply.json({...}));
 *   // config: ANTHROPIC_BASE_URL = fake.url, ANTHROPIC_API_KEY = "test-key"
 */

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown };

function modelOf(body: unknown): string {
  return isRecord(body) && typeof body.model === "string" ? body.model : "fake-claude";
}

/**
 * The AI SDK asks Anthropic for structured output either natively (`output_config.format`, answer as text) or, for
 * models without it, by forcing a tool named "json". Answer in whichever form the request asked for.
 */
function wantsJsonTool(body: unknown): boolean {
  if (!isRecord(body) || !Array.isArray(body.tools)) return false;
  return body.tools.some((tool) => isRecord(tool) && tool.name === "json");
}

function blocksOf(reply: AnswerReply, body: unknown, ids: IdSource): Block[] {
  switch (reply.kind) {
    case "text":
      return [{ type: "text", text: reply.text }];
    case "truncate":
      return [{ type: "text", text: reply.text ?? "" }];
    case "json":
      return wantsJsonTool(body)
        ? [{ type: "tool_use", id: ids.next("toolu_"), name: "json", input: reply.value }]
        : [{ type: "text", text: JSON.stringify(reply.value) }];
    case "tool_calls":
      return [
        ...(reply.text ? [{ type: "text" as const, text: reply.text }] : []),
        ...reply.calls.map((call) => ({
          type: "tool_use" as const,
          id: call.id ?? ids.next("toolu_"),
          name: call.name,
          input: call.args,
        })),
      ];
  }
}

const stopReason = (blocks: Block[]) => (blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");

const anthropicFlavor: Flavor = {
  name: "anthropic",
  path: "/v1/messages",
  isStream: (body) => isRecord(body) && body.stream === true,
  promptText: (body) => (isRecord(body) ? [...collectText(body.system), ...collectText(body.messages)].join("\n") : ""),

  renderJson(reply, body, usage: FakeUsage, ids) {
    const content = blocksOf(reply, body, ids);
    return {
      id: ids.next("msg_"),
      type: "message",
      role: "assistant",
      model: modelOf(body),
      content,
      stop_reason: stopReason(content),
      stop_sequence: null,
      usage: { input_tokens: usage.input_tokens, output_tokens: usage.output_tokens },
    };
  },

  renderStream(reply, body, usage, ids) {
    const blocks = blocksOf(reply, body, ids);
    const frames = [
      sse(
        {
          type: "message_start",
          message: {
            id: ids.next("msg_"),
            type: "message",
            role: "assistant",
            model: modelOf(body),
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
          },
        },
        "message_start",
      ),
      sse({ type: "ping" }, "ping"),
    ];
    blocks.forEach((block, index) => {
      if (block.type === "text") {
        frames.push(
          sse({ type: "content_block_start", index, content_block: { type: "text", text: "" } }, "content_block_start"),
        );
        for (const piece of pieces(block.text)) {
          frames.push(
            sse(
              { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } },
              "content_block_delta",
            ),
          );
        }
      } else {
        frames.push(
          sse(
            {
              type: "content_block_start",
              index,
              content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
            },
            "content_block_start",
          ),
        );
        for (const piece of pieces(JSON.stringify(block.input))) {
          frames.push(
            sse(
              { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } },
              "content_block_delta",
            ),
          );
        }
      }
      frames.push(sse({ type: "content_block_stop", index }, "content_block_stop"));
    });
    frames.push(
      sse(
        {
          type: "message_delta",
          delta: { stop_reason: stopReason(blocks), stop_sequence: null },
          usage: { output_tokens: usage.output_tokens },
        },
        "message_delta",
      ),
      sse({ type: "message_stop" }, "message_stop"),
    );
    return frames;
  },

  renderError(reply) {
    const type =
      reply.errorType ??
      (reply.status === 429 ? "rate_limit_error" : reply.status >= 500 ? "api_error" : "invalid_request_error");
    return { type: "error", error: { type, message: reply.message ?? `fake error ${reply.status}` } };
  },
};

export function startFakeAnthropic(): Promise<FakeUpstream> {
  return startFakeUpstream(anthropicFlavor);
}

export type { FakeReply, FakeUpstream, Recorded, ScriptItem } from "./fake-server.ts";
export { reply } from "./fake-server.ts";
