import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { conversations } from "../db/schema.ts";
import { AppError, type ProblemDetails, toProblem } from "../errors.ts";
import { newId } from "../ids.ts";
import { type EarlyCompletion, earlyCompletionsOpen } from "../llm/chat-completions.ts";
import { errorLogFields } from "../logger.ts";
import type { PersonaRow } from "../personas/store.ts";
import { findInterviewer } from "../prd/interviewers.ts";
import { extendSummary, fitToBudget } from "./history.ts";
import { rememberConversation, takeKnownConversation } from "./known.ts";
import type { ReplyEvent } from "./responders/types.ts";
import {
  CHAT_LIMITS,
  type MessageQuestion,
  type MessageResource,
  type MessageStatus,
  type MessageTranscript,
} from "./schemas.ts";
import { builtLlmResponder, loadSpeaker, responderFor } from "./speaker.ts";
import {
  appendToolRecord,
  beginReplyRows,
  type ConversationRow,
  endReplyRows,
  type MessageRow,
  presentMessage,
  renewLease,
} from "./store.ts";
import { executeTool, type ToolOutcome } from "./tools.ts";

/** Everything a reply streams, in order: message, then text/tool_call/tool_result/question, then error?, done. */
export type StreamEvent =
  | {
      type: "message";
      conversation_id: string;
      user_message_id: string;
      assistant_message_id: string;
      /** Spoken messages: what was heard, which is the user message's content. */
      transcript?: MessageTranscript & { text: string };
    }
  | ReplyEvent
  | { type: "error"; problem: ProblemDetails }
  | { type: "done"; message_id: string; status: MessageStatus };

export interface ReplyOutcome {
  user: MessageResource;
  assistant: MessageResource;
  error?: AppError;
}

export interface PendingReply {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
  run(options?: { emit?: (event: StreamEvent) => Promise<void>; signal?: AbortSignal }): Promise<ReplyOutcome>;
}

/** "A", "b)", "(C)", "option d", or the label itself. */
export function resolveAnswer(text: string, question: MessageQuestion | null | undefined) {
  if (!question) return undefined;
  const m = /^\s*(?:option\s+)?\(?([a-h])\)?[.):]?\s*$/i.exec(text) ?? /^\s*\(?([a-h])\)\s+\S/i.exec(text);
  const key = m?.[1]?.toUpperCase();
  const byKey = key ? question.options.find((o) => o.key === key) : undefined;
  if (byKey) return byKey;
  const wanted = text.trim().toLowerCase();
  return question.options.find((o) => o.label.toLowerCase() === wanted);
}

/**
 * Starts a reply: checks the conversation, takes its streaming lease (409 while another reply streams, on any
 * node) and stores the user message with an assistant placeholder (status incomplete until the reply ends).
 * Bad input fails here, before anything streams, so SSE clients get a plain problem response.
 */
export async function beginReply({
  ctx,
  conversationId,
  content,
  transcript,
}: {
  ctx: Ctx;
  conversationId: string;
  content: string;
  /** Set when the message was spoken: stored as the user message's `meta.transcript`. */
  transcript?: MessageTranscript;
}): Promise<PendingReply> {
  const at = ctx.clock.now();
  const userMessageId = newId("message");
  const assistantMessageId = newId("message");
  // The model request goes out while the statement runs, when this node can build it (see startEarly).
  const early = startEarly(ctx, conversationId, content);
  let begun: Awaited<ReturnType<typeof beginReplyRows>>;
  try {
    begun = await beginReplyRows(ctx.database, ctx.tenantId, conversationId, {
      userMessageId,
      assistantMessageId,
      content,
      meta: transcript ? { transcript } : {},
      at,
    });
  } catch (error) {
    early?.cancel();
    throw error;
  }
  const { conversation, userSeq, history, persona } = begun;
  if (userSeq === null) {
    early?.cancel();
    throw new AppError(
      "conflict",
      `A reply is still streaming in this conversation; send the next message when it is done (the lease lapses after ${CHAT_LIMITS.leaseSeconds} s if its node died)`,
      { headers: { "Retry-After": "2" } },
    );
  }
  return {
    conversationId: conversation.id,
    userMessageId,
    assistantMessageId,
    run: (options = {}) =>
      runReply(
        ctx,
        conversation,
        { userMessageId, assistantMessageId, userSeq, content, transcript },
        { history, persona, early },
        options,
      ),
  };
}

