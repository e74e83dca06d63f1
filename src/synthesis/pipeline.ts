import { setMaxListeners } from "node:events";
import type { Ctx } from "../context.ts";
import { AppError } from "../errors.ts";
import { type Evidence, PERSONA_FIELDS, type Persona } from "../personas/schemas.ts";
import { assemblePersona } from "./assemble.ts";
import {
  type CachedExtraction,
  type CacheEntry,
  cachedClaims,
  cacheEntry,
  readCachedExtraction,
  sourcesCacheKey,
  textsCacheKey,
  writeCachedExtraction,
} from "./cache.ts";
import { sha256 } from "./digest.ts";
import type { JobScope } from "./pool.ts";
import { type FetchedMaterial, type PreparedSource, prepareMaterial } from "./prepare.ts";
import type { OnProgress } from "./progress.ts";
import type { Claim, Equivalence, ExistingValues, Extractor, ExtractResult, ExtractUsage } from "./types.ts";
import type { AssembleResult } from "./worker.ts";

export type { PreparedSource } from "./prepare.ts";

/**
 * Material this small is cleaned, and its LLM claims assembled, on the event loop rather than in the pool. Both steps
 * are linear in their input (the adversarial corpus, adversarial.test.ts, holds them to it), so at this size their
 * cost is bounded: at most ~0.2 ms to clean and ~1 ms to assemble for the worst of that corpus at 4,096 characters,
 * ~0.02 and ~0.15 ms for a one-line note, on this project's 2-core machines under load 8. Each pool hand-off costs
 * more than that (a thread's wake-up and structured clones both ways; 4-5 ms at p50 under load), and a create made
 * of small text took two of them. The offline engine's extraction always runs in the pool.
 */
export const INLINE_MAX_CHARS = 4_096;
/** Claims assembled on the event loop at most: bounds the per-claim work that the characters do not (empty quotes). */
export const INLINE_MAX_CLAIMS = 64;

const charsOf = (texts: readonly string[]) => texts.reduce((sum, text) => sum + text.length, 0);

/** Whether assembling these claims over these sources is small enough for the event loop (see INLINE_MAX_CHARS). */
function assemblesInline(sources: readonly PreparedSource[], claims: readonly Claim[]): boolean {
  if (claims.length > INLINE_MAX_CLAIMS) return false;
  let chars = 0;
  for (const source of sources) chars += source.text.length;
  for (const claim of claims) chars += claim.quote.length + String(claim.value).length;
  return chars <= INLINE_MAX_CHARS;
}

/** Request limits, enforced before any work is done (documented in the README). */
export const MATERIAL_LIMITS = {
  texts: 20,
  urls: 25,
  charsPerText: 8_000_000,
  charsPerUrl: 2_048,
} as const;

export type Engine = "offline" | "llm";

export interface MaterialInput {
  texts: string[];
  urls: string[];
  engine?: Engine | undefined;
}

export interface Usage extends ExtractUsage {
  duration_ms: number;
  /** True when the result came from the extraction cache instead of a new LLM call. */
  cached?: boolean;
}

export interface SynthesisResult {
  sources: PreparedSource[];
  persona: Persona;
  evidence: Evidence;
  warnings: string[];
  usage: Usage;
  /** New values the extractor judged to mean the same as existing ones (merges with an LLM). */
  equivalences: Equivalence[];
  /** A new extraction for the cache, when the caller asked to store it itself (`keepCacheEntry`). */
  cacheEntry?: CacheEntry;
}

export interface SynthesisOptions {
  /** The current persona when the material is to be merged into it. */
  existing?: Persona | undefined;
  /** Cancels the job (a client that disconnected); the budget applies whatever this is. */
  signal?: AbortSignal | undefined;
  onProgress?: OnProgress | undefined;
  /**
   * The caller stores a new extraction-cache entry itself (returned as `cacheEntry`): a create stores it in the
   * statement that stores the persona, which saves a statement of its own. Otherwise synthesis stores it while the
   * claims are assembled.
   */
  keepCacheEntry?: boolean | undefined;
}

const OFFLINE_USAGE: ExtractUsage = {
  engine: "offline",
  provider: null,
  model: null,
  llm_calls: 0,
  input_tokens: 0,
  output_tokens: 0,
};

/**
 * Fetches the URLs on the event loop (each failing alone, as a warning) and cleans every source in the pool. Each
 * page is cleaned as soon as it arrives, while slower pages are still on their way, so a create from many URLs takes
 * about as long as its slowest page rather than that plus the parsing of all of them. Sources keep the order of the
 * request: texts first, then pages in the order of `urls`.
 */
