import { and, eq } from "drizzle-orm";
import type { Ctx } from "../../context.ts";
import { wireframes } from "../../db/schema.ts";
import { notFound } from "../../errors.ts";
import { isId } from "../../ids.ts";
import { loadProject } from "../store.ts";

export async function getWireframePng({
  ctx,
  idOrSlug,
  wireframeId,
}: {
  ctx: Ctx;
  idOrSlug: string;
  wireframeId: string;
}): Promise<{ png: Buffer; sha256: string; name: string }> {
  const project = await loadProject(ctx.database.db, ctx.tenantId, idOrSlug);
  if (!isId("wireframe", wireframeId)) throw notFound("Wireframe");
  const [row] = await ctx.database.db
    .select({ png: wireframes.png, sha256: wireframes.sha256, name: wireframes.name })
    .from(wireframes)
    .where(
      and(eq(wireframes.tenantId, ctx.tenantId), eq(wireframes.projectId, project.id), eq(wireframes.id, wireframeId)),
    );
  if (!row) throw notFound("Wireframe");
  return { png: Buffer.from(row.png), sha256: row.sha256, name: row.name };
}
