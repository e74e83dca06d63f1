import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { sources } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import { SourceInfo } from "./schemas.ts";
import { loadPersona, presentSource, sourceInfoColumns } from "./store.ts";

export const SourceResource = SourceInfo.extend({
  text: z.string().openapi({
    description:
      "The cleaned text the persona was read from; evidence quotes are spans of it (their `start`/`end` offsets " +
      "count UTF-16 code units of this string, as JavaScript strings do)",
  }),
}).openapi("SourceWithText");
export type SourceResource = z.infer<typeof SourceResource>;

/** One of a persona's sources with its text, so a quote can be shown where it stands. */
export async function getSource({
  ctx,
  personaId,
  sourceId,
}: {
  ctx: Ctx;
  personaId: string;
  sourceId: string;
}): Promise<SourceResource> {
  // The persona first: another tenant's (or a deleted) persona is a 404 whatever the source id.
  const persona = await loadPersona(ctx.database.db, ctx.tenantId, personaId);
  if (!isId("source", sourceId)) throw notFound("Source");
  const [row] = await ctx.database.db
    .select({ ...sourceInfoColumns, text: sources.content })
    .from(sources)
    .where(and(eq(sources.tenantId, ctx.tenantId), eq(sources.personaId, persona.id), eq(sources.id, sourceId)));
  if (!row) throw notFound("Source");
  return { ...presentSource(row), text: row.text };
}
