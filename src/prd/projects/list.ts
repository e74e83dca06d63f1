import { and, desc, eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { afterKeyset, keysetPage } from "../../db/keyset.ts";
import { projects } from "../../db/schema.ts";
import type { ProjectResource } from "../schemas.ts";
import { presentProject } from "../store.ts";

/** Newest first, with a (created_at, id) cursor. */
export async function listProjects({
  ctx,
  limit,
  cursor,
}: {
  ctx: Ctx;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ data: ProjectResource[]; next_cursor: string | null }> {
  const conditions = [eq(projects.tenantId, ctx.tenantId), afterKeyset(projects.createdAt, projects.id, cursor)];
  const rows = await ctx.database.db
    .select()
    .from(projects)
    .where(and(...conditions))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(limit + 1);
  const { page, next_cursor } = keysetPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { data: page.map(presentProject), next_cursor };
}