/**
 * Sends the model request of a reply before the statement that begins it has answered (that round trip was about
 * half of the time to the first text): possible when this node knows the conversation's state (its own last reply
 * left it, see known.ts) and the model's responder can build the request without reading anything. Nothing of its
 * answer is read before the reply has begun; when the statement fails or finds another reply streaming, the request
 * is aborted; when the reply's own request differs (the conversation changed on another node, the persona was
 * edited), the early one is aborted and the right one sent.
 */
function startEarly(ctx: Ctx, conversationId: string, content: string): EarlyCompletion | undefined {
  // Taken out whatever happens next, so that a second message while this reply runs never starts a request.
  const state = takeKnownConversation(ctx.tenantId, conversationId);
  const responder = builtLlmResponder(ctx);
  // A burst of replies (a thousand at once in the streams bench) would have every answer buffered while its
  // statement waits for a connection: the few first ones gain the most, the rest go as before.
  if (!state || !responder?.startEarly || earlyCompletionsOpen() >= EARLY_MAX) return undefined;
  const { history } = state;
  const pendingQuestion = lastAssistantOf(history)?.question ?? undefined;
  return responder.startEarly({
    speaker: { kind: "persona", persona: state.persona },
    history,
    summary: extendSummary(state.conversation.summary, fitToBudget(history).trimmed),
    userText: content,
    answer: resolveAnswer(content, pendingQuestion),
    pendingQuestion,
  });
}

/** Early requests open at once on this node, at most. */
const EARLY_MAX = 8;

const lastAssistantOf = (history: MessageRow[]) => history.findLast((m) => m.role === "assistant");

