import { and, eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { projects } from "../../db/schema.ts";
import { withTransaction } from "../../db/transaction.ts";
import { loadProject } from "../store.ts";

/** Deletes the project with its slugs, PRD revisions, wireframes and conversations (ON DELETE CASCADE). */
export async function deleteProject({ ctx, idOrSlug }: { ctx: Ctx; idOrSlug: string }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const row = await loadProject(tx, ctx.tenantId, idOrSlug, { forUpdate: true });
    await tx.delete(projects).where(and(eq(projects.tenantId, ctx.tenantId), eq(projects.id, row.id)));
  });
}
