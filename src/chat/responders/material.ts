/**
 * The offline persona's memory: the sentences of its own sources, attributed (whose "I", about whom) by the same
 * code the offline extractor uses, linked to the persona fields they evidence, and ranked for a question with
 * MiniSearch (BM25). Built per persona version and cached on the node; every step is linear in the material and
 * bounded by MATERIAL_LIMITS, so a persona with megabytes of sources costs no more than one with the caps' worth.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import type { Ctx } from "../../context.ts";
import { sources as sourcesTable } from "../../db/schema.ts";
import { type EvidenceEntry, LIST_FIELDS, type PersonaField, SCALAR_FIELDS } from "../../personas/schemas.ts";
import type { PersonaRow } from "../../personas/store.ts";
import { normalizeText } from "../../synthesis/normalize.ts";
import { identifySubject } from "../../synthesis/offline/attribution/subject.ts";
import { attribute } from "../../synthesis/offline/attribution/units.ts";
import type { CleanSource } from "../../synthesis/types.ts";
import { CURRENCY_AMOUNT, CURRENCY_TOKEN, RELATED, STOP_WORDS } from "./lexicon.ts";

export const MATERIAL_LIMITS = {
  /** Newest sources read for one persona (manual edits are not material). */
  sources: 40,
  /** Characters read from the start of each source, and in all. */
  charsPerSource: 30_000,
  totalChars: 120_000,
  /** Sentences indexed; longer "sentences" (tables, run-ons) are skipped. */
  sentences: 2_000,
  sentenceChars: 600,
  /** Evidence entries without offsets (older data) placed by text. */
  unplacedEvidence: 200,
  /** Distinct terms of one question searched. */
  queryTerms: 48,
  /** Persona versions whose index a node keeps. */
  cacheEntries: 32,
} as const;

export interface MaterialSource {
  id: string;
  kind: CleanSource["kind"] | "imported";
  text: string;
  title?: string | null;
}

export interface MaterialSentence {
  id: number;
  sourceId: string;
  /** Verbatim: `source.text.slice(start, end) === text`. */
  text: string;
  start: number;
  end: number;
  /** The persona speaking as "I". */
  firstPerson: boolean;
  /** The attribution says the sentence is about the persona (in the third person when not firstPerson). */
  aboutPersona: boolean;
  /** Persona fields whose evidence lies within this sentence. */
  fields: PersonaField[];
}

export interface Material {
  sentences: MaterialSentence[];
  byField: Map<PersonaField, number[]>;
  index: MiniSearch<MaterialSentence>;
  /** Every processed term of the sentences. */
  vocabulary: Set<string>;
}

