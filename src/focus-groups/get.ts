import type { Ctx } from "../context.ts";
import type { FocusGroupWithMessages } from "./schemas.ts";
import { loadFocusGroup, loadGroupMessages, personaNames, presentFocusGroup, presentGroupMessage } from "./store.ts";

/** The group with its whole transcript: each question followed by its answers, oldest first. */
export async function getFocusGroup({ ctx, id }: { ctx: Ctx; id: string }): Promise<FocusGroupWithMessages> {
  const db = ctx.database.db;
  const row = await loadFocusGroup(db, ctx.tenantId, id);
  const messages = await loadGroupMessages(db, ctx.tenantId, row.id);
  const names = await personaNames(db, ctx.tenantId, row.personaIds);
  const questionCount = messages.filter((m) => m.role === "user").length;
  return {
    ...presentFocusGroup(row, { names, questionCount, now: ctx.clock.now() }),
    messages: messages.map(presentGroupMessage),
  };
}
