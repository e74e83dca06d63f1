import { createHash } from "node:crypto";
import { z } from "zod";
import type { Ctx } from "../context.ts";
import { EvidenceKind, PERSONA_FIELDS } from "../personas/schemas.ts";
import type { PreparedSource } from "./prepare.ts";
import type { Claim, CleanSource, ExtractResult } from "./types.ts";

/**
 * Bump when extraction changes in a way that makes stored results stale. 2: keys are built from the sources'
 * SHA-256 (computed in the pool while cleaning) instead of hashing their texts again on the event loop.
 */
const CACHE_VERSION = 2;

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

/** An extraction to store: its key and the result as the jsonb parameter of the statement that stores it. */
export interface CacheEntry {
  key: string;
  result: string;
}

/**
 * The key of a material for a model: its sources in order, each by kind and the SHA-256 of its cleaned text. The
 * digests come from the pool (prepare.ts), so the event loop hashes a few dozen bytes per source, not the text.
 */
export function cacheKey(
  sources: Pick<PreparedSource, "kind" | "sha256">[],
  model: { provider: string | null; model: string | null },
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([CACHE_VERSION, model.provider, model.model]));
  for (const source of sources) hash.update(`\u0000${source.kind}\u0000${source.sha256}`);
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

/** The entry that stores `result` under `key`, with claims pointing at source positions instead of this request's ids. */
export function cacheEntry(key: string, sources: CleanSource[], result: ExtractResult): CacheEntry {
  const position = new Map(sources.map((s, i) => [s.id, i]));
  const claims = result.claims.flatMap(({ source_id, ...claim }) => {
    const source = position.get(source_id);
    return source === undefined ? [] : [{ ...claim, source }];
  });
  return { key, result: jsonbParam({ claims, warnings: result.warnings }) };
}

/** Stores an entry with a statement of its own (a create stores it in the statement that stores the persona). */
export async function writeCachedExtraction(ctx: Ctx, entry: CacheEntry): Promise<void> {
  await ctx.database.queryAs(
    ctx.tenantId,
    "INSERT INTO extraction_cache (tenant_id, cache_key, result) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING",
    [ctx.tenantId, entry.key, entry.result],
  );
}
