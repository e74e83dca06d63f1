import { and, asc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client.ts";
import { conversations, messages } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import type { PersonaRow } from "../personas/store.ts";
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

/** Timestamps from plain SQL: the drivers answer Date or Postgres's text form (drizzle sets string parsers). */
const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null) => (value === null ? null : asDate(value));
const messageRow = (row: MessageRow): MessageRow => ({ ...row, createdAt: asDate(row.createdAt) });

/** JSON for a jsonb parameter: lone surrogates become U+FFFD (jsonb refuses their \u escapes), as in text ones. */
const jsonbParam = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replace(/\p{Surrogate}/gu, "\uFFFD") : v));

/**
 * Starting a reply in one statement (one round trip instead of five), which scopes itself: begin_reply
 * (0017_begin_reply.sql) runs as the application role with app.tenant_id set, so row-level security applies without
 * a tenant transaction's BEGIN, scope and COMMIT on a reserved connection. It reads the conversation, takes its
 * streaming lease when no reply holds it (the database's clock, so every node agrees) and, only when it got the
 * lease, stores the user message and the assistant's placeholder after the last seq. No row: no such conversation
 * for the tenant; `userSeq` null: another reply is streaming. Every CTE sees the same snapshot, so `last` is read
 * before the inserts. With the lease it also returns what the reply needs before it can call the model, so the first
 * text waits for this one round trip only: the history after the summary (without the two new messages: same
 * snapshot) and the conversation's persona, if it has one.
 * Its commit does not wait for the WAL flush (synchronous_commit off for the statement's transaction only): the
 * flush (~3 ms here) sat between the request and the model call. Other sessions see the lease at once as before; a
 * database crash in the next few hundred ms could lose the user message and the placeholder, and then the reply it
 * began fails too. The statement that ends the reply commits synchronously, which flushes this one's WAL with it.
 */
const BEGIN_REPLY_CALL = "SELECT * FROM begin_reply($1, $2, $3, $4, $5, $6, $7, $8, $9)";

export interface ReplyStart {
  /** The user message and its placeholder to store, when the lease is taken. */
  userMessageId: string;
  assistantMessageId: string;
  content: string;
  meta: Record<string, unknown>;
  at: Date;
}

/**
 * See BEGIN_REPLY_CALL. Answers the conversation (as it was before the lease) and the user message's seq, or
 * `userSeq` null when another reply holds the lease; throws 404 for an unknown conversation.
 */
export async function beginReplyRows(
  database: Pick<Database, "querySelfScoped">,
  tenantId: string,
  id: string,
  start: ReplyStart,
): Promise<{ conversation: ConversationRow; userSeq: number | null; history: MessageRow[]; persona?: PersonaRow }> {
  if (!isId("conversation", id)) throw notFound("Conversation");
  const [row] = await database.querySelfScoped<
    ConversationRow & { userSeq: number | null; history: MessageRow[] | null; persona: PersonaRow | null }
  >(BEGIN_REPLY_CALL, [
    tenantId,
    id,
    CHAT_LIMITS.leaseSeconds,
    start.userMessageId,
    start.content,
    jsonbParam(start.meta),
    start.at.toISOString(),
    start.assistantMessageId,
    new Date(start.at.getTime() + 1).toISOString(),
  ]);
  if (!row) throw notFound("Conversation");
  const { userSeq, history, persona, ...conversation } = row;
  return {
    history: (history ?? []).map(messageRow),
    ...(persona
      ? { persona: { ...persona, createdAt: asDate(persona.createdAt), updatedAt: asDate(persona.updatedAt) } }
      : {}),
    conversation: {
      ...conversation,
      streamingUntil: asDateOrNull(conversation.streamingUntil),
      createdAt: asDate(conversation.createdAt),
      updatedAt: asDate(conversation.updatedAt),
    },
    userSeq: userSeq === null ? null : Number(userSeq),
  };
}

const MESSAGE_COLUMNS = `id, tenant_id AS "tenantId", conversation_id AS "conversationId", seq, role, content,
  tool_calls AS "toolCalls", tool_results AS "toolResults", status, question, meta, created_at AS "createdAt"`;

/**
 * Ending a reply in one statement: stores the assistant's text, status and meta, releases the lease (the client may
 * send its next message as soon as it hears `done`) and reads both messages back.
 */
const END_REPLY_SQL = `
WITH assistant AS (
  UPDATE messages SET content = $3, status = $4, meta = $5::jsonb WHERE tenant_id = $1 AND id = $6
  RETURNING ${MESSAGE_COLUMNS}
), released AS (
  UPDATE conversations SET streaming_until = NULL, updated_at = $7::timestamptz WHERE tenant_id = $1 AND id = $2
  RETURNING id
)
SELECT * FROM assistant
UNION ALL
SELECT ${MESSAGE_COLUMNS} FROM messages WHERE tenant_id = $1 AND id = $8 AND EXISTS (SELECT 1 FROM released)`;

export async function endReplyRows(
  database: Pick<Database, "queryAs">,
  tenantId: string,
  conversationId: string,
  end: {
    assistantMessageId: string;
    userMessageId: string;
    content: string;
    status: MessageRow["status"];
    meta: Record<string, unknown>;
    at: Date;
  },
): Promise<{ assistant: MessageRow | undefined; user: MessageRow | undefined }> {
  const rows = await database.queryAs<MessageRow>(tenantId, END_REPLY_SQL, [
    tenantId,
    conversationId,
    end.content,
    end.status,
    jsonbParam(end.meta),
    end.assistantMessageId,
    end.at.toISOString(),
    end.userMessageId,
  ]);
  const assistant = rows.find((r) => r.id === end.assistantMessageId);
  const user = rows.find((r) => r.id === end.userMessageId);
  return { assistant: assistant && messageRow(assistant), user: user && messageRow(user) };
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
