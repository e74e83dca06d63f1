import { and, eq, inArray } from "drizzle-orm";
import type { ReplyEvent } from "../chat/responders/types.ts";
import type { MessageStatus } from "../chat/schemas.ts";
import { CHAT_LIMITS } from "../chat/schemas.ts";
import { responderFor } from "../chat/speaker.ts";
import type { ConversationRow, MessageRow } from "../chat/store.ts";
import type { Ctx } from "../context.ts";
import { focusGroupMessages, personas } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError, type ProblemDetails, toProblem } from "../errors.ts";
import { newId } from "../ids.ts";
import { errorLogFields } from "../logger.ts";
import type { PersonaRow } from "../personas/store.ts";
import { FOCUS_GROUP_LIMITS, type FocusGroupMessage, type FocusGroupRound } from "./schemas.ts";
import {
  acquireGroupLease,
  type FocusGroupMessageRow,
  type FocusGroupRow,
  loadFocusGroup,
  loadGroupMessages,
  presentGroupMessage,
  releaseGroupLease,
  renewGroupLease,
} from "./store.ts";

/** What answering a question streams, in order: message, then interleaved text and persona_done, then done. */
export type GroupEvent =
  | {
      type: "message";
      focus_group_id: string;
      question: FocusGroupMessage;
      answers: Array<{ persona_id: string; persona_name: string | null; message_id: string }>;
    }
  | { type: "text"; persona_id: string; delta: string }
  | { type: "persona_done"; persona_id: string; message_id: string; status: MessageStatus; error?: ProblemDetails }
  | {
      type: "done";
      question_id: string;
      answers: Array<{ persona_id: string; message_id: string; status: MessageStatus }>;
    };

export interface PendingRound {
  questionId: string;
  run(options?: { emit?: (event: GroupEvent) => Promise<void>; signal?: AbortSignal }): Promise<RoundOutcome>;
}

export interface RoundOutcome extends FocusGroupRound {
  /** Set when every persona failed: there is no answer to show, so the JSON route answers with this problem. */
  error?: AppError;
}

export const busy = () =>
  new AppError(
    "conflict",
    `The personas are still answering the previous question; ask the next one when they are done (the lease lapses after ${CHAT_LIMITS.leaseSeconds} s if its node died)`,
    { headers: { "Retry-After": "2" } },
  );

interface Seat {
  persona: PersonaRow;
  messageId: string;
}

/**
 * Starts a round: checks the group, takes its lease (409 while another round is being answered, on any node) and
 * stores the question with one placeholder answer per persona that still exists (status incomplete until each is
 * done). Bad input fails here, before anything streams, so SSE clients get a plain problem response.
 */
