import { hasToolCall, jsonSchema, type ModelMessage, stepCountIs, streamText, type ToolSet, tool } from "ai";
import { and, eq, inArray } from "drizzle-orm";
import { personas } from "../../db/schema.ts";
import { type ChatCompletionsEndpoint, parseToolInput, streamChatCompletion } from "../../llm/chat-completions.ts";
import type { ResolvedLanguageModel } from "../../llm/providers.ts";
import { type RetryPolicy, toUpstreamAppError, withLlmResilience } from "../../llm/resilience.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { fitToBudget } from "../history.ts";
import { interviewerSystemPrompt, personaSystemPrompt } from "../prompts.ts";
import { CHAT_LIMITS } from "../schemas.ts";
import type { MessageRow } from "../store.ts";
import { TOOL_NAMES, TOOLS, toolJsonSchema } from "../tools.ts";
import type { Responder, ResponderInput } from "./types.ts";

/** Past turns as model messages; tool activity is summarised in text so any provider accepts the history. */
function toModelMessages(history: MessageRow[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const m of history) {
    if (m.role === "user") {
      out.push({ role: "user", content: m.content });
      continue;
    }
    const tools = m.toolResults.map((r) => `${r.name}: ${r.ok ? "ok" : `failed (${r.error ?? "error"})`}`);
    const question = m.question
      ? `\n[asked: ${m.question.question} ${m.question.options.map((o) => `${o.key}) ${o.label}`).join(" ")}]`
      : "";
    const text = `${m.content}${tools.length ? `\n[tools used: ${tools.join("; ")}]` : ""}${question}`.trim();
    // Providers reject empty assistant turns (a reply cut before its first word).
    if (text) out.push({ role: "assistant", content: text });
  }
  return out;
}

type ModelV3 = Extract<ResolvedLanguageModel, { specificationVersion: "v3" }>;
type V3Prompt = Parameters<ModelV3["doStream"]>[0]["prompt"];

/** The conversation's text turns as chat-completions messages (text-only turns, which is all chat sends). */
function textTurns(messages: ModelMessage[]): Array<{ role: "user" | "assistant"; content: string }> {
  return messages.flatMap((m) =>
    (m.role === "user" || m.role === "assistant") && typeof m.content === "string"
      ? [{ role: m.role, content: m.content }]
      : [],
  );
}

/** The same conversation in the model interface's own prompt format (text-only turns, which is all chat sends). */
function toV3Prompt(system: string, messages: ModelMessage[]): V3Prompt {
  const prompt: V3Prompt = [{ role: "system", content: system }];
  for (const m of messages) {
    if ((m.role === "user" || m.role === "assistant") && typeof m.content === "string") {
      prompt.push({ role: m.role, content: [{ type: "text", text: m.content }] });
    }
  }
  return prompt;
}

/**
 * A reply without tools, streamed straight from the model interface (\`doStream\`) rather than through streamText:
 * streamText re-validates the prompt with zod and layers half a dozen web streams (tee, tool transform, stitching)
 * over the provider's stream, which a text-only reply does not use; under a thousand concurrent replies that was
 * most of the per-reply memory and CPU. Errors, aborts and the provider's own parsing are unchanged.
 */
async function streamTextOnly(
  model: ModelV3,
  call: { system: string; messages: ModelMessage[]; signal: AbortSignal; maxOutputTokens?: number },
  on: {
    text: (delta: string) => Promise<void>;
    /** A tool call although none was offered (streamText reported these as a tool-call and a tool-error). */
    toolCall: (call: { id: string; name: string; args: unknown }) => Promise<void>;
  },
): Promise<void> {
  const { stream } = await model.doStream({
    prompt: toV3Prompt(call.system, call.messages),
    abortSignal: call.signal,
    ...(call.maxOutputTokens ? { maxOutputTokens: call.maxOutputTokens } : {}),
  });
  const reader = stream.getReader();
  let ended = false;
  try {
    for (;;) {
      const { value: part, done } = await reader.read();
      if (done) {
        ended = true;
        return;
      }
      if (part.type === "text-delta") {
        if (part.delta) await on.text(part.delta);
      } else if (part.type === "tool-call") {
        await on.toolCall({ id: part.toolCallId, name: part.toolName, args: parseToolInput(part.input) });
      } else if (part.type === "error") {
        throw part.error;
      }
    }
  } finally {
    // Leaving early (an error part, a client that went away): the upstream request is not read any further.
    if (!ended) reader.cancel().catch(() => {});
  }
}

function toolSet(input: ResponderInput): ToolSet {
  const tools: ToolSet = {};
  for (const name of TOOL_NAMES) {
    tools[name] = tool({
      description: TOOLS[name].description,
      // No validation here: executeTool validates with the zod schema, so a malformed call is stored and reported
      // with the same message whichever engine made it.
      inputSchema: jsonSchema<unknown>(toolJsonSchema(name) as Parameters<typeof jsonSchema>[0]),
      execute: async (args: unknown, { toolCallId }) => {
        const outcome = await input.runTool({ id: toolCallId, name, args });
        if (!outcome.ok) throw new Error(outcome.error);
        return outcome.result;
      },
    });
  }
  return tools;
}

