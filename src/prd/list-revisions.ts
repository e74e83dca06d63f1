import { z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { prdRevisions } from "../db/schema.ts";
import { loadProject } from "./store.ts";

export const RevisionSummary = z
  .object({
    revision: z.number().int(),
    cause: z.string(),
    section: z.string().nullable(),
    message_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("PrdRevisionSummary");
export type RevisionSummary = z.infer<typeof RevisionSummary>;

export async function listPrdRevisions({ ctx, idOrSlug }: { ctx: Ctx; idOrSlug: string }): Promise<RevisionSummary[]> {
  const project = await loadProject(ctx.database.db, ctx.tenantId, idOrSlug);
  const rows = await ctx.database.db
    .select({
      revision: prdRevisions.revision,
      cause: prdRevisions.cause,
      section: prdRevisions.section,
      messageId: prdRevisions.messageId,
      createdAt: prdRevisions.createdAt,
    })
    .from(prdRevisions)
    .where(and(eq(prdRevisions.tenantId, ctx.tenantId), eq(prdRevisions.projectId, project.id)))
    .orderBy(asc(prdRevisions.revision));
  return rows.map((r) => ({
    revision: r.revision,
    cause: r.cause,
    section: r.section,
    message_id: r.messageId,
    created_at: r.createdAt.toISOString(),
  }));
}
