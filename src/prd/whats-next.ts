import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import type { Tx } from "../db/client.ts";
import { projects } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import type { WhatsNextItem } from "./schemas.ts";
import { loadProject, type ProjectRow } from "./store.ts";

export async function getWhatsNext({ ctx, idOrSlug }: { ctx: Ctx; idOrSlug: string }): Promise<WhatsNextItem[]> {
  return (await loadProject(ctx.database.db, ctx.tenantId, idOrSlug)).whatsNext;
}

/** Replaces the list (PUT). */
export async function putWhatsNext({
  ctx,
  idOrSlug,
  items,
}: {
  ctx: Ctx;
  idOrSlug: string;
  items: WhatsNextItem[];
}): Promise<WhatsNextItem[]> {
  return withTransaction(ctx, async (tx) => {
    const row = await loadProject(tx, ctx.tenantId, idOrSlug, { forUpdate: true });
    return writeWhatsNext(ctx, tx, row, items);
  });
}

export async function writeWhatsNext(
  ctx: Ctx,
  tx: Tx,
  row: ProjectRow,
  items: WhatsNextItem[],
): Promise<WhatsNextItem[]> {
  await tx
    .update(projects)
    .set({ whatsNext: items, updatedAt: ctx.clock.now() })
    .where(and(eq(projects.tenantId, ctx.tenantId), eq(projects.id, row.id)));
  return items;
}

/** Merge by id: known ids are updated in place, new ones appended, `remove` drops ids. */
export function mergeWhatsNext(
  current: WhatsNextItem[],
  items: WhatsNextItem[],
  remove: string[] = [],
): WhatsNextItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const merged = current.filter((i) => !remove.includes(i.id)).map((i) => byId.get(i.id) ?? i);
  const known = new Set(merged.map((i) => i.id));
  for (const item of items) if (!known.has(item.id) && !remove.includes(item.id)) merged.push(item);
  return merged;
}