async function collectSources(
  job: JobScope,
  ctx: Ctx,
  input: MaterialInput,
  onProgress: OnProgress,
  /** The caller's own listener, if any: a pool task only opens a progress channel when someone listens. */
  listener: OnProgress | undefined,
  /** Text-only material: also answer with the digests of the raw texts (the extraction cache's key). */
  digestTexts: boolean,
): Promise<{ sources: PreparedSource[]; warnings: string[]; textDigests?: string[] }> {
  if (input.urls.length === 0) {
    if (charsOf(input.texts) > INLINE_MAX_CHARS) {
      return job.run("prepare", { texts: input.texts, fetched: [], digestTexts }, listener);
    }
    job.signal.throwIfAborted();
    return prepareMaterial(input.texts, [], digestTexts, listener);
  }
  const { fetchAll } = await import("../sources/fetch-url.ts");
  // Every page's fetch and pool task listens to the job's signal (Node warns past 10 listeners by default).
  setMaxListeners(10 + 2 * input.urls.length, job.signal);
  const total = input.texts.length + input.urls.length;
  let fetchedCount = 0;
  let cleaned = 0;
  const cleanedOne = <T>(count: number, result: T) => {
    cleaned += count;
    onProgress({ stage: "cleaning", done: cleaned, total });
    return result;
  };
  onProgress({ stage: "fetching", done: 0, total: input.urls.length });
  const texts =
    input.texts.length > 0
      ? job.run("prepare", { texts: input.texts, fetched: [] }).then((r) => cleanedOne(input.texts.length, r))
      : { sources: [], warnings: [] };
  // All URLs at once (at most MATERIAL_LIMITS.urls); the fetcher holds each host to its own limit.
  const pages = input.urls.map(async (url) => {
    const [result] = await fetchAll(ctx.fetcher, [url], { concurrency: 1, signal: job.signal });
    onProgress({ stage: "fetching", done: ++fetchedCount, total: input.urls.length });
    const page = result?.page;
    const fetched: FetchedMaterial = page
      ? {
          url,
          page: { finalUrl: page.finalUrl, contentType: page.contentType, body: page.body, fetchedAt: page.fetchedAt },
        }
      : { url, error: result?.error?.message ?? "no content" };
    return cleanedOne(1, await job.run("prepare", { texts: [], fetched: [fetched] }));
  });
  const parts = await Promise.all([texts, ...pages]);
  const sources = parts.flatMap((part) => part.sources).map((source, order) => ({ ...source, order }));
  return { sources, warnings: parts.flatMap((part) => part.warnings) };
}

/** The LLM extractor to use, or "offline" for the offline engine (which runs in the pool). */
export function chooseExtractor(ctx: Ctx, engine: Engine | undefined): Extractor | "offline" {
  const wanted = engine ?? (ctx.extractors.llm ? "llm" : "offline");
  if (wanted === "offline") return "offline";
  if (!ctx.extractors.llm) {
    throw new AppError("validation_failed", 'engine "llm" was requested but no LLM provider is configured', {
      errors: [{ path: "engine", message: "set LLM_PROVIDER (openai, anthropic or openai-compatible) to use it" }],
    });
  }
  return ctx.extractors.llm;
}

/** The persona's current values, for an extractor that reconciles near-duplicates while it reads. */
function existingValues(persona: Persona): ExistingValues {
  const values: ExistingValues = {};
  for (const field of PERSONA_FIELDS) {
    const value = persona[field];
    if (Array.isArray(value)) values[field] = value;
    else if (value !== null) values[field] = [String(value)];
  }
  return values;
}

type Extraction = ExtractResult & { equivalences: Equivalence[]; cached: boolean; cacheEntry?: CacheEntry };

type CachingModel = NonNullable<Extractor["description"]>;

/** An extraction-cache key and its read, started as soon as the key is known. */
interface CacheLookup {
  model: CachingModel;
  key: string;
  read: Promise<CachedExtraction | undefined>;
}

function lookUp(ctx: Ctx, model: CachingModel, key: string): CacheLookup {
  const read = readCachedExtraction(ctx, key);
  read.catch(() => {}); // awaited once the sources are ready; this only keeps an early failure from counting as unhandled
  return { model, key, read };
}

/** Raw text hashed on the event loop to read the cache while the pool cleans it: ~0.1 ms at this size. */
const EARLY_KEY_MAX_CHARS = 32 * 1024;

/**
 * The cache read of small text-only material, started before cleaning: keyed on the raw texts, it runs beside the
 * pool's prepare step instead of after it. Longer texts are hashed in the pool instead (no long hashing on the
 * event loop), and material with pages is keyed on its cleaned sources; both are read once cleaned.
 */
function earlyLookup(ctx: Ctx, input: MaterialInput, model: CachingModel): CacheLookup | undefined {
  if (input.urls.length > 0) return undefined;
  return charsOf(input.texts) <= EARLY_KEY_MAX_CHARS
    ? lookUp(ctx, model, textsCacheKey(input.texts.map(sha256), model))
    : undefined;
}

