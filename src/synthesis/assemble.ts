/**
 * Claims -> persona. Extractors (offline or LLM) only propose claims; this module is where "evidence or it didn't
 * happen" is enforced: a claim whose quote cannot be aligned to a span of a source is dropped, every emitted value has
 * at least one evidence entry, and the result is validated against the Persona schema.
 */
import {
  type Evidence,
  type EvidenceEntry,
  emptyEvidence,
  emptyPersona,
  isListField,
  isScalarField,
  LIST_FIELDS,
  type ListField,
  PERSONA_LIMITS,
  Persona,
  SCALAR_FIELDS,
  type ScalarField,
} from "../personas/schemas.ts";
import { alignQuotes } from "./align.ts";
import { contentTokens, normalizeText } from "./normalize.ts";
import type { Claim, CleanSource } from "./types.ts";

const WHITESPACE_RUNS = /\s+/g;

export interface AssembledPersona {
  persona: Persona;
  evidence: Evidence;
  warnings: string[];
}

/** Overlap at or above which two list items are the same item said differently. */
export const LIST_DEDUPE_OVERLAP = 0.66;
const DEFAULT_CONFIDENCE = 0.5;

interface VerifiedClaim {
  claim: Claim;
  value: string | number;
  source: CleanSource;
  entry: EvidenceEntry;
  confidence: number;
}

function truncateAtWord(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trim();
}

function maxCharsFor(field: string): number {
  if (field === "background") return PERSONA_LIMITS.backgroundChars;
  return isListField(field) ? PERSONA_LIMITS.itemChars : PERSONA_LIMITS.scalarChars;
}

/** The claim's value in the shape its field needs, or a reason it cannot be used. */
function coerceValue(claim: Claim): { value: string | number } | { problem: string } {
  if (claim.field === "age") {
    const age = typeof claim.value === "number" ? claim.value : Number.NaN;
    if (!Number.isInteger(age) || age < 0 || age > PERSONA_LIMITS.maxAge)
      return { problem: "age is not a whole number in range" };
    return { value: age };
  }
  if (typeof claim.value !== "string") return { problem: "value is not text" };
  const text = truncateAtWord(claim.value.replace(WHITESPACE_RUNS, " ").trim(), maxCharsFor(claim.field));
  if (text === "") return { problem: "value is empty" };
  return { value: text };
}

function verifyClaims(claims: readonly Claim[], sources: readonly CleanSource[], warnings: string[]): VerifiedClaim[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  const known: Claim[] = [];
  for (const claim of claims) {
    if (!isScalarField(claim.field) && !isListField(claim.field)) {
      warnings.push(`dropped a claim for unknown field "${String(claim.field)}"`);
    } else if (!byId.has(claim.source_id)) {
      warnings.push(`dropped a ${claim.field} claim: unknown source "${claim.source_id}"`);
    } else {
      known.push(claim);
    }
  }
  const aligned = alignQuotes(known, sources);
  const verified: VerifiedClaim[] = [];
  known.forEach((claim, index) => {
    const span = aligned[index];
    const source = span ? byId.get(span.source_id) : undefined;
    if (!span || !source) {
      warnings.push(`dropped a ${claim.field} claim: its quote is not a span of source "${claim.source_id}"`);
      return;
    }
    const coerced = coerceValue(claim);
    if ("problem" in coerced) {
      warnings.push(`dropped a ${claim.field} claim: ${coerced.problem}`);
      return;
    }
    const confidence = Math.min(1, Math.max(0, claim.confidence ?? DEFAULT_CONFIDENCE));
    // The stored quote is the source's own text for the aligned span, never the extractor's wording.
    const entry: EvidenceEntry = {
      source_id: source.id,
      quote: span.quote,
      start: span.start,
      end: span.end,
      kind: claim.kind,
    };
    verified.push({ claim, value: coerced.value, source, entry, confidence });
  });
  return verified;
}

function dateValue(source: CleanSource): number | null {
  if (source.date === undefined) return null;
  const time = Date.parse(source.date);
  return Number.isNaN(time) ? null : time;
}

/** Positive when `a` is newer than `b`: by date when both are dated, else by position in the request. */
export function compareRecency(a: CleanSource, b: CleanSource): number {
  const da = dateValue(a);
  const db = dateValue(b);
  if (da !== null && db !== null && da !== db) return da - db;
  return a.order - b.order;
}

/** Sort order for competing scalar claims: confidence, then the newer source, then stated over inferred. */
function preferClaim(a: VerifiedClaim, b: VerifiedClaim): number {
  if (a.confidence !== b.confidence) return b.confidence - a.confidence;
  const recency = compareRecency(b.source, a.source);
  if (recency !== 0) return recency;
  const kindRank = (c: VerifiedClaim) => (c.entry.kind === "stated" ? 0 : 1);
  return kindRank(a) - kindRank(b);
}