export async function beginRound({
  ctx,
  groupId,
  content,
}: {
  ctx: Ctx;
  groupId: string;
  content: string;
}): Promise<PendingRound> {
  const db = ctx.database.db;
  const group = await loadFocusGroup(db, ctx.tenantId, groupId);
  if (!(await acquireGroupLease(db, ctx.tenantId, group.id))) throw busy();
  const at = ctx.clock.now();
  try {
    const earlier = await loadGroupMessages(db, ctx.tenantId, group.id);
    if (earlier.filter((m) => m.role === "user").length >= FOCUS_GROUP_LIMITS.maxQuestions) {
      throw new AppError(
        "conflict",
        `This focus group already has ${FOCUS_GROUP_LIMITS.maxQuestions} questions; start a new group to ask more`,
      );
    }
    const rows = await db
      .select()
      .from(personas)
      .where(and(eq(personas.tenantId, ctx.tenantId), inArray(personas.id, group.personaIds)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seats: Seat[] = group.personaIds
      .map((id) => byId.get(id))
      .filter((p): p is PersonaRow => p !== undefined)
      .map((persona) => ({ persona, messageId: newId("message") }));
    if (seats.length === 0) {
      throw new AppError("conflict", "None of this focus group's personas exist any more; start a new group");
    }
    const seq = (earlier.at(-1)?.seq ?? 0) + 1;
    const questionId = newId("message");
    const inserted = await withTransaction(ctx, (tx) =>
      tx
        .insert(focusGroupMessages)
        .values([
          {
            id: questionId,
            tenantId: ctx.tenantId,
            focusGroupId: group.id,
            seq,
            role: "user" as const,
            content,
            status: "complete" as const,
            createdAt: at,
          },
          ...seats.map((seat, i) => ({
            id: seat.messageId,
            tenantId: ctx.tenantId,
            focusGroupId: group.id,
            seq: seq + 1 + i,
            role: "assistant" as const,
            personaId: seat.persona.id,
            personaName: seat.persona.persona.name,
            questionId,
            content: "",
            status: "incomplete" as const,
            createdAt: new Date(at.getTime() + 1),
          })),
        ])
        .returning(),
    );
    const question = inserted.find((m) => m.id === questionId);
    if (!question) throw new Error("insert returned no question");
    return {
      questionId,
      run: (options = {}) => runRound(ctx, group, { question, seats, earlier }, options),
    };
  } catch (error) {
    await releaseGroupLease(db, ctx.tenantId, group.id, at);
    throw error;
  }
}

/**
 * A persona's thread in the group, shaped as the persona conversation the responders know: its earlier questions and
 * its own answers (not the other personas'), so each answers in character from its own evidence, as in a chat.
 */
function threadOf(group: FocusGroupRow, persona: PersonaRow, earlier: FocusGroupMessageRow[]) {
  const conversation: ConversationRow = {
    id: group.id,
    tenantId: group.tenantId,
    kind: "persona",
    personaId: persona.id,
    projectId: null,
    interviewer: null,
    summary: null,
    summaryThrough: 0,
    streamingUntil: group.streamingUntil,
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
  };
  const history: MessageRow[] = earlier
    .filter((m) => m.role === "user" || m.personaId === persona.id)
    .map((m) => ({
      id: m.id,
      tenantId: m.tenantId,
      conversationId: group.id,
      seq: m.seq,
      role: m.role,
      content: m.content,
      toolCalls: [],
      toolResults: [],
      status: m.status,
      question: null,
      meta: m.meta,
      createdAt: m.createdAt,
    }));
  return { conversation, history };
}

async function runRound(
  ctx: Ctx,
  group: FocusGroupRow,
  round: { question: FocusGroupMessageRow; seats: Seat[]; earlier: FocusGroupMessageRow[] },
  options: { emit?: (event: GroupEvent) => Promise<void>; signal?: AbortSignal },
): Promise<RoundOutcome> {
  const db = ctx.database.db;
  const signal = options.signal ?? new AbortController().signal;
  // A client that went away must not break the round: its events are dropped, the abort signal does the rest.
  const send = async (event: GroupEvent) => {
    if (!options.emit) return;
    try {
      await options.emit(event);
    } catch {
      // ignored: see above
    }
  };
  const keeper = setInterval(() => {
    renewGroupLease(db, ctx.tenantId, group.id).catch(() => {});
  }, CHAT_LIMITS.heartbeatMs);
  keeper.unref?.();

  await send({
    type: "message",
    focus_group_id: group.id,
    question: presentGroupMessage(round.question),
    answers: round.seats.map((s) => ({
      persona_id: s.persona.id,
      persona_name: s.persona.persona.name,
      message_id: s.messageId,
    })),
  });

  const failures: AppError[] = [];
  const answerOne = async ({ persona, messageId }: Seat): Promise<MessageStatus> => {
    let text = "";
    let meta: Record<string, unknown> = {};
    let status: MessageStatus = "complete";
    let problem: ProblemDetails | undefined;
    const speaker = { kind: "persona" as const, persona };
    const { conversation, history } = threadOf(group, persona, round.earlier);
    // Personas have no tools: a model that calls one anyway is told so, as in a chat.
    const noTools = async () => ({ ok: false as const, error: "this conversation has no tools; answer in words" });
    try {
      await responderFor(ctx, speaker).respond({
        ctx,
        conversation,
        speaker,
        history,
        summary: null,
        userText: round.question.content,
        signal,
        async emit(event: ReplyEvent) {
          if (event.type !== "text") return;
          text += event.delta;
          await send({ type: "text", persona_id: persona.id, delta: event.delta });
        },
        callTool: noTools,
        runTool: noTools,
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
        const failure = error instanceof AppError ? error : internal(ctx, error);
        failures.push(failure);
        problem = toProblem(failure, ctx.requestId);
      }
    }
    await db
      .update(focusGroupMessages)
      .set({ content: text, status, meta: problem ? { ...meta, error: problem } : meta })
      .where(and(eq(focusGroupMessages.tenantId, ctx.tenantId), eq(focusGroupMessages.id, messageId)));
    await send({
      type: "persona_done",
      persona_id: persona.id,
      message_id: messageId,
      status,
      ...(problem ? { error: problem } : {}),
    });
    return status;
  };

  let statuses: MessageStatus[];
  try {
    // Side by side: every persona answers at once, their text events interleave on the stream.
    statuses = await Promise.all(round.seats.map(answerOne));
  } finally {
    clearInterval(keeper);
    await releaseGroupLease(db, ctx.tenantId, group.id, ctx.clock.now());
  }
  await send({
    type: "done",
    question_id: round.question.id,
    answers: round.seats.map((s, i) => ({
      persona_id: s.persona.id,
      message_id: s.messageId,
      status: statuses[i] ?? "error",
    })),
  });

  const ids = new Set(round.seats.map((s) => s.messageId));
  const stored = (await loadGroupMessages(db, ctx.tenantId, group.id)).filter((m) => ids.has(m.id));
  const first = failures[0];
  return {
    question: presentGroupMessage(round.question),
    answers: stored.map(presentGroupMessage),
    ...(first && failures.length === round.seats.length ? { error: first } : {}),
  };
}

function internal(ctx: Ctx, error: unknown): AppError {
  ctx.log.error(errorLogFields(error), "focus group answer failed");
  return new AppError("internal", "The answer failed on our side; what was said so far is stored with status error");
}