/**
 * Runs the LLM extractor (model calls are I/O, so on the event loop). Results are cached per tenant by material and
 * model, so identical input is not paid for twice; a merge hands the current values to an extractor that can
 * reconcile them in the same call.
 */
async function extractWithLlm(
  extractor: Extractor,
  sources: PreparedSource[],
  existing: Persona | undefined,
  /** Absent when the result is not cached: merges, and extractors that do not say which model answers. */
  lookup: CacheLookup | undefined,
  signal: AbortSignal,
  onProgress: OnProgress,
): Promise<Extraction> {
  const options = {
    signal,
    onProgress: (done: number, total: number) => onProgress({ stage: "extracting", done, total }),
  };
  if (existing && extractor.extractForMerge) {
    const { same_as, ...result } = await extractor.extractForMerge(sources, existingValues(existing), options);
    return { ...result, equivalences: same_as, cached: false };
  }
  if (!lookup) return { ...(await extractor.extract(sources, options)), equivalences: [], cached: false };
  const hit = await lookup.read;
  if (hit) {
    const usage = { engine: "llm" as const, ...lookup.model, llm_calls: 0, input_tokens: 0, output_tokens: 0 };
    return { ...cachedClaims(hit, sources), usage, equivalences: [], cached: true };
  }
  const result = await extractor.extract(sources, options);
  return { ...result, equivalences: [], cached: false, cacheEntry: cacheEntry(lookup.key, sources, result) };
}

/**
 * Material in, grounded persona out: fetch, clean, extract, verify every quote, assemble. Writes nothing but the
 * extraction cache. CPU-bound steps run in the synthesis pool, inside the job's time budget, except for small text
 * (INLINE_MAX_CHARS); fetching and model calls stay on the event loop. Throws 503 when the node's queue is full,
 * 504 past the budget.
 */
export async function synthesize(
  ctx: Ctx,
  input: MaterialInput,
  options: SynthesisOptions = {},
): Promise<SynthesisResult> {
  const extractor = chooseExtractor(ctx, input.engine);
  const onProgress = options.onProgress ?? (() => {});
  // LLM results are cached per tenant by material and model (a merge's depend on the persona too: not cached).
  const cachedBy =
    extractor !== "offline" && !(options.existing && extractor.extractForMerge) ? extractor.description : undefined;
  return ctx.pool.job(
    async (job) => {
      const started = performance.now();
      const early = cachedBy && earlyLookup(ctx, input, cachedBy);
      const digestTexts = Boolean(cachedBy) && !early;
      const { sources, warnings, textDigests } = await collectSources(
        job,
        ctx,
        input,
        onProgress,
        options.onProgress,
        digestTexts,
      );
      if (sources.length === 0) {
        throw new AppError("validation_failed", "None of the sources could be used", {
          errors: warnings.map((message) => ({ path: "urls", message })),
        });
      }
      let extracted: Extraction | undefined;
      if (extractor !== "offline") {
        let lookup = early;
        if (!lookup && cachedBy) {
          const key = textDigests ? textsCacheKey(textDigests, cachedBy) : sourcesCacheKey(sources, cachedBy);
          lookup = lookUp(ctx, cachedBy, key);
        }
        extracted = await extractWithLlm(extractor, sources, options.existing, lookup, job.signal, onProgress);
      }
      const entry = extracted?.cacheEntry;
      const assembling = (): Promise<AssembleResult> | AssembleResult => {
        if (!extracted) return job.run("assemble", { sources }, options.onProgress);
        if (!assemblesInline(sources, extracted.claims)) {
          return job.run("assemble", { sources, claims: extracted.claims }, options.onProgress);
        }
        job.signal.throwIfAborted();
        options.onProgress?.({ stage: "assembling", done: 0, total: 1 });
        return assemblePersona(extracted.claims, sources);
      };
      const [assembled] = await Promise.all([
        assembling(),
        // Stored while the claims are assembled: the cache write is not on the critical path.
        entry && !options.keepCacheEntry ? writeCachedExtraction(ctx, entry) : undefined,
      ]);
      return {
        sources,
        persona: assembled.persona,
        evidence: assembled.evidence,
        warnings: [...warnings, ...(extracted?.warnings ?? []), ...assembled.warnings],
        usage: {
          ...(extracted?.usage ?? assembled.usage ?? OFFLINE_USAGE),
          duration_ms: Math.round(performance.now() - started),
          ...(extracted?.cached ? { cached: true } : {}),
        },
        equivalences: extracted?.equivalences ?? [],
        ...(entry && options.keepCacheEntry ? { cacheEntry: entry } : {}),
      };
    },
    { signal: options.signal },
  );
}