async function linkedPersonas(input: ResponderInput, ids: string[]): Promise<PersonaRow[]> {
  if (ids.length === 0) return [];
  return input.ctx.database.db
    .select()
    .from(personas)
    .where(and(eq(personas.tenantId, input.ctx.tenantId), inArray(personas.id, ids)));
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface LlmResponderOptions {
  model: ResolvedLanguageModel;
  label: string;
  policy?: Partial<RetryPolicy>;
  /** Output limit per model call (LLM_MAX_OUTPUT_TOKENS); unset leaves the provider's default. */
  maxOutputTokens?: number;
  /** Set for LLM_PROVIDER=openai-compatible: text-only replies are read from it directly (chat-completions.ts). */
  chatCompletions?: ChatCompletionsEndpoint | undefined;
}

/**
 * The LLM responder: streamText with the persona or interviewer system prompt, the history trimmed to the token
 * budget (with the summary of what was trimmed), and — for interviewers — the tools, for at most
 * CHAT_LIMITS.toolStepsPerReply steps, ending the turn when the model asks the user a question.
 * A failure before anything was streamed is retried (bounded, honouring retry-after); after that it is final.
 */
export function createLlmResponder(options: LlmResponderOptions): Responder {
  return {
    engine: "llm",
    async respond(input) {
      const { speaker } = input;
      const window = fitToBudget(input.history);
      const system =
        speaker.kind === "persona"
          ? personaSystemPrompt(speaker.persona, {
              ...(speaker.project ? { project: speaker.project } : {}),
              summary: input.summary,
            })
          : interviewerSystemPrompt(speaker.interviewer, speaker.project, {
              personas: await linkedPersonas(input, speaker.project.personaIds),
              summary: input.summary,
            });
      const userText = input.answer
        ? `${input.userText}\n[answer to "${input.pendingQuestion?.question ?? ""}": ${input.answer.key}) ${input.answer.label}]`
        : input.userText;
      const messages: ModelMessage[] = [...toModelMessages(window.kept), { role: "user", content: userText }];
      const tools = speaker.kind === "interviewer" ? toolSet(input) : undefined;

      await withLlmResilience(
        async ({ signal }) => {
          let streamed = false;
          try {
            if (!tools && (options.chatCompletions || options.model.specificationVersion === "v3")) {
              const on = {
                text: async (delta: string) => {
                  streamed = true;
                  await input.emit({ type: "text", delta });
                },
                toolCall: async (call: { id: string; name: string; args: unknown }) => {
                  streamed = true;
                  await input.emit({ type: "tool_call", ...call });
                  // runTool stores the refusal (no tools in this conversation) and answers it.
                  const outcome = await input.runTool(call);
                  const error = outcome.ok ? `no tool ${call.name} in this conversation` : outcome.error;
                  await input.emit({ type: "tool_result", id: call.id, name: call.name, ok: false, error });
                },
              };
              const call = {
                system,
                messages,
                signal,
                ...(options.maxOutputTokens ? { maxOutputTokens: options.maxOutputTokens } : {}),
              };
              if (options.chatCompletions) {
                const turns = [{ role: "system" as const, content: system }, ...textTurns(messages)];
                await streamChatCompletion(options.chatCompletions, { ...call, messages: turns }, on);
              } else if (options.model.specificationVersion === "v3") {
                await streamTextOnly(options.model, call, on);
              }
              return;
            }
            const result = streamText({
              model: options.model,
              system,
              messages,
              ...(tools
                ? { tools, stopWhen: [stepCountIs(CHAT_LIMITS.toolStepsPerReply), hasToolCall("ask_user_question")] }
                : {}),
              abortSignal: signal,
              maxRetries: 0,
              ...(options.maxOutputTokens ? { maxOutputTokens: options.maxOutputTokens } : {}),
              // Errors arrive as stream parts and are handled below; the SDK's default would print them to the console.
              onError: () => {},
            });
            for await (const part of result.fullStream) {
              switch (part.type) {
                case "text-delta":
                  if (!part.text) break;
                  streamed = true;
                  await input.emit({ type: "text", delta: part.text });
                  break;
                case "tool-call":
                  streamed = true;
                  await input.emit({ type: "tool_call", id: part.toolCallId, name: part.toolName, args: part.input });
                  break;
                case "tool-result":
                  await input.emit({
                    type: "tool_result",
                    id: part.toolCallId,
                    name: part.toolName,
                    ok: true,
                    result: part.output,
                  });
                  break;
                case "tool-error": {
                  // Calls the SDK refused itself (unparsable JSON, unknown tool) never reached executeTool: runTool stores
                  // them now (it answers from its record for calls it already ran).
                  const outcome = await input.runTool({ id: part.toolCallId, name: part.toolName, args: part.input });
                  const error = outcome.ok ? errorMessage(part.error) : outcome.error;
                  await input.emit({ type: "tool_result", id: part.toolCallId, name: part.toolName, ok: false, error });
                  break;
                }
                case "error":
                  throw part.error;
                case "abort":
                  throw signal.reason ?? new DOMException("aborted", "AbortError");
                default:
                  break;
              }
            }
          } catch (error) {
            // Half an answer cannot be replayed: once something reached the client the failure is final.
            if (streamed && !signal.aborted) throw toUpstreamAppError(error, { label: options.label });
            throw error;
          }
        },
        {
          signal: input.signal,
          label: options.label,
          policy: { maxAttempts: 3, timeoutMs: CHAT_LIMITS.replyTimeoutMs, ...options.policy },
          onRetry: (event) => input.ctx.log.warn({ ...event }, "llm chat retry"),
        },
      );
    },
  };
}
