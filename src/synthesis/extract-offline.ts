/**
 * The offline engine: deterministic, rule-based extraction with no LLM. It identifies the subject, attributes every
 * sentence to a speaker and a topic, and runs cue-phrase rules and lexicons over the subject's sentences only.
 * Every claim quotes a verbatim span of a cleaned source; assemblePersona verifies that again.
 */
import type { PersonaField } from "../personas/schemas.ts";
import { normalizeText } from "./normalize.ts";
import { nameTokens } from "./offline/attribution/names.ts";
import { identifySubject } from "./offline/attribution/subject.ts";
import { attribute } from "./offline/attribution/units.ts";
import type { Candidate } from "./offline/engine/candidate.ts";
import { memo, newList, newMap } from "./offline/engine/memo.ts";
import { dropStaleLists, dropSupersededScalars, staleSources } from "./offline/engine/stale.ts";
import { ageCandidates } from "./offline/fields/age.ts";
import { styleCandidates } from "./offline/fields/communication-style.ts";
import { goalCandidates } from "./offline/fields/goals.ts";
import { interestCandidates } from "./offline/fields/interests.ts";
import { locationCandidates } from "./offline/fields/location.ts";
import { occupationCandidates } from "./offline/fields/occupation.ts";
import { CREDENTIAL } from "./offline/fields/occupation-phrase.ts";
import { painCandidates } from "./offline/fields/pain-points.ts";
import { skillCandidates } from "./offline/fields/skills.ts";
import { traitCandidates } from "./offline/fields/traits.ts";
import { valueCandidates } from "./offline/fields/values.ts";
import { foreignCandidates } from "./offline/languages/cues.ts";
import { refineOfflineClaims } from "./refine/refine.ts";
import type { Claim, CleanSource, ExtractOptions, Extractor, ExtractResult } from "./types.ts";

/** Each extra independent mention of the same scalar value adds this much confidence (capped). */
const CORROBORATION_BONUS = 0.03;
const MAX_CORROBORATION = 0.09;
/** Repeated mentions beyond this add no confidence and no useful evidence. */
const MAX_CORROBORATING_CLAIMS = 10;

/**
 * The check reads the role as written: occupationPhrase sheds "certified", "licensed" with the other modifiers, so the
 * value alone never holds them. A credential word among the few words right before the value in its quote counts.
 */
const CREDENTIAL_BEFORE = new RegExp(`${CREDENTIAL.source}(?:[\\s,]+[\\p{L}-]+){0,2}[\\s,]*$`, "iu");

function writtenWithCredential(candidate: Candidate): boolean {
  const value = String(candidate.value);
  const at = candidate.quote.toLowerCase().indexOf(value.toLowerCase());
  return at > 0 && CREDENTIAL_BEFORE.test(candidate.quote.slice(Math.max(0, at - 40), at));
}

/** "NICEIC Approved Contractor" names a credential, not the job; keep it only when nothing better exists. */
function penaliseCredentials(candidate: Candidate): Candidate {
  return CREDENTIAL.test(String(candidate.value)) || writtenWithCredential(candidate)
    ? { ...candidate, confidence: Math.min(candidate.confidence, 0.45) }
    : candidate;
}

function toClaim(candidate: Candidate, confidence = candidate.confidence): Claim {
  return {
    field: candidate.field,
    value: candidate.value,
    source_id: candidate.source.id,
    quote: candidate.quote,
    kind: candidate.kind,
    confidence: Math.round(Math.min(1, confidence) * 1000) / 1000,
    ...(candidate.rule !== undefined ? { rule: candidate.rule } : {}),
  };
}

/** Candidates of a producer that has no finer rule ids yet carry the producer's id, so the eval can rank it. */
function ruled(producer: string, candidates: readonly Candidate[]): Candidate[] {
  return candidates.map((c) => (c.rule === undefined ? { ...c, rule: `${c.field}/${producer}` } : c));
}

function valueKey(value: string | number): string {
  return typeof value === "number" ? String(value) : normalizeText(value);
}

/**
 * valueKey with each distinct value normalised once: long inputs repeat the same values thousands of times, and
 * Unicode normalisation costs about a microsecond a call.
 */
function valueKeys(): (value: string | number) => string {
  const known = new Map<string | number, string>();
  return (value) => memo(known, value, valueKey);
}

/**
 * One value per scalar, chosen here rather than in assembly because only the extractor knows where inside a source
 * a statement sits: the strongest cue wins, repeated mentions corroborate, and among equals the newer dated
 * statement (then the later one) wins.
 */
export function chooseScalar(candidates: readonly Candidate[]): Claim[] {
  if (candidates.length === 0) return [];
  // Keys and scores computed once per candidate, not inside the sort's comparator.
  const keyOfValue = valueKeys();
  const keyOf = (c: Candidate) => keyOfValue(c.value);
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(keyOf(c), (counts.get(keyOf(c)) ?? 0) + 1);
  const scores = new Map<Candidate, number>(
    candidates.map((c) => [
      c,
      c.confidence + Math.min(MAX_CORROBORATION, ((counts.get(keyOf(c)) ?? 1) - 1) * CORROBORATION_BONUS),
    ]),
  );
  const score = (c: Candidate) => scores.get(c) ?? c.confidence;
  const ranked = [...candidates].sort(
    (a, b) => score(b) - score(a) || (b.date ?? -Infinity) - (a.date ?? -Infinity) || b.position - a.position,
  );
  const best = ranked[0];
  if (best === undefined) return [];
  const key = keyOf(best);
  const bestScore = score(best);
  return ranked
    .filter((c) => keyOf(c) === key)
    .slice(0, MAX_CORROBORATING_CLAIMS)
    .map((c) => ({ ...toClaim(c, bestScore), value: best.value }));
}

