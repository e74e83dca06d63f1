import type { Ctx } from "../../context.ts";
import type { ProjectResource } from "../schemas.ts";
import { loadProject, presentProject } from "../store.ts";

export async function getProject({ ctx, idOrSlug }: { ctx: Ctx; idOrSlug: string }): Promise<ProjectResource> {
  return presentProject(await loadProject(ctx.database.db, ctx.tenantId, idOrSlug));
}
