import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { afterKeyset, keysetPage } from "../db/keyset.ts";
import { conversations, messages } from "../db/schema.ts";
import { loadPersona } from "../personas/store.ts";
import { loadProject } from "../prd/store.ts";
import { CONVERSATION_LIST_LIMITS, type ConversationPage, PREVIEW_CHARS } from "./schemas.ts";
import { engineOf } from "./speaker.ts";
import { presentConversation } from "./store.ts";

interface Page {
  limit?: number;
  cursor?: string | undefined;
}

/** A persona's chats (not the project interviews it takes part in), most recently active first. */
export async function listPersonaConversations({
  ctx,
  personaId,
  ...page
}: { ctx: Ctx; personaId: string } & Page): Promise<ConversationPage> {
  // Resolving the persona first makes another tenant's (or an unknown) id a 404 rather than an empty list.
  const persona = await loadPersona(ctx.database.db, ctx.tenantId, personaId);
  return listWhere(ctx, and(eq(conversations.kind, "persona"), eq(conversations.personaId, persona.id)), page);
}

/** A project's interviews (one per interviewer), most recently active first. */
export async function listProjectConversations({
  ctx,
  idOrSlug,
  ...page
}: { ctx: Ctx; idOrSlug: string } & Page): Promise<ConversationPage> {
  const project = await loadProject(ctx.database.db, ctx.tenantId, idOrSlug);
  return listWhere(ctx, and(eq(conversations.kind, "interview"), eq(conversations.projectId, project.id)), page);
}

/**
 * Keyset pagination on (updated_at, id), which the partial indexes of migration 0004 serve in order. A conversation
 * that gets a reply between two page requests moves to the front, so a client walking the pages may miss it on the
 * later page: the first page is always current, which is what the web app shows.
 */
async function listWhere(
  ctx: Ctx,
  scope: SQL | undefined,
  { limit = CONVERSATION_LIST_LIMITS.defaultLimit, cursor }: Page,
): Promise<ConversationPage> {
  const conditions = [
    eq(conversations.tenantId, ctx.tenantId),
    scope,
    afterKeyset(conversations.updatedAt, conversations.id, cursor),
  ];
  // Per-row subqueries on messages (tenant_id, conversation_id, seq) index: at most one page of them runs.
  const ofThisConversation = sql`${messages.tenantId} = ${conversations.tenantId} AND ${messages.conversationId} = ${conversations.id}`;
  const rows = await ctx.database.db
    .select({
      row: conversations,
      messageCount: sql<number>`(SELECT count(*) FROM ${messages} WHERE ${ofThisConversation})`.mapWith(Number),
      // Formatted in SQL so that both drivers (which decode timestamps differently) hand back the same ISO string.
      // The newest message by seq walks the same index backwards to one row instead of reading every message.
      lastMessageAt: sql<
        string | null
      >`(SELECT to_char(${messages.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM ${messages} WHERE ${ofThisConversation} ORDER BY ${messages.seq} DESC LIMIT 1)`,
      // What the conversation is about, for people picking one: the first thing the user said.
      preview: sql<
        string | null
      >`(SELECT left(${messages.content}, ${PREVIEW_CHARS}) FROM ${messages} WHERE ${ofThisConversation} AND ${messages.role} = 'user' ORDER BY ${messages.seq} LIMIT 1)`,
    })
    .from(conversations)
    .where(and(...conditions))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit + 1);
  const { page, next_cursor } = keysetPage(rows, limit, ({ row }) => ({ at: row.updatedAt, id: row.id }));
  const engine = engineOf(ctx);
  const now = ctx.clock.now();
  return {
    data: page.map(({ row, messageCount, lastMessageAt, preview }) => ({
      ...presentConversation(row, { messageCount, engine, now }),
      last_message_at: lastMessageAt,
      preview,
    })),
    next_cursor,
  };
}