async function runReply(
  ctx: Ctx,
  conversation: ConversationRow,
  ids: {
    userMessageId: string;
    assistantMessageId: string;
    userSeq: number;
    content: string;
    transcript: MessageTranscript | undefined;
  },
  /** Read by the statement that began the reply (see beginReplyRows), and the model request sent meanwhile. */
  started: { history: MessageRow[]; persona: PersonaRow | undefined; early: EarlyCompletion | undefined },
  options: { emit?: (event: StreamEvent) => Promise<void>; signal?: AbortSignal },
): Promise<ReplyOutcome> {
  const db = ctx.database.db;
  const signal = options.signal ?? new AbortController().signal;
  // A client that went away must not break the reply: its events are dropped, the abort signal does the rest.
  const send = async (event: StreamEvent) => {
    if (!options.emit) return;
    try {
      await options.emit(event);
    } catch {
      // ignored: see above
    }
  };
  const keeper = setInterval(() => {
    renewLease(db, ctx.tenantId, conversation.id).catch(() => {});
  }, CHAT_LIMITS.heartbeatMs);
  keeper.unref?.();

  let text = "";
  let meta: Record<string, unknown> = {};
  let status: MessageStatus = "complete";
  let failure: AppError | undefined;
  let summary: { text: string | null; through?: number } = { text: conversation.summary };
  const outcomes = new Map<string, ToolOutcome>();
  let toolCounter = 0;

  const emit = async (event: ReplyEvent) => {
    if (event.type === "text") text += event.delta;
    await send(event);
    if (event.type === "tool_result" && event.name === "ask_user_question" && event.ok) {
      const question = event.result as MessageQuestion;
      await send({ type: "question", question: question.question, options: question.options });
    }
  };
  const env = { ctx, projectId: conversation.projectId ?? "", messageId: ids.assistantMessageId };
  const runTool = async (call: { id: string; name: string; args: unknown }): Promise<ToolOutcome> => {
    const known = outcomes.get(call.id);
    if (known) return known;
    // Only the built-in interviewers act on the project; personas (chat or interviewee) only talk.
    const mayAct = conversation.projectId && conversation.interviewer && findInterviewer(conversation.interviewer);
    const outcome = mayAct ? await executeTool(env, call) : await rejectTool(ctx, ids.assistantMessageId, call);
    outcomes.set(call.id, outcome);
    return outcome;
  };

  try {
    await send({
      type: "message",
      conversation_id: conversation.id,
      user_message_id: ids.userMessageId,
      assistant_message_id: ids.assistantMessageId,
      ...(ids.transcript ? { transcript: { text: ids.content, ...ids.transcript } } : {}),
    });
    // The history and a persona speaker came with the statement that began the reply; only a project's
    // speaker (the interviewer and the PRD, which changes between replies) is read here.
    const speaker = await loadSpeaker(ctx, conversation, started.persona);
    const { history } = started;
    summary = await updateSummary(ctx, conversation, history);
    const pendingQuestion = lastAssistantOf(history)?.question ?? undefined;
    await responderFor(ctx, speaker).respond({
      ctx,
      conversation,
      speaker,
      history,
      summary: summary.text,
      userText: ids.content,
      answer: resolveAnswer(ids.content, pendingQuestion),
      pendingQuestion,
      signal,
      emit,
      runTool,
      async callTool(name, args, id) {
        const callId = id ?? `call_${ids.assistantMessageId.slice(4, 12)}_${++toolCounter}`;
        await emit({ type: "tool_call", id: callId, name, args });
        const outcome = await runTool({ id: callId, name, args });
        await emit({ type: "tool_result", id: callId, name, ...outcome });
        return outcome;
      },
      setMeta(next) {
        meta = { ...meta, ...next };
      },
      early: started.early,
    });
    if (signal.aborted) status = "incomplete";
  } catch (error) {
    if (signal.aborted) {
      status = "incomplete";
    } else {
      status = "error";
      failure = error instanceof AppError ? error : internal(ctx, error);
      await send({ type: "error", problem: toProblem(failure, ctx.requestId) });
    }
  } finally {
    clearInterval(keeper);
    // Not taken (another responder, a failure before the model call): not read, not left open.
    started.early?.cancel();
  }

  const { assistant, user } = await endReplyRows(ctx.database, ctx.tenantId, conversation.id, {
    assistantMessageId: ids.assistantMessageId,
    userMessageId: ids.userMessageId,
    content: text,
    status,
    meta,
    at: ctx.clock.now(),
  });
  await send({ type: "done", message_id: ids.assistantMessageId, status });
  if (!assistant || !user) throw new AppError("not_found", "The conversation was deleted while the reply was running");
  if (status === "complete" && conversation.kind === "persona" && !conversation.projectId && started.persona) {
    // The state the next reply's statement will read, as far as this node knows (see known.ts).
    const summaryThrough = summary.through ?? conversation.summaryThrough;
    rememberConversation({
      tenantId: ctx.tenantId,
      conversation: { ...conversation, summary: summary.text, summaryThrough },
      history: [...started.history, user, assistant].filter((m) => m.seq > summaryThrough),
      persona: started.persona,
    });
  }
  return { user: presentMessage(user), assistant: presentMessage(assistant), ...(failure ? { error: failure } : {}) };
}

function internal(ctx: Ctx, error: unknown): AppError {
  ctx.log.error(errorLogFields(error), "reply failed");
  return new AppError("internal", "The reply failed on our side; what was said so far is stored with status error");
}

/** Personas have no tools: a model that calls one anyway gets an error back, and the attempt is stored. */
async function rejectTool(
  ctx: Ctx,
  messageId: string,
  call: { id: string; name: string; args: unknown },
): Promise<ToolOutcome> {
  const error = "this conversation has no tools; answer in words";
  await appendToolRecord(ctx.database.db, ctx.tenantId, messageId, call, {
    id: call.id,
    name: call.name,
    ok: false,
    error,
  });
  return { ok: false, error };
}

/** Folds messages that no longer fit the history budget into the stored summary (oldest first). */
async function updateSummary(
  ctx: Ctx,
  conversation: ConversationRow,
  history: MessageRow[],
): Promise<{ text: string | null; through?: number }> {
  const { trimmed } = fitToBudget(history);
  const last = trimmed[trimmed.length - 1];
  if (!last) return { text: conversation.summary };
  const summary = extendSummary(conversation.summary, trimmed);
  await ctx.database.db
    .update(conversations)
    .set({ summary, summaryThrough: last.seq })
    .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.id, conversation.id)));
  return { text: summary, through: last.seq };
}
