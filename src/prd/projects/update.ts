import { and, eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { projects } from "../../db/schema.ts";
import { withTransaction } from "../../db/transaction.ts";
import type { ProjectResource } from "../schemas.ts";
import { claimSlug, loadProject, type ProjectRow, presentProject, retryOnUniqueViolation } from "../store.ts";
import { checkPersonaLinks } from "./persona-links.ts";

export interface ProjectPatch {
  name?: string | undefined;
  persona_ids?: string[] | undefined;
}

/** Renames (a new slug; the old ones keep resolving) and/or replaces the linked personas. */
export async function updateProject({
  ctx,
  idOrSlug,
  patch,
}: {
  ctx: Ctx;
  idOrSlug: string;
  patch: ProjectPatch;
}): Promise<ProjectResource> {
  return retryOnUniqueViolation(() =>
    withTransaction(ctx, async (tx) => {
      const row = await loadProject(tx, ctx.tenantId, idOrSlug, { forUpdate: true });
      return presentProject(await applyProjectPatch(ctx, tx, row, patch));
    }),
  );
}

/** Shared with the `set_project_name` tool, which runs inside the reply's transaction. */
export async function applyProjectPatch(ctx: Ctx, tx: Tx, row: ProjectRow, patch: ProjectPatch): Promise<ProjectRow> {
  const at = ctx.clock.now();
  const changes: Partial<ProjectRow> = {};
  if (patch.name !== undefined && patch.name !== row.name) {
    changes.name = patch.name;
    changes.slug = await claimSlug(tx, ctx.tenantId, row.id, patch.name, at);
  }
  if (patch.persona_ids !== undefined)
    changes.personaIds = await checkPersonaLinks(tx, ctx.tenantId, patch.persona_ids);
  if (Object.keys(changes).length === 0) return row;
  const [updated] = await tx
    .update(projects)
    .set({ ...changes, updatedAt: at })
    .where(and(eq(projects.tenantId, ctx.tenantId), eq(projects.id, row.id)))
    .returning();
  return updated ?? row;
}
