import { z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import type { DbOrTx } from "../db/client.ts";
import { personaVersions } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { DiffEntry, diffPersonas } from "./diff.ts";
import { Evidence, Persona } from "./schemas.ts";
import { loadPersona } from "./store.ts";

export const VersionSummary = z
  .object({
    version: z.number().int(),
    cause: z.string(),
    diff: z.array(DiffEntry),
    source_ids: z.array(z.string()),
    created_at: z.string(),
  })
  .openapi("VersionSummary");
export type VersionSummary = z.infer<typeof VersionSummary>;

export const PersonaVersion = VersionSummary.extend({
  persona: Persona,
  evidence: Evidence,
  changes: z.record(z.string(), z.unknown()).nullable(),
  /** The version `diff` is computed against when it is not the previous one (`?compare_to=`). */
  compared_to: z.number().int().optional(),
}).openapi("PersonaVersion");
export type PersonaVersion = z.infer<typeof PersonaVersion>;

type VersionRow = typeof personaVersions.$inferSelect;

const summarize = (r: VersionRow): VersionSummary => ({
  version: r.version,
  cause: r.cause,
  diff: r.diff as DiffEntry[],
  source_ids: r.sourceIds,
  created_at: r.createdAt.toISOString(),
});

export async function listVersions({ ctx, id }: { ctx: Ctx; id: string }): Promise<VersionSummary[]> {
  await loadPersona(ctx.database.db, ctx.tenantId, id);
  const rows = await ctx.database.db
    .select()
    .from(personaVersions)
    .where(and(eq(personaVersions.tenantId, ctx.tenantId), eq(personaVersions.personaId, id)))
    .orderBy(asc(personaVersions.version));
  return rows.map(summarize);
}

export async function loadVersion(db: DbOrTx, tenantId: string, id: string, version: number): Promise<PersonaVersion> {
  const [row] = await db
    .select()
    .from(personaVersions)
    .where(
      and(
        eq(personaVersions.tenantId, tenantId),
        eq(personaVersions.personaId, id),
        eq(personaVersions.version, version),
      ),
    );
  if (!row) throw notFound(`Version ${version}`);
  return { ...summarize(row), persona: row.persona, evidence: row.evidence, changes: row.changes ?? null };
}

/** One version; with `compareTo`, its `diff` is against that version (any two versions, either order). */
export async function getVersion({
  ctx,
  id,
  version,
  compareTo,
}: {
  ctx: Ctx;
  id: string;
  version: number;
  compareTo?: number | undefined;
}): Promise<PersonaVersion> {
  const db = ctx.database.db;
  await loadPersona(db, ctx.tenantId, id);
  const found = await loadVersion(db, ctx.tenantId, id, version);
  if (compareTo === undefined) return found;
  const base = await loadVersion(db, ctx.tenantId, id, compareTo);
  return { ...found, diff: diffPersonas(base.persona, found.persona), compared_to: compareTo };
}
