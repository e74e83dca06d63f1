/**
 * The offline persona's memory: the sentences of its own sources (attributed and linked to the fields they
 * evidence by synthesis/sentences.ts, on the synthesis pool) ranked for a question with MiniSearch (BM25). Built per
 * persona version and cached on the node; every step is linear in the material and bounded by MATERIAL_LIMITS, so a
 * persona with megabytes of sources costs no more than one with the caps' worth.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import type { Ctx } from "../../context.ts";
import { sources as sourcesTable } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { type EvidenceEntry, LIST_FIELDS, type PersonaField, SCALAR_FIELDS } from "../../personas/schemas.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { normalizeText } from "../../synthesis/normalize.ts";
import { SENTENCE_LIMITS } from "../../synthesis/sentence-limits.ts";
// Types only: attribution runs on the synthesis pool, and importing it here would load its NLP library at start-up.
import type { MaterialSentence, MaterialSource } from "../../synthesis/sentences.ts";
import { CURRENCY_AMOUNT, CURRENCY_TOKEN, RELATED, STOP_WORDS } from "./lexicon.ts";

export type { MaterialSentence, MaterialSource };

export const MATERIAL_LIMITS = {
  ...SENTENCE_LIMITS,
  /** Newest sources read for one persona (manual edits are not material). */
  sources: 40,
  /** Distinct terms of one question searched. */
  queryTerms: 48,
  /** Persona versions whose index a node keeps. */
  cacheEntries: 32,
} as const;

export interface Material {
  sentences: MaterialSentence[];
  byField: Map<PersonaField, number[]>;
  index: MiniSearch<MaterialSentence>;
  /** Every processed term of the sentences. */
  vocabulary: Set<string>;
}

export interface RankedSentence {
  sentence: MaterialSentence;
  /** BM25 score relative to the best match of the question (0..1]. */
  score: number;
}

const tokenize = (text: string) => normalizeText(text).split(" ");
/** Index-side tokens: the words, and CURRENCY_TOKEN after each amount of money. */
const tokenizeMaterial = (text: string) => tokenize(text.replace(CURRENCY_AMOUNT, (m) => `${m} ${CURRENCY_TOKEN}`));
const processTerm = (term: string) => (term.length < 2 || STOP_WORDS.has(term) ? null : stemmer(term));

/** A BM25 index over `text` with the retrieval's tokens and stems; search it with queryTerms (see searchIndex). */
export function newIndex<T extends { id: number; text: string }>(): MiniSearch<T> {
  return new MiniSearch<T>({
    fields: ["text"],
    storeFields: [],
    tokenize: tokenizeMaterial,
    processTerm,
    // Queries arrive as already-processed terms (see queryTerms): stemming twice is not idempotent.
    searchOptions: { tokenize: (q) => q.split(" "), processTerm: (t) => t, combineWith: "OR" },
  });
}

/** No material: a persona without sources (imported, or every value set by hand). */
export const NO_MATERIAL: Material = {
  sentences: [],
  byField: new Map(),
  index: newIndex<MaterialSentence>(),
  vocabulary: new Set(),
};

/** Evidence entries of each field (list fields flattened), for linking sentences to fields. */
export function evidenceByField(persona: PersonaRow): Array<[PersonaField, EvidenceEntry]> {
  const out: Array<[PersonaField, EvidenceEntry]> = [];
  for (const field of SCALAR_FIELDS) for (const e of persona.evidence[field] ?? []) out.push([field, e]);
  for (const field of LIST_FIELDS)
    for (const item of persona.evidence[field] ?? []) for (const e of item) out.push([field, e]);
  return out;
}

/** The memory from already attributed sentences: the field links and the BM25 index (on this thread: bounded). */
export function materialOf(sentences: MaterialSentence[]): Material {
  const byField = new Map<PersonaField, number[]>();
  for (const s of sentences)
    for (const field of s.fields) {
      const ids = byField.get(field);
      if (ids) ids.push(s.id);
      else byField.set(field, [s.id]);
    }
  const index = newIndex<MaterialSentence>();
  index.addAll(sentences);
  return { sentences, byField, index, vocabulary: vocabularyOf(sentences.map((s) => s.text)) };
}

/** A question as search terms. */
export interface Query {
  /** Each term with its weight: the question's own words 1, related words 0.5. */
  weights: Map<string, number>;
  /**
   * What the question is about, one set of terms per idea: a word of the question with the words related to it
   * ("signs off" with approve, authorise, …). A match is judged by how many ideas it covers.
   */
  concepts: Set<string>[];
}

/**
 * The question as search terms: its own content words (weight 1) and the words related to its phrases (lower
 * weight, so the material's own wording still wins), stemmed like the index.
 */
export function queryTerms(message: string): Query {
  const words = tokenize(message).filter((w) => w !== "");
  const weights = new Map<string, number>();
  let concepts: Set<string>[] = [];
  for (const w of words) {
    const term = processTerm(w);
    if (!term || weights.has(term) || weights.size >= MATERIAL_LIMITS.queryTerms) continue;
    weights.set(term, 1);
    concepts.push(new Set([term]));
  }
  const grams = new Set<string>();
  for (let i = 0; i < words.length; i += 1) {
    grams.add(words[i] ?? "");
    if (i + 1 < words.length) grams.add(`${words[i]} ${words[i + 1]}`);
    if (i + 2 < words.length) grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  }
  for (const group of RELATED) {
    const said = group.filter((phrase) => grams.has(normalizeText(phrase)));
    if (said.length === 0) continue;
    // The words of the question that named this group join its idea (so "signs off" is one idea, not two).
    const own = new Set(said.flatMap((phrase) => tokenize(phrase).flatMap((w) => processTerm(w) ?? [])));
    const idea = new Set(own);
    for (const phrase of group) {
      for (const w of tokenize(phrase)) {
        const term = processTerm(w);
        if (!term) continue;
        idea.add(term);
        if (!weights.has(term) && weights.size < MATERIAL_LIMITS.queryTerms) weights.set(term, 0.5);
      }
    }
    const merged = concepts.filter((c) => [...c].some((t) => own.has(t)));
    for (const c of merged) for (const t of c) idea.add(t);
    concepts = [...concepts.filter((c) => !merged.includes(c)), idea];
  }
  return { weights, concepts };
}

