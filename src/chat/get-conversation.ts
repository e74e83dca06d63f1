import { and, count, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { messages } from "../db/schema.ts";
import type { ConversationResource } from "./schemas.ts";
import { engineOf } from "./speaker.ts";
import { loadConversation, presentConversation } from "./store.ts";

export async function countMessages(ctx: Ctx, conversationId: string): Promise<number> {
  const [row] = await ctx.database.db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.tenantId, ctx.tenantId), eq(messages.conversationId, conversationId)));
  return Number(row?.n ?? 0);
}

export async function getConversation({ ctx, id }: { ctx: Ctx; id: string }): Promise<ConversationResource> {
  const row = await loadConversation(ctx.database.db, ctx.tenantId, id);
  return presentConversation(row, {
    messageCount: await countMessages(ctx, row.id),
    engine: engineOf(ctx),
    now: ctx.clock.now(),
  });
}