export interface RankedSentence {
  sentence: MaterialSentence;
  /** BM25 score relative to the best match of the question (0..1), 0 when found only through its field. */
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
function evidenceByField(persona: PersonaRow): Array<[PersonaField, EvidenceEntry]> {
  const out: Array<[PersonaField, EvidenceEntry]> = [];
  for (const field of SCALAR_FIELDS) for (const e of persona.evidence[field] ?? []) out.push([field, e]);
  for (const field of LIST_FIELDS)
    for (const item of persona.evidence[field] ?? []) for (const e of item) out.push([field, e]);
  return out;
}

/**
 * Sentences worth saying as the persona: not someone else's "I" (an interviewer introducing herself), not a
 * question put to the persona, not a fragment.
 */
function keep(unit: { speaker: string; firstPerson: boolean; text: string }): boolean {
  if (unit.speaker === "other" && unit.firstPerson) return false;
  if (unit.speaker !== "subject" && /\?["”’]?\s*$/.test(unit.text)) return false;
  if (unit.text.length > MATERIAL_LIMITS.sentenceChars) return false;
  return tokenize(unit.text).filter((t) => t !== "" && !STOP_WORDS.has(t)).length >= 2;
}

/** Builds the memory from the persona and its sources (already capped by the caller or by loadMaterialSources). */
export function buildMaterial(persona: PersonaRow, sources: readonly MaterialSource[]): Material {
  const clean: CleanSource[] = [];
  let budget: number = MATERIAL_LIMITS.totalChars;
  for (const [order, s] of sources.entries()) {
    if (s.kind === "manual" || budget <= 0) continue;
    const text = s.text.slice(0, Math.min(MATERIAL_LIMITS.charsPerSource, budget));
    budget -= text.length;
    clean.push({
      id: s.id,
      kind: s.kind === "imported" ? "text" : s.kind,
      text,
      order,
      ...(s.title ? { title: s.title } : {}),
    });
  }
  const subject = identifySubject(clean);
  const { units } = attribute(clean, subject.model, []);

  const sentences: MaterialSentence[] = [];
  const cursor = new Map<string, number>();
  for (const unit of units) {
    if (sentences.length >= MATERIAL_LIMITS.sentences) break;
    const text = unit.source.text;
    // Units come in source order, so each is found just after the previous one: a bounded look-ahead keeps this
    // linear even if a unit were not where expected.
    const from = cursor.get(unit.source.id) ?? 0;
    const window = text.slice(from, from + unit.text.length + 4_000);
    const at = window.indexOf(unit.text);
    if (at < 0) continue;
    const start = from + at;
    cursor.set(unit.source.id, start + unit.text.length);
    if (!keep(unit)) continue;
    sentences.push({
      id: sentences.length,
      sourceId: unit.source.id,
      text: unit.text,
      start,
      end: start + unit.text.length,
      firstPerson: unit.firstPerson && unit.speaker !== "other",
      aboutPersona: unit.topic === "subject" || (unit.speaker === "subject" && unit.topic !== "other"),
      fields: [],
    });
  }

  // Link each evidence quote to the sentences it overlaps (by offsets; by text for older evidence without them).
  const bySource = new Map<string, MaterialSentence[]>();
  for (const s of sentences) {
    const list = bySource.get(s.sourceId);
    if (list) list.push(s);
    else bySource.set(s.sourceId, [s]);
  }
  const linked = new Map<PersonaField, Set<number>>();
  // Evidence stored before offsets existed is matched by text, a scan of its source's sentences: capped.
  let textMatches = 0;
  for (const [field, entry] of evidenceByField(persona)) {
    const list = bySource.get(entry.source_id) ?? [];
    const hasOffsets = entry.start !== undefined && entry.end !== undefined;
    if (!hasOffsets && ++textMatches > MATERIAL_LIMITS.unplacedEvidence) continue;
    const hits = hasOffsets
      ? overlapping(list, entry.start ?? 0, entry.end ?? 0)
      : list.filter((s) => s.text.includes(entry.quote) || entry.quote.includes(s.text));
    for (const s of hits) {
      if (!s.fields.includes(field)) s.fields.push(field);
      const ids = linked.get(field) ?? new Set<number>();
      ids.add(s.id);
      linked.set(field, ids);
    }
  }
  const byField = new Map([...linked].map(([field, ids]) => [field, [...ids].sort((a, b) => a - b)] as const));

  const index = newIndex<MaterialSentence>();
  index.addAll(sentences);
  return { sentences, byField, index, vocabulary: vocabularyOf(sentences.map((s) => s.text)) };
}

/** Sentences (sorted by start) overlapping [start, end): a binary search for the first, then a short walk. */
function overlapping(list: readonly MaterialSentence[], start: number, end: number): MaterialSentence[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: MaterialSentence[] = [];
  for (let i = lo; i < list.length; i += 1) {
    const s = list[i];
    if (!s || s.start >= end) break;
    out.push(s);
  }
  return out;
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

/** Built indexes by tenant, persona and version: a version's sources never change, so an entry never goes stale. */
const cache = new Map<string, Material>();

/** The persona's memory for this version, from the node's cache or built now from its sources. */
export async function materialFor(ctx: Ctx, persona: PersonaRow): Promise<Material> {
  const key = `${ctx.tenantId}:${persona.id}:${persona.version}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is the first one the loop below evicts.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const material = buildMaterial(persona, await loadMaterialSources(ctx, persona.id));
  cache.set(key, material);
  while (cache.size > MATERIAL_LIMITS.cacheEntries) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return material;
}