/**
 * Whether a match answers the question: it covers at least one of the question's ideas, and no fewer than the
 * ideas the material never mentions at all. "Which football team do you support?" matching only "team" is not an
 * answer when the material never says "football" or "support"; "who signs off on purchases?" matching approval and
 * an amount is.
 */
function answers(query: Query, matched: ReadonlySet<string>, vocabulary: ReadonlySet<string>): boolean {
  let covered = 0;
  let unknown = 0;
  for (const idea of query.concepts) {
    const terms = [...idea];
    if (terms.some((t) => matched.has(t))) covered += 1;
    else if (!terms.some((t) => vocabulary.has(t))) unknown += 1;
  }
  return covered > 0 && covered >= unknown;
}

/** The processed terms of texts as the index sees them (its vocabulary), to tell what the material never mentions. */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts)
    for (const w of tokenizeMaterial(text)) {
      const term = processTerm(w);
      if (term) out.add(term);
    }
  return out;
}

/** Ids of an index built by newIndex that answer the question, best first, scored relative to the best (0..1]. */
export function searchIndex<T extends { id: number; text: string }>(
  index: MiniSearch<T>,
  vocabulary: ReadonlySet<string>,
  message: string,
): Array<{ id: number; score: number }> {
  const query = queryTerms(message);
  if (query.weights.size === 0 || index.documentCount === 0) return [];
  const results = index
    .search([...query.weights.keys()].join(" "), { boostTerm: (term) => query.weights.get(term) ?? 1 })
    .filter((r) => answers(query, new Set(r.terms), vocabulary));
  const best = results[0]?.score ?? 0;
  if (best <= 0) return [];
  return results.map((r) => ({ id: r.id as number, score: r.score / best }));
}

/** The material's sentences for a question, best first, each with its relative BM25 score. */
export function searchMaterial(material: Material, message: string): RankedSentence[] {
  const out: RankedSentence[] = [];
  for (const r of searchIndex(material.index, material.vocabulary, message)) {
    const sentence = material.sentences[r.id];
    if (sentence) out.push({ sentence, score: r.score });
  }
  return out;
}

/** The persona's sources as material: newest first, manual edits left out, each read only up to its cap. */
export async function loadMaterialSources(ctx: Ctx, personaId: string): Promise<MaterialSource[]> {
  const rows = await ctx.database.db
    .select({
      id: sourcesTable.id,
      kind: sourcesTable.kind,
      title: sourcesTable.title,
      // Only the part that will be indexed leaves the database.
      text: sql<string>`left(${sourcesTable.content}, ${MATERIAL_LIMITS.charsPerSource})`,
    })
    .from(sourcesTable)
    .where(
      and(
        eq(sourcesTable.tenantId, ctx.tenantId),
        eq(sourcesTable.personaId, personaId),
        ne(sourcesTable.kind, "manual"),
      ),
    )
    .orderBy(desc(sourcesTable.createdAt), desc(sourcesTable.position))
    .limit(MATERIAL_LIMITS.sources);
  // Indexed oldest first, so a sentence's position follows the material's order; the newest are the ones kept.
  return rows.reverse();
}

/**
 * Built memories by tenant, persona and version (a version's sources never change, so an entry never goes stale),
 * as promises so concurrent replies to the same persona share one build.
 */
const cache = new Map<string, Promise<Material>>();

/**
 * The persona's memory for this version, from the node's cache or built now: the attribution on the synthesis
 * pool, the index here. A pool that refuses (busy) leaves the persona answering from its values alone this time.
 */
export async function materialFor(ctx: Ctx, persona: PersonaRow): Promise<Material> {
  const key = `${ctx.tenantId}:${persona.id}:${persona.version}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is the first one evicted below.
    cache.delete(key);
    cache.set(key, hit);
    // A build another reply started may still fail; that reply logs it, this one answers from the values too.
    return hit.catch(() => NO_MATERIAL);
  }
  const sources = await loadMaterialSources(ctx, persona.id);
  if (sources.length === 0) return NO_MATERIAL;
  const evidence = evidenceByField(persona);
  const building = ctx.pool.job((scope) => scope.run("sentences", { sources, evidence })).then(materialOf);
  cache.set(key, building);
  while (cache.size > MATERIAL_LIMITS.cacheEntries) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  try {
    return await building;
  } catch (error) {
    cache.delete(key);
    // The reply still comes, from the persona's values: a busy pool or a failed build costs recall, not the reply.
    const code = error instanceof AppError ? error.code : "internal";
    const log = code === "internal" ? ctx.logger.error.bind(ctx.logger) : ctx.logger.warn.bind(ctx.logger);
    log({ err: code, persona_id: persona.id }, "persona material not indexed; answering from values");
    return NO_MATERIAL;
  }
}