/** Distinct values kept per list field before assembly (which keeps at most PERSONA_LIMITS.itemsPerList). */
const MAX_VALUES_PER_LIST = 200;

/**
 * Long inputs can yield thousands of candidates; assembly keeps 50 items with a few quotes each, so passing more
 * only costs time. Keeps the most confident values (earliest first among equals) and a few quotes per value.
 */
function boundListCandidates(candidates: readonly Candidate[]): Candidate[] {
  const byField = new Map<string, Map<string, Candidate[]>>();
  const keyOf = valueKeys();
  for (const c of candidates) {
    const list = memo(memo(byField, c.field, newMap<string, Candidate[]>), keyOf(c.value), newList<Candidate>);
    if (list.length < MAX_CORROBORATING_CLAIMS) list.push(c);
  }
  const kept: Candidate[] = [];
  for (const values of byField.values()) {
    const groups = [...values.values()].sort(
      (a, b) => Math.max(...b.map((c) => c.confidence)) - Math.max(...a.map((c) => c.confidence)),
    );
    for (const group of groups.slice(0, MAX_VALUES_PER_LIST)) kept.push(...group);
  }
  return kept;
}

function uniqueClaims(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  const keyOf = valueKeys();
  return claims.filter((claim) => {
    const key = `${claim.field}\u0000${keyOf(claim.value)}\u0000${claim.source_id}\u0000${claim.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class OfflineExtractor implements Extractor {
  readonly engine = "offline" as const;

  async extract(sources: CleanSource[], options: ExtractOptions = {}): Promise<ExtractResult> {
    options.signal?.throwIfAborted();
    return extractOffline(sources);
  }
}

/** Synchronous core of the offline engine (exported for tests and benchmarks). */
export function extractOffline(sources: readonly CleanSource[]): ExtractResult {
  const warnings: string[] = [];
  const subject = identifySubject(sources);
  const { units } = attribute(sources, subject.model, warnings);
  const matcher = subject.model.matcher;

  const scalarCandidates: Partial<Record<PersonaField, Candidate[]>> = {
    age: ruled("age", ageCandidates(units, matcher)),
    occupation: ruled("occupation", occupationCandidates(units, matcher).map(penaliseCredentials)),
    location: ruled("location", locationCandidates(units, matcher)),
    communication_style: ruled("style", styleCandidates(units)),
    // No background rules: the output pass writes it from the chosen facts, each with its own quote (refine/background.ts).
  };
  const claims: Claim[] = [];
  if (subject.name) {
    claims.push({
      field: "name",
      value: subject.name.value,
      source_id: subject.name.source.id,
      quote: subject.name.quote,
      kind: "stated",
      confidence: Math.min(1, 0.5 + subject.name.score / 10),
      rule: "name/subject",
    });
  }
  // An older dated source that a newer one contradicts (another job or place, a move, "out of date"): its job and
  // place lose to a newer source's, its goals and pain points describe a life since left (offline/engine/stale.ts).
  const stale = staleSources(units, [...(scalarCandidates.occupation ?? []), ...(scalarCandidates.location ?? [])]);
  for (const candidates of Object.values(scalarCandidates)) {
    claims.push(...chooseScalar(dropSupersededScalars(candidates ?? [], units, stale)));
  }

  const occupation = claims.find((c) => c.field === "occupation");
  const listCandidates = [
    ...ruled("traits", traitCandidates(units)),
    ...ruled("interests", interestCandidates(units)),
    ...ruled("skills", skillCandidates(units, typeof occupation?.value === "string" ? occupation.value : null)),
    ...ruled("values", valueCandidates(units)),
    ...ruled("goals", goalCandidates(units)),
    ...ruled("pain", painCandidates(units)),
    ...ruled("foreign", foreignCandidates(units)),
  ];
  // "My name is Maya": a person's name that is also a tool's (Autodesk Maya) is never a skill.
  const nameWords = new Set(subject.name ? nameTokens(subject.name.value).map((t) => t.toLowerCase()) : []);
  const notAName = (c: Candidate) => !(c.field === "skills" && nameWords.has(String(c.value).toLowerCase()));
  const kept = dropStaleLists(listCandidates.filter(notAName), stale);
  claims.push(...boundListCandidates(kept).map((c) => toClaim(c)));

  return {
    claims: refineOfflineClaims(uniqueClaims(claims), { sources, people: subject.model.people ?? [] }),
    warnings,
    usage: { engine: "offline", provider: null, model: null, llm_calls: 0, input_tokens: 0, output_tokens: 0 },
  };
}
