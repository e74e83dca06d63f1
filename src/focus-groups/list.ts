import { and, desc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { afterKeyset, keysetPage } from "../db/keyset.ts";
import { focusGroupMessages, focusGroups } from "../db/schema.ts";
import { FOCUS_GROUP_LIMITS, type FocusGroupPage } from "./schemas.ts";
import { personaNames, presentFocusGroup } from "./store.ts";

/** The tenant's focus groups, most recently active first (a question counts as activity), keyset-paginated. */
export async function listFocusGroups({
  ctx,
  limit = FOCUS_GROUP_LIMITS.listDefault,
  cursor,
}: {
  ctx: Ctx;
  limit?: number;
  cursor?: string | undefined;
}): Promise<FocusGroupPage> {
  const db = ctx.database.db;
  // A nested sql fragment keeps its columns table-qualified, so the subquery correlates with the outer row.
  const ofThisGroup = sql`${focusGroupMessages.tenantId} = ${focusGroups.tenantId} AND ${focusGroupMessages.focusGroupId} = ${focusGroups.id}`;
  const questions = sql<number>`(SELECT count(*) FROM ${focusGroupMessages} WHERE ${ofThisGroup} AND ${focusGroupMessages.role} = 'user')`;
  const rows = await db
    .select({ row: focusGroups, questionCount: questions.mapWith(Number) })
    .from(focusGroups)
    .where(and(eq(focusGroups.tenantId, ctx.tenantId), afterKeyset(focusGroups.updatedAt, focusGroups.id, cursor)))
    .orderBy(desc(focusGroups.updatedAt), desc(focusGroups.id))
    .limit(limit + 1);
  const { page, next_cursor } = keysetPage(rows, limit, ({ row }) => ({ at: row.updatedAt, id: row.id }));
  const names = await personaNames(
    db,
    ctx.tenantId,
    page.flatMap(({ row }) => row.personaIds),
  );
  const now = ctx.clock.now();
  return {
    data: page.map(({ row, questionCount }) => presentFocusGroup(row, { names, questionCount, now })),
    next_cursor,
  };
}