/** Evidence is for people to check a value; beyond a handful of quotes more adds noise and cost, not trust. */
export const MAX_EVIDENCE_PER_VALUE = 10;

function addEntry(entries: EvidenceEntry[], entry: EvidenceEntry): void {
  if (entries.length >= MAX_EVIDENCE_PER_VALUE) return;
  if (!entries.some((e) => e.source_id === entry.source_id && e.quote === entry.quote)) entries.push(entry);
}

function sameValue(a: string | number, b: string | number): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  return normalizeText(a) === normalizeText(b);
}

function assembleScalar(
  field: ScalarField,
  claims: readonly VerifiedClaim[],
): { value: string | number; entries: EvidenceEntry[] } | null {
  const ranked = claims.filter((c) => c.claim.field === field).sort(preferClaim);
  const best = ranked[0];
  if (best === undefined) return null;
  const entries: EvidenceEntry[] = [];
  // Other claims for the same value corroborate it; claims for other values lost and add nothing.
  for (const c of ranked) if (sameValue(c.value, best.value)) addEntry(entries, c.entry);
  return { value: best.value, entries };
}

interface PreparedItem {
  normalized: string;
  tokens: Set<string>;
}

function prepareItem(value: string): PreparedItem {
  return { normalized: normalizeText(value), tokens: new Set(contentTokens(value)) };
}

function samePrepared(a: PreparedItem, b: PreparedItem): boolean {
  if (a.normalized === b.normalized) return true;
  if (a.tokens.size === 0 || b.tokens.size === 0) return false;
  const [small, large] = a.tokens.size <= b.tokens.size ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared += 1;
  if (shared === small.size) return true;
  return shared / large.size >= LIST_DEDUPE_OVERLAP;
}

/** Two list items are the same when equal after normalisation, one's words contain the other's, or they overlap. */
export function sameListItem(a: string, b: string): boolean {
  return samePrepared(prepareItem(a), prepareItem(b));
}

function assembleList(
  field: ListField,
  claims: readonly VerifiedClaim[],
): { items: string[]; entries: EvidenceEntry[][] } {
  // Most confident first so the cap keeps the best items; a stable sort keeps extraction order among equals.
  const ranked = claims.filter((c) => c.claim.field === field).sort((a, b) => b.confidence - a.confidence);
  const items: string[] = [];
  const prepared: PreparedItem[] = [];
  const entries: EvidenceEntry[][] = [];
  for (const c of ranked) {
    const value = String(c.value);
    const candidate = prepareItem(value);
    // Items are capped, so this scan is bounded by the cap, not by the number of claims.
    const index = prepared.findIndex((item) => samePrepared(item, candidate));
    if (index >= 0) {
      const existing = entries[index];
      if (existing !== undefined) addEntry(existing, c.entry);
      continue;
    }
    if (items.length >= PERSONA_LIMITS.itemsPerList) continue;
    items.push(value);
    prepared.push(candidate);
    entries.push([c.entry]);
  }
  return { items, entries };
}

function setScalar(persona: Persona, field: ScalarField, value: string | number): void {
  if (field === "age") {
    if (typeof value === "number") persona.age = value;
    return;
  }
  if (typeof value === "string") persona[field] = value;
}

/** Verify, choose, de-duplicate, cap and validate. Never emits a value without evidence. */
export function assemblePersona(claims: readonly Claim[], sources: readonly CleanSource[]): AssembledPersona {
  const warnings: string[] = [];
  const verified = verifyClaims(claims, sources, warnings);
  const persona = emptyPersona();
  const evidence = emptyEvidence();

  for (const field of SCALAR_FIELDS) {
    const chosen = assembleScalar(field, verified);
    if (chosen === null) continue;
    setScalar(persona, field, chosen.value);
    evidence[field] = chosen.entries;
  }
  for (const field of LIST_FIELDS) {
    const { items, entries } = assembleList(field, verified);
    persona[field] = items;
    evidence[field] = entries;
  }

  const parsed = Persona.safeParse(persona);
  if (parsed.success) return { persona: parsed.data, evidence, warnings };
  // Unreachable with the coercion above, but a bad field must cost that field, not the whole persona.
  const repaired = emptyPersona();
  const repairedEvidence = emptyEvidence();
  const badFields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  for (const field of SCALAR_FIELDS) {
    const value = persona[field];
    if (badFields.has(field) || value === null) continue;
    setScalar(repaired, field, value);
    repairedEvidence[field] = evidence[field];
  }
  for (const field of LIST_FIELDS) {
    if (badFields.has(field)) continue;
    repaired[field] = persona[field];
    repairedEvidence[field] = evidence[field];
  }
  for (const field of badFields) warnings.push(`dropped ${field}: value failed persona validation`);
  return { persona: repaired, evidence: repairedEvidence, warnings };
}
