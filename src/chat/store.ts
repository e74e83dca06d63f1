import { and, asc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { conversations, messages } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import {
  CHAT_LIMITS,
  type ConversationResource,
  type MessageResource,
  type StoredToolCall,
  type StoredToolResult,
} from "./schemas.ts";

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** One conversation of the tenant, or 404 (also for another tenant's id and malformed ids). */
export async function loadConversation(db: DbOrTx, tenantId: string, id: string): Promise<ConversationRow> {
  if (!isId("conversation", id)) throw notFound("Conversation");
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
  if (!row) throw notFound("Conversation");
  return row;
}

export function presentConversation(
  row: ConversationRow,
  extra: { messageCount: number; engine: "offline" | "llm"; now: Date },
): ConversationResource {
  return {
    id: row.id,
    kind: row.kind,
    persona_id: row.personaId,
    project_id: row.projectId,
    interviewer: row.interviewer,
    engine: extra.engine,
    streaming: row.streamingUntil !== null && row.streamingUntil > extra.now,
    message_count: extra.messageCount,
    summary: row.summary,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentMessage(row: MessageRow): MessageResource {
  const { citations, transcript } = row.meta;
  return {
    id: row.id,
    conversation_id: row.conversationId,
    seq: row.seq,
    role: row.role,
    content: row.content,
    status: row.status,
    tool_calls: row.toolCalls,
    tool_results: row.toolResults,
    question: row.question ?? null,
    ...(Array.isArray(citations) ? { citations: citations as MessageResource["citations"] } : {}),
    ...(transcript ? { transcript: transcript as MessageResource["transcript"] } : {}),
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Takes the conversation's streaming lease when no reply holds it (or the holder's lease lapsed). Uses the
 * database's clock so that every node agrees; returns false when another reply is streaming.
 */
export async function acquireLease(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ streamingUntil: sql`now() + make_interval(secs => ${CHAT_LIMITS.leaseSeconds})` })
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        eq(conversations.id, id),
        or(isNull(conversations.streamingUntil), lt(conversations.streamingUntil, sql`now()`)),
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}

export async function renewLease(db: DbOrTx, tenantId: string, id: string): Promise<void> {
  await db
    .update(conversations)
    .set({ streamingUntil: sql`now() + make_interval(secs => ${CHAT_LIMITS.leaseSeconds})` })
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
}

export async function releaseLease(db: DbOrTx, tenantId: string, id: string, at: Date): Promise<void> {
  await db
    .update(conversations)
    .set({ streamingUntil: null, updatedAt: at })
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
}

/** Messages after `afterSeq`, oldest first. */
export async function loadMessages(
  db: DbOrTx,
  tenantId: string,
  conversationId: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<MessageRow[]> {
  const query = db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.conversationId, conversationId),
        gt(messages.seq, options.afterSeq ?? 0),
      ),
    )
    .orderBy(asc(messages.seq));
  return options.limit ? query.limit(options.limit) : query;
}

export async function lastSeq(db: DbOrTx, tenantId: string, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${messages.seq})` })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, conversationId)));
  return Number(row?.max ?? 0);
}

/** Appends one tool call and its result to the assistant message (inside the tool's transaction). */
export async function appendToolRecord(
  db: DbOrTx,
  tenantId: string,
  messageId: string,
  call: StoredToolCall,
  result: StoredToolResult,
): Promise<void> {
  await db
    .update(messages)
    .set({
      toolCalls: sql`${messages.toolCalls} || ${JSON.stringify([call])}::jsonb`,
      toolResults: sql`${messages.toolResults} || ${JSON.stringify([result])}::jsonb`,
    })
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, messageId)));
}
