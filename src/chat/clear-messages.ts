import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { conversations, messages } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import { acquireLease, loadConversation, releaseLease } from "./store.ts";

export const streaming = () =>
  new AppError("conflict", "A reply is still streaming in this conversation; try again when it is done", {
    headers: { "Retry-After": "2" },
  });

/** Clears the history (and its summary) but keeps the conversation; 409 while a reply streams. */
export async function clearMessages({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const db = ctx.database.db;
  const conversation = await loadConversation(db, ctx.tenantId, id);
  if (!(await acquireLease(db, ctx.tenantId, conversation.id))) throw streaming();
  try {
    await withTransaction(ctx, async (tx) => {
      await tx
        .delete(messages)
        .where(and(eq(messages.tenantId, ctx.tenantId), eq(messages.conversationId, conversation.id)));
      await tx
        .update(conversations)
        .set({ summary: null, summaryThrough: 0 })
        .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.id, conversation.id)));
    });
  } finally {
    await releaseLease(db, ctx.tenantId, conversation.id, ctx.clock.now());
  }
}
