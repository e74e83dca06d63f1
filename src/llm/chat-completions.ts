import { StringDecoder } from "node:string_decoder";
import { APICallError } from "ai";
import { createParser } from "eventsource-parser";
import { request } from "undici";
import type { LlmOutcome, Metrics } from "../observability/metrics.ts";
import type { LlmConfig } from "./model-config.ts";

/**
 * A streamed chat completion from an OpenAI-compatible endpoint, read without the AI SDK's stream pipeline. Used
 * only for text-only chat replies on LLM_PROVIDER=openai-compatible; every other provider and path keeps the SDK.
 *
 * Why: with a thousand replies streaming, every relayed chunk went through the response's web stream, a
 * TextDecoderStream, the event-source parser's stream, a JSON parse plus a zod validation of the chunk, the
 * provider's TransformStream and the metrics middleware's stream before our own code saw it. In the profile of 200
 * concurrent replies (docs/benchmarks.md) that pipeline was about a third of the event loop's busy time. Here the
 * body is a Node stream decoded in place, the same event-source parser is fed by callback, and a chunk is read with
 * a cheap shape check: only `choices[0].delta.content`, tool-call deltas, `usage` and `error` are looked at.
 *
 * The request is what the SDK's openai-compatible provider sends for a text-only prompt (model, messages, max_tokens,
 * stream, stream_options.include_usage); errors are the SDK's kinds (APICallError with status and headers for an
 * HTTP failure, the socket error for a lost connection), so retries and problem mapping are unchanged.
 */

export interface ChatCompletionsEndpoint {
  /** `${baseURL}/chat/completions` */
  url: string;
  headers: Record<string, string>;
  model: string;
  /** Counted as the metrics middleware counts SDK calls (observe.ts). */
  metrics?: Metrics | undefined;
  provider: string;
}

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatCompletionHandlers {
  text: (delta: string) => Promise<void>;
  /** A tool call although none was offered: reported once the stream has ended, as the SDK does. */
  toolCall: (call: { id: string; name: string; args: unknown }) => Promise<void>;
}

/** The endpoint for LLM_PROVIDER=openai-compatible, or undefined for every other provider. */
export function chatCompletionsEndpoint(
  llm: LlmConfig,
  model: string,
  metrics?: Metrics,
): ChatCompletionsEndpoint | undefined {
  if (llm.provider !== "openai-compatible" || !llm.openaiBaseUrl) return undefined;
  return {
    url: `${llm.openaiBaseUrl.replace(/\/+$/, "")}/chat/completions`,
    headers: {
      "content-type": "application/json",
      ...(llm.openaiApiKey ? { authorization: `Bearer ${llm.openaiApiKey}` } : {}),
    },
    model,
    metrics,
    provider: llm.provider,
  };
}

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

interface PendingToolCall {
  id: string;
  name: string;
  args: string;
}

/** A chunk as far as a text reply needs it; anything else in it is ignored. */
interface Chunk {
  choices?: Array<{
    delta?: {
      content?: unknown;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    } | null;
  }>;
  usage?: Usage | null;
  error?: unknown;
}

/** A chunk that is not JSON, or an `error` chunk: the upstream broke off the answer. */
export class UpstreamStreamError extends Error {
  override name = "UpstreamStreamError";
}

/** Streams one completion; resolves when the upstream ends the stream, rejects on any failure. */
export async function streamChatCompletion(
  endpoint: ChatCompletionsEndpoint,
  call: { messages: ChatTurn[]; signal: AbortSignal; maxOutputTokens?: number },
  on: ChatCompletionHandlers,
): Promise<void> {
  const started = performance.now();
  let usage: Usage | undefined;
  try {
    usage = await readCompletion(endpoint, call, on);
  } catch (error) {
    record(endpoint, started, outcomeOf(error, call.signal));
    throw error;
  }
  record(endpoint, started, "success", usage);
}

