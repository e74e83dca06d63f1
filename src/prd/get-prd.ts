import { z } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { prdRevisions, wireframes } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { renderHtml, renderMarkdown } from "./render.ts";
import type { WireframeImages } from "./render-docx.ts";
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

export const PRD_FORMATS = ["json", "markdown", "html", "docx"] as const;
export type PrdFormat = (typeof PRD_FORMATS)[number];

export interface RenderedPrd {
  prd: PrdResource;
  slug: string;
  /** Present for markdown and html. */
  text?: string;
  /** Present for docx. */
  binary?: Buffer;
}

/** The PNGs of the wireframes a PRD revision refers to, so downloads carry them inside (no links back here). */
async function wireframeImages(ctx: Ctx, projectId: string, ids: string[]): Promise<WireframeImages> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.database.db
    .select({ id: wireframes.id, png: wireframes.png, width: wireframes.width, height: wireframes.height })
    .from(wireframes)
    .where(
      and(eq(wireframes.tenantId, ctx.tenantId), eq(wireframes.projectId, projectId), inArray(wireframes.id, ids)),
    );
  return new Map(rows.map((r) => [r.id, { png: Buffer.from(r.png), width: r.width, height: r.height }]));
}

/** The current PRD (or an older revision) as JSON, markdown, self-contained HTML or a Word document. */
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
  if (format === "markdown") return { prd, slug: project.slug, text: renderMarkdown(input) };
  const images = await wireframeImages(
    ctx,
    project.id,
    row.document.wireframes.map((w) => w.wireframe_id),
  );
  if (format === "html") return { prd, slug: project.slug, text: renderHtml(input, images) };
  // docx is loaded on the first DOCX export, not at start-up.
  const { renderDocx } = await import("./render-docx.ts");
  return { prd, slug: project.slug, binary: await renderDocx(input, images) };
}
