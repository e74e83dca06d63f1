import { createHash } from "node:crypto";
import type { Ctx } from "../context.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { type Evidence, PERSONA_FIELDS, type Persona } from "../personas/schemas.ts";
import { fetchAll } from "../sources/fetch-url.ts";
import { htmlToText } from "../sources/html-to-text.ts";
import { assemblePersona } from "./assemble.ts";
import { cacheKey, readCachedExtraction, writeCachedExtraction } from "./cache.ts";
import { cleanText } from "./clean.ts";
import { dateOnLine } from "./offline/document.ts";
import type { CleanSource, Equivalence, ExistingValues, Extractor, ExtractResult, ExtractUsage } from "./types.ts";

/** Request limits, enforced before any work is done (documented in the README). */
export const MATERIAL_LIMITS = {
  texts: 20,
  urls: 25,
  charsPerText: 8_000_000,
  charsPerUrl: 2_048,
  fetchConcurrency: 4,
} as const;

export type Engine = "offline" | "llm";

export interface MaterialInput {
  texts: string[];
  urls: string[];
  engine?: Engine | undefined;
}

/** A cleaned source with what the API reports about it. */
export interface PreparedSource extends CleanSource {
  chars: number;
  sha256: string;
  fetchedAt?: string;
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
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function prepare(source: Omit<PreparedSource, "chars" | "sha256">): PreparedSource {
  return { ...source, chars: source.text.length, sha256: sha256(source.text) };
}

/** Turns a fetched body into plain text by its content type. */
function bodyToText(body: string, contentType: string, url: string): { title?: string; text: string } {
  if (/html|xml/.test(contentType)) return htmlToText(body, url);
  if (/json/.test(contentType)) {
    try {
      return { text: JSON.stringify(JSON.parse(body), null, 2) };
    } catch {
      return { text: body };
    }
  }
  return { text: body };
}

/** Lines read for a source's date: a dated header ("Call notes 2024-05-02") sits at the top. */
const DATE_HEADER_LINES = 3;

/**
 * The date the material is from, when its first lines say so. It orders sources by recency when they disagree
 * (the newer dated source wins), is stored as the source's material date and shown to the LLM with the source.
 */
export function materialDate(text: string): string | undefined {
  let seen = 0;
  for (const line of text.split("\n", 50)) {
    if (line.trim() === "") continue;
    const date = dateOnLine(line);
    if (date !== null) return new Date(date).toISOString().slice(0, 10);
    if (++seen >= DATE_HEADER_LINES) break;
  }
  return undefined;
}

/** Fetches the URLs (each failing alone, as a warning) and cleans every source. */
export async function collectSources(ctx: Ctx, input: MaterialInput, warnings: string[]): Promise<PreparedSource[]> {
  const sources: PreparedSource[] = [];
  let order = 0;
  input.texts.forEach((raw, i) => {
    const text = cleanText(raw);
    if (text.trim() === "") {
      warnings.push(`texts[${i}] is empty after cleaning and was skipped`);
      return;
    }
    const date = materialDate(text);
    sources.push(prepare({ id: newId("source"), kind: "text", text, order: order++, ...(date ? { date } : {}) }));
  });
  if (input.urls.length > 0) {
    const fetched = await fetchAll(ctx.fetcher, input.urls, { concurrency: MATERIAL_LIMITS.fetchConcurrency });
    for (const result of fetched) {
      if (result.error || !result.page) {
        warnings.push(`Could not use ${result.url}: ${result.error?.message ?? "no content"}`);
        continue;
      }
      const page = result.page;
      const { title, text: raw } = bodyToText(page.body, page.contentType, page.finalUrl);
      const text = cleanText(raw);
      if (text.trim() === "") {
        warnings.push(`Could not use ${result.url}: the page has no readable text`);
        continue;
      }
      sources.push(
        prepare({
          id: newId("source"),
          kind: "url",
          text,
          url: page.finalUrl,
          ...(title ? { title } : {}),
          fetchedAt: page.fetchedAt,
          order: order++,
        }),
      );
    }
  }
  return sources;
}

export function chooseExtractor(ctx: Ctx, engine: Engine | undefined) {
  const wanted = engine ?? (ctx.extractors.llm ? "llm" : "offline");
  if (wanted === "offline") return ctx.extractors.offline;
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

type Extraction = ExtractResult & { equivalences: Equivalence[]; cached: boolean };

/**
 * Runs the extractor. LLM results are cached per tenant by material and model, so identical input is not paid for
 * twice; a merge hands the current values to an extractor that can reconcile them in the same call.
 */
async function extract(
  ctx: Ctx,
  extractor: Extractor,
  sources: CleanSource[],
  existing: Persona | undefined,
  signal: AbortSignal | undefined,
): Promise<Extraction> {
  const options = signal ? { signal } : {};
  if (existing && extractor.extractForMerge) {
    const { same_as, ...result } = await extractor.extractForMerge(sources, existingValues(existing), options);
    return { ...result, equivalences: same_as, cached: false };
  }
  if (extractor.engine === "offline" || !extractor.description) {
    return { ...(await extractor.extract(sources, options)), equivalences: [], cached: false };
  }
  const key = cacheKey(sources, extractor.description);
  const hit = await readCachedExtraction(ctx, key, sources);
  if (hit) {
    const usage = { engine: "llm" as const, ...extractor.description, llm_calls: 0, input_tokens: 0, output_tokens: 0 };
    return { ...hit, usage, equivalences: [], cached: true };
  }
  const result = await extractor.extract(sources, options);
  await writeCachedExtraction(ctx, key, sources, result);
  return { ...result, equivalences: [], cached: false };
}

/**
 * Material in, grounded persona out: fetch, clean, extract, verify every quote, assemble. Writes nothing but the
 * extraction cache. `existing` is the current persona when the material is to be merged into it.
 */
export async function synthesize(
  ctx: Ctx,
  input: MaterialInput,
  options: { existing?: Persona; signal?: AbortSignal } = {},
): Promise<SynthesisResult> {
  const started = performance.now();
  const extractor = chooseExtractor(ctx, input.engine);
  const warnings: string[] = [];
  const sources = await collectSources(ctx, input, warnings);
  if (sources.length === 0) {
    throw new AppError("validation_failed", "None of the sources could be used", {
      errors: warnings.map((message) => ({ path: "urls", message })),
    });
  }
  const extracted = await extract(ctx, extractor, sources, options.existing, options.signal);
  const assembled = assemblePersona(extracted.claims, sources);
  return {
    sources,
    persona: assembled.persona,
    evidence: assembled.evidence,
    warnings: [...warnings, ...extracted.warnings, ...assembled.warnings],
    usage: {
      ...extracted.usage,
      duration_ms: Math.round(performance.now() - started),
      ...(extracted.cached ? { cached: true } : {}),
    },
    equivalences: extracted.equivalences,
  };
}