async function readCompletion(
  endpoint: ChatCompletionsEndpoint,
  call: { messages: ChatTurn[]; signal: AbortSignal; maxOutputTokens?: number },
  on: ChatCompletionHandlers,
): Promise<Usage | undefined> {
  const requestBody = {
    model: endpoint.model,
    ...(call.maxOutputTokens ? { max_tokens: call.maxOutputTokens } : {}),
    messages: call.messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  const response = await request(endpoint.url, {
    method: "POST",
    headers: endpoint.headers,
    body: JSON.stringify(requestBody),
    signal: call.signal,
  });
  const { body } = response;
  if (response.statusCode < 200 || response.statusCode > 299) {
    const text = await body.text().catch(() => "");
    throw new APICallError({
      message: `HTTP ${response.statusCode}`,
      url: endpoint.url,
      requestBodyValues: requestBody,
      statusCode: response.statusCode,
      responseHeaders: headerRecord(response.headers),
      responseBody: text,
    });
  }
  let usage: Usage | undefined;
  let failure: Error | undefined;
  // Deltas are handed on in order, one at a time: the caller's back-pressure (a slow client) holds the reading.
  const deltas: string[] = [];
  const toolCalls = new Map<number, PendingToolCall>();
  const parser = createParser({
    onEvent(event) {
      if (failure || event.data === "[DONE]") return;
      let chunk: Chunk;
      try {
        chunk = JSON.parse(event.data) as Chunk;
      } catch {
        failure = new UpstreamStreamError("the upstream sent a chunk that is not JSON");
        return;
      }
      if (typeof chunk !== "object" || chunk === null) return;
      if (chunk.error !== undefined) {
        failure = new UpstreamStreamError(`the upstream reported an error mid-stream: ${errorText(chunk.error)}`);
        return;
      }
      if (chunk.usage) usage = chunk.usage;
      const delta = chunk.choices?.[0]?.delta;
      if (!delta) return;
      if (typeof delta.content === "string" && delta.content) deltas.push(delta.content);
      for (const part of delta.tool_calls ?? []) collectToolCall(toolCalls, part);
    },
  });
  // undici's body yields Buffers whatever its encoding; a chunk may end inside a character.
  const decoder = new StringDecoder("utf8");
  try {
    for await (const bytes of body as AsyncIterable<Buffer>) {
      parser.feed(decoder.write(bytes));
      // What came before a failure in the same read is handed on first, as it arrived.
      for (const delta of deltas.splice(0)) await on.text(delta);
      if (failure) throw failure;
    }
  } finally {
    // Leaving early (an error, a client that went away): the upstream request is not read any further.
    if (!body.readableEnded) body.destroy();
  }
  for (const pending of toolCalls.values()) {
    await on.toolCall({ id: pending.id, name: pending.name, args: parseToolInput(pending.args) });
  }
  return usage;
}

/** Tool-call deltas arrive in pieces keyed by index: the first names the call, later ones add to its arguments. */
function collectToolCall(
  toolCalls: Map<number, PendingToolCall>,
  part: { index?: number; id?: string; function?: { name?: string; arguments?: string } },
): void {
  const index = part.index ?? toolCalls.size;
  const pending = toolCalls.get(index) ?? { id: part.id ?? `call_${index}`, name: "", args: "" };
  if (part.id) pending.id = part.id;
  if (part.function?.name) pending.name = part.function.name;
  if (part.function?.arguments) pending.args += part.function.arguments;
  toolCalls.set(index, pending);
}

/** A tool call's arguments as the SDK reports them: the parsed JSON, or the text when it does not parse. */
export function parseToolInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

function errorText(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message).slice(0, 200);
  return String(error).slice(0, 200);
}

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function outcomeOf(error: unknown, signal: AbortSignal): LlmOutcome {
  if (signal.aborted) return (signal.reason as Error | undefined)?.name === "TimeoutError" ? "timeout" : "aborted";
  return error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error";
}

function record(endpoint: ChatCompletionsEndpoint, started: number, outcome: LlmOutcome, usage?: Usage): void {
  const { metrics, provider } = endpoint;
  if (!metrics) return;
  metrics.llmCalls.inc({ provider, outcome });
  metrics.llmDuration.observe({ provider, outcome }, (performance.now() - started) / 1000);
  if (usage?.prompt_tokens) metrics.llmTokens.inc({ provider, kind: "input" }, usage.prompt_tokens);
  if (usage?.completion_tokens) metrics.llmTokens.inc({ provider, kind: "output" }, usage.completion_tokens);
}
