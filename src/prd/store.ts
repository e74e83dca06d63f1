import { and, eq, like, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "../db/client.ts";
import { prdRevisions, projectSlugs, projects } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import type { Applied } from "./document.ts";
import { isCovered, PRD_SECTIONS, PROJECT_LIMITS, type ProjectResource } from "./schemas.ts";

export type ProjectRow = typeof projects.$inferSelect;

/** Loads a project by id or by any slug it ever had; 404 for unknown ids, other tenants' ids and malformed values. */
export async function loadProject(
  db: DbOrTx,
  tenantId: string,
  idOrSlug: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProjectRow> {
  let id = idOrSlug;
  if (!isId("project", idOrSlug)) {
    if (!/^[a-z0-9-]{1,80}$/.test(idOrSlug)) throw notFound("Project");
    const [slug] = await db
      .select({ projectId: projectSlugs.projectId })
      .from(projectSlugs)
      .where(and(eq(projectSlugs.tenantId, tenantId), eq(projectSlugs.slug, idOrSlug)));
    if (!slug) throw notFound("Project");
    id = slug.projectId;
  }
  const query = db
    .select()
    .from(projects)
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, id)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Project");
  return row;
}

export function presentProject(row: ProjectRow): ProjectResource {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    persona_ids: row.personaIds,
    prd_revision: row.prdRevision,
    sections: {
      covered: PRD_SECTIONS.filter((s) => isCovered(row.prd, s)),
      missing: PRD_SECTIONS.filter((s) => !isCovered(row.prd, s)),
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** "My App!" -> "my-app"; accents folded, anything else a dash; "project" when nothing is left. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, PROJECT_LIMITS.slugChars)
    .replace(/-+$/g, "");
  return slug || "project";
}

/**
 * Claims the slug for the name: the base if free, else base-2, base-3, … Slugs this project already holds are reused
 * (renaming back gives the old slug back). Two requests racing for one slug make one insert fail on the primary key;
 * callers retry the transaction (see `retryOnUniqueViolation`).
 */
export async function claimSlug(tx: Tx, tenantId: string, projectId: string, name: string, at: Date): Promise<string> {
  const base = slugify(name);
  const rows = await tx
    .select({ slug: projectSlugs.slug, projectId: projectSlugs.projectId })
    .from(projectSlugs)
    .where(
      and(eq(projectSlugs.tenantId, tenantId), or(eq(projectSlugs.slug, base), like(projectSlugs.slug, `${base}-%`))),
    );
  const owner = new Map(rows.map((r) => [r.slug, r.projectId]));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const held = owner.get(candidate);
    if (held === projectId) return candidate;
    if (held === undefined) {
      await tx.insert(projectSlugs).values({ tenantId, slug: candidate, projectId, createdAt: at });
      return candidate;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function retryOnUniqueViolation<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Stores a new immutable revision and makes it the project's current PRD (the project row must be locked). */
export async function commitRevision(
  tx: Tx,
  project: ProjectRow,
  applied: Applied,
  cause: string,
  at: Date,
  options: { section?: string | undefined; messageId?: string | undefined } = {},
): Promise<number> {
  const revision = project.prdRevision + 1;
  await tx.insert(prdRevisions).values({
    tenantId: project.tenantId,
    projectId: project.id,
    revision,
    document: applied.document,
    cause,
    section: options.section ?? null,
    messageId: options.messageId ?? null,
    createdAt: at,
  });
  await tx
    .update(projects)
    .set({ prd: applied.document, prdRevision: revision, prdCounters: applied.counters, updatedAt: at })
    .where(and(eq(projects.tenantId, project.tenantId), eq(projects.id, project.id)));
  return revision;
}
