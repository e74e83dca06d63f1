import { createHash } from "node:crypto";
import { z } from "zod";
import type { Ctx } from "../context.ts";
import { EvidenceKind, PERSONA_FIELDS } from "../personas/schemas.ts";
import type { PreparedSource } from "./prepare.ts";
import type { Claim, CleanSource, ExtractResult } from "./types.ts";

const SURROGATE = /\p{Surrogate}/gu;

/**
 * Bump when extraction (or, for text-only material, cleaning) changes in a way that makes stored results stale.
 * 2: keys are built from SHA-256 digests (text-only material from its raw texts, other material from its cleaned
 * sources) instead of hashing the cleaned texts on the event loop. A stale entry cannot put an unsupported value
 * in a persona either way: every cached quote is verified against this request's sources when claims are assembled.
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
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replace(SURROGATE, "\uFFFD") : v));

/** An extraction to store: its key and the result as the jsonb parameter of the statement that stores it. */
export interface CacheEntry {
  key: string;
  result: string;
}

type Model = { provider: string | null; model: string | null };

function keyOf(scheme: "texts" | "sources", parts: string[], model: Model): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([CACHE_VERSION, scheme, model.provider, model.model]));
  for (const part of parts) hash.update(`\u0000${part}`);
  return hash.digest("hex");
}

/**
 * The key of text-only material: the SHA-256 of each raw text, in order. Cleaning is deterministic, so the same
 * texts give the same sources, and the key is known before the pool has cleaned them.
 */
export const textsCacheKey = (textDigests: string[], model: Model) => keyOf("texts", textDigests, model);

/**
 * The key of material with pages (known only once fetched and cleaned): its sources in order, each by kind and the
 * SHA-256 of its cleaned text. The digests come from the pool, so the event loop never hashes a long text.
 */
export const sourcesCacheKey = (sources: Pick<PreparedSource, "kind" | "sha256">[], model: Model) =>
  keyOf(
    "sources",
    sources.map((source) => `${source.kind}:${source.sha256}`),
    model,
  );

/** A stored result: claims point at source positions. */
export type CachedExtraction = z.infer<typeof CachedResult>;

/** The stored result for a key, if any (and well-formed). */
export async function readCachedExtraction(ctx: Ctx, key: string): Promise<CachedExtraction | undefined> {
  // One self-scoped statement (0018_cached_extraction.sql): every LLM create asks, and a tenant transaction around a
  // plain read was four statements on a reserved connection.
  const [row] = await ctx.database.querySelfScoped<{ result: unknown }>("SELECT * FROM cached_extraction($1, $2)", [
    ctx.tenantId,
    key,
  ]);
  const parsed = row ? CachedResult.safeParse(row.result) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

/** A stored result's claims re-pointed at this request's source ids. */
export function cachedClaims(
  cached: CachedExtraction,
  sources: CleanSource[],
): { claims: Claim[]; warnings: string[] } {
  const claims: Claim[] = [];
  for (const { source, ...claim } of cached.claims) {
    const id = sources[source]?.id;
    if (id) claims.push({ ...claim, source_id: id });
  }
  return { claims, warnings: cached.warnings };
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
