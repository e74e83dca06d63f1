import { eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { prdRevisions, projects } from "../../db/schema.ts";
import { withTransaction } from "../../db/transaction.ts";
import { newId } from "../../ids.ts";
import { emptyPrd, type ProjectResource } from "../schemas.ts";
import { claimSlug, presentProject, retryOnUniqueViolation } from "../store.ts";
import { checkPersonaLinks } from "./persona-links.ts";

export interface CreateProjectInput {
  name: string;
  persona_ids: string[];
}

/** Creates the project with an empty PRD as revision 1 and a slug unique in the tenant. */
export async function createProject({ ctx, input }: { ctx: Ctx; input: CreateProjectInput }): Promise<ProjectResource> {
  const at = ctx.clock.now();
  return retryOnUniqueViolation(() =>
    withTransaction(ctx, async (tx) => {
      const personaIds = await checkPersonaLinks(tx, ctx.tenantId, input.persona_ids);
      const id = newId("project");
      const document = emptyPrd();
      // The project row first: the slug row references it.
      const [row] = await tx
        .insert(projects)
        .values({
          id,
          tenantId: ctx.tenantId,
          name: input.name,
          slug: `pending-${id}`,
          personaIds,
          prd: document,
          prdRevision: 1,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      const slug = await claimSlug(tx, ctx.tenantId, id, input.name, at);
      await tx.update(projects).set({ slug }).where(eq(projects.id, id));
      await tx.insert(prdRevisions).values({
        tenantId: ctx.tenantId,
        projectId: id,
        revision: 1,
        document,
        cause: "create",
        createdAt: at,
      });
      return presentProject({ ...row, slug });
    }),
  );
}
