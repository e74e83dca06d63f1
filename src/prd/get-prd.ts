import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { prdRevisions } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { renderHtml, renderMarkdown } from "./render.ts";
import { PrdDocument } from "./schemas.ts";
import { loadProject } from "./store.ts";

export const PrdResource = z
  .object({
    project_id: z.string(),
    name: z.string(),
    revision: z.number().int(),
    cause: z.string(),
    updated_at: z.string(),
    document: PrdDocument,
  })
  .openapi("Prd");
export type PrdResource = z.infer<typeof PrdResource>;

export type PrdFormat = "json" | "markdown" | "html";

export interface RenderedPrd {
  prd: PrdResource;
  slug: string;
  /** Present for markdown and html. */
  text?: string;
}

/** The current PRD (or an older revision) as JSON, markdown or HTML. */
export async function getPrd({
  ctx,
  idOrSlug,
  format,
  revision,
}: {
  ctx: Ctx;
  idOrSlug: string;
  format: PrdFormat;
  revision?: number | undefined;
}): Promise<RenderedPrd> {
  const project = await loadProject(ctx.database.db, ctx.tenantId, idOrSlug);
  const [row] = await ctx.database.db
    .select()
    .from(prdRevisions)
    .where(
      and(
        eq(prdRevisions.tenantId, ctx.tenantId),
        eq(prdRevisions.projectId, project.id),
        eq(prdRevisions.revision, revision ?? project.prdRevision),
      ),
    );
  if (!row) throw notFound("PRD revision");
  const prd: PrdResource = {
    project_id: project.id,
    name: project.name,
    revision: row.revision,
    cause: row.cause,
    updated_at: row.createdAt.toISOString(),
    document: row.document,
  };
  if (format === "json") return { prd, slug: project.slug };
  const input = { name: project.name, revision: row.revision, updatedAt: prd.updated_at, document: row.document };
  return { prd, slug: project.slug, text: format === "markdown" ? renderMarkdown(input) : renderHtml(input) };
}
