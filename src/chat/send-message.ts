import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { conversations } from "../db/schema.ts";
import { AppError, type ProblemDetails, toProblem } from "../errors.ts";
import { newId } from "../ids.ts";
import { errorLogFields } from "../logger.ts";
import type { PersonaRow } from "../personas/store.ts";
import { findInterviewer } from "../prd/interviewers.ts";
import { extendSummary, fitToBudget } from "./history.ts";
import type { ReplyEvent } from "./responders/types.ts";
import {
  CHAT_LIMITS,
  type MessageQuestion,
  type MessageResource,
  type MessageStatus,
  type MessageTranscript,
} from "./schemas.ts";
import { knownSpeaker, loadSpeaker, responderFor } from "./speaker.ts";
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
  const { conversation, userSeq, history, persona } = await beginReplyRows(ctx.database, ctx.tenantId, conversationId, {
    userMessageId,
    assistantMessageId,
    content,
    meta: transcript ? { transcript } : {},
    at,
  });
  if (userSeq === null) {
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
        { history, persona },
        options,
      ),
  };
}

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
  /** Read by the statement that began the reply (see beginReplyRows). */
  started: { history: MessageRow[]; persona: PersonaRow | undefined },
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
    // Nothing below waits when it has nothing to wait for (the first event is never held by back-pressure, a persona
    // came with the statement, the summary only changes when the history outgrew its budget, the model's responder
    // is built once): a persona reply then sends its model request before the SSE response has even left the route,
    // and the middleware, the headers and this first event are handled while the model works, not before it starts.
    void send({
      type: "message",
      conversation_id: conversation.id,
      user_message_id: ids.userMessageId,
      assistant_message_id: ids.assistantMessageId,
      ...(ids.transcript ? { transcript: { text: ids.content, ...ids.transcript } } : {}),
    });
    // The history and a persona speaker came with the statement that began the reply; only a project's
    // speaker (the interviewer and the PRD, which changes between replies) is read here.
    const speaker = knownSpeaker(conversation, started.persona) ?? (await loadSpeaker(ctx, conversation));
    const { history } = started;
    const { trimmed } = fitToBudget(history);
    const summary = trimmed.length > 0 ? await updateSummary(ctx, conversation, trimmed) : conversation.summary;
    const lastAssistant = [...history].reverse().find((m) => m.role === "assistant");
    const pendingQuestion = lastAssistant?.question ?? undefined;
    await responderFor(ctx, speaker).respond({
      ctx,
      conversation,
      speaker,
      history,
      summary,
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

/** Folds messages that no longer fit the history budget (`trimmed`, oldest first) into the stored summary. */
async function updateSummary(ctx: Ctx, conversation: ConversationRow, trimmed: MessageRow[]): Promise<string | null> {
  const last = trimmed[trimmed.length - 1];
  if (!last) return conversation.summary;
  const summary = extendSummary(conversation.summary, trimmed);
  await ctx.database.db
    .update(conversations)
    .set({ summary, summaryThrough: last.seq })
    .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.id, conversation.id)));
  return summary;
}
