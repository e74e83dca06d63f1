import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { focusGroups } from "../db/schema.ts";
import { busy } from "./ask.ts";
import { acquireGroupLease, loadFocusGroup } from "./store.ts";

/** Deletes the group with its transcript; 409 while answers are being written (they would have nowhere to go). */
export async function deleteFocusGroup({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const db = ctx.database.db;
  const group = await loadFocusGroup(db, ctx.tenantId, id);
  if (!(await acquireGroupLease(db, ctx.tenantId, group.id))) throw busy();
  await db.delete(focusGroups).where(and(eq(focusGroups.tenantId, ctx.tenantId), eq(focusGroups.id, group.id)));
}
