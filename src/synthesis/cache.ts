import { createHash } from "node:crypto";
import { z } from "zod";
import type { Ctx } from "../context.ts";
import { EvidenceKind, PERSONA_FIELDS } from "../personas/schemas.ts";
import type { Claim, CleanSource, ExtractResult } from "./types.ts";

/** Bump when extraction changes in a way that makes stored results stale. */
const CACHE_VERSION = 1;

const CachedResult = z.object({
  claims: z.array(
    z.object({
      field: z.enum(PERSONA_FIELDS),
      value: z.union([z.string(), z.number()]),
      source: z.number().int().min(0),
      quote: z.string(),
      kind: EvidenceKind,
      confidence: z.number().optional(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** JSON for a jsonb parameter: lone surrogates become U+FFFD (jsonb refuses their \u escapes), as in text ones. */
const jsonbParam = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replace(/\p{Surrogate}/gu, "\uFFFD") : v));

export function cacheKey(sources: CleanSource[], model: { provider: string | null; model: string | null }): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([CACHE_VERSION, model.provider, model.model]));
  for (const source of sources) hash.update(`\u0000${source.kind}\u0000${source.text}`);
  return hash.digest("hex");
}

/** A stored result for the same material and model, with claims re-pointed at this request's source ids. */
export async function readCachedExtraction(
  ctx: Ctx,
  key: string,
  sources: CleanSource[],
): Promise<{ claims: Claim[]; warnings: string[] } | undefined> {
  // Plain prepared SQL: every LLM create asks, and building this with the ORM cost more than running it.
  const [row] = await ctx.database.queryAs<{ result: unknown }>(
    ctx.tenantId,
    "SELECT result FROM extraction_cache WHERE tenant_id = $1 AND cache_key = $2",
    [ctx.tenantId, key],
  );
  const parsed = row ? CachedResult.safeParse(row.result) : undefined;
  if (!parsed?.success) return undefined;
  const claims: Claim[] = [];
  for (const { source, ...claim } of parsed.data.claims) {
    const id = sources[source]?.id;
    if (id) claims.push({ ...claim, source_id: id });
  }
  return { claims, warnings: parsed.data.warnings };
}

export async function writeCachedExtraction(
  ctx: Ctx,
  key: string,
  sources: CleanSource[],
  result: ExtractResult,
): Promise<void> {
  const position = new Map(sources.map((s, i) => [s.id, i]));
  const claims = result.claims.flatMap(({ source_id, ...claim }) => {
    const source = position.get(source_id);
    return source === undefined ? [] : [{ ...claim, source }];
  });
  await ctx.database.queryAs(
    ctx.tenantId,
    "INSERT INTO extraction_cache (tenant_id, cache_key, result) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING",
    [ctx.tenantId, key, jsonbParam({ claims, warnings: result.warnings })],
  );
}
