import { and, asc, count, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { CHAT_LIMITS } from "../chat/schemas.ts";
import type { DbOrTx } from "../db/client.ts";
import { focusGroupMessages, focusGroups, personas } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import type { FocusGroupMessage, FocusGroupResource } from "./schemas.ts";

export type FocusGroupRow = typeof focusGroups.$inferSelect;
export type FocusGroupMessageRow = typeof focusGroupMessages.$inferSelect;

/** One focus group of the tenant, or 404 (also for another tenant's id and malformed ids). */
export async function loadFocusGroup(db: DbOrTx, tenantId: string, id: string): Promise<FocusGroupRow> {
  if (!isId("focusGroup", id)) throw notFound("Focus group");
  const [row] = await db
    .select()
    .from(focusGroups)
    .where(and(eq(focusGroups.tenantId, tenantId), eq(focusGroups.id, id)));
  if (!row) throw notFound("Focus group");
  return row;
}

export async function loadGroupMessages(
  db: DbOrTx,
  tenantId: string,
  groupId: string,
): Promise<FocusGroupMessageRow[]> {
  return db
    .select()
    .from(focusGroupMessages)
    .where(and(eq(focusGroupMessages.tenantId, tenantId), eq(focusGroupMessages.focusGroupId, groupId)))
    .orderBy(asc(focusGroupMessages.seq));
}

export async function countQuestions(db: DbOrTx, tenantId: string, groupId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(focusGroupMessages)
    .where(
      and(
        eq(focusGroupMessages.tenantId, tenantId),
        eq(focusGroupMessages.focusGroupId, groupId),
        eq(focusGroupMessages.role, "user"),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Current names of the personas of some groups (one query for a whole page); deleted personas are absent. */
export async function personaNames(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: personas.id, name: sql<string | null>`${personas.persona}->>'name'` })
    .from(personas)
    .where(and(eq(personas.tenantId, tenantId), inArray(personas.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function presentFocusGroup(
  row: FocusGroupRow,
  extra: { names: Map<string, string | null>; questionCount: number; now: Date },
): FocusGroupResource {
  return {
    id: row.id,
    title: row.title,
    persona_ids: row.personaIds,
    personas: row.personaIds.map((id) => ({
      id,
      name: extra.names.get(id) ?? null,
      available: extra.names.has(id),
    })),
    question_count: extra.questionCount,
    streaming: row.streamingUntil !== null && row.streamingUntil > extra.now,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function presentGroupMessage(row: FocusGroupMessageRow): FocusGroupMessage {
  const citations = row.meta.citations;
  return {
    id: row.id,
    role: row.role,
    ...(row.personaId ? { persona_id: row.personaId, persona_name: row.personaName } : {}),
    ...(row.questionId ? { question_id: row.questionId } : {}),
    content: row.content,
    status: row.status,
    ...(Array.isArray(citations) ? { citations: citations as FocusGroupMessage["citations"] } : {}),
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Takes the group's lease while a question is being answered (one at a time, agreed on by every node through the
 * database clock); false when another question is still being answered and its lease has not lapsed.
 */
export async function acquireGroupLease(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(focusGroups)
    .set({ streamingUntil: sql`now() + make_interval(secs => ${CHAT_LIMITS.leaseSeconds})` })
    .where(
      and(
        eq(focusGroups.tenantId, tenantId),
        eq(focusGroups.id, id),
        or(isNull(focusGroups.streamingUntil), lt(focusGroups.streamingUntil, sql`now()`)),
      ),
    )
    .returning({ id: focusGroups.id });
  return rows.length > 0;
}

export async function renewGroupLease(db: DbOrTx, tenantId: string, id: string): Promise<void> {
  await db
    .update(focusGroups)
    .set({ streamingUntil: sql`now() + make_interval(secs => ${CHAT_LIMITS.leaseSeconds})` })
    .where(and(eq(focusGroups.tenantId, tenantId), eq(focusGroups.id, id)));
}

export async function releaseGroupLease(db: DbOrTx, tenantId: string, id: string, at: Date): Promise<void> {
  await db
    .update(focusGroups)
    .set({ streamingUntil: null, updatedAt: at })
    .where(and(eq(focusGroups.tenantId, tenantId), eq(focusGroups.id, id)));
}
