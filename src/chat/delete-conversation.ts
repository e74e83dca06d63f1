import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { conversations } from "../db/schema.ts";
import { streaming } from "./clear-messages.ts";
import { acquireLease, loadConversation } from "./store.ts";

/** Deletes the conversation with its messages; 409 while a reply streams (its writes would have nowhere to go). */
export async function deleteConversation({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const db = ctx.database.db;
  const conversation = await loadConversation(db, ctx.tenantId, id);
  if (!(await acquireLease(db, ctx.tenantId, conversation.id))) throw streaming();
  await db
    .delete(conversations)
    .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.id, conversation.id)));
}
