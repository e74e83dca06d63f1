/**
 * The offline engine's output pass, after candidate selection: every list value is tidied and kept only when it
 * reads as an item a person would write and is not a person's name; background becomes a summary of the chosen
 * facts. Runs on claims, so it knows nothing of how the rules found them; each kept claim keeps its own quote.
 */
import { isListField, PERSONA_LIMITS } from "../../personas/schemas.ts";
import { normalizeText } from "../normalize.ts";
import { STARTS_UPPER } from "../offline/engine/text.ts";
import type { Claim, CleanSource } from "../types.ts";
import { summarizeBackground } from "./background.ts";
import { completeRange, cutBeforeNoun, itemProblem, labelsAnswer, tidyItem } from "./items.ts";
import { isPersonName, personWords } from "./people.ts";

export interface RefineContext {
  sources: readonly CleanSource[];
  /** Words the engine already knows to name people other than the subject. */
  people?: Iterable<string>;
}

/**
 * Assembly keeps at most PERSONA_LIMITS.itemsPerList items per field, most confident first; checking values in that
 * order and stopping at twice as many accepted ones bounds the tagging work on very long inputs.
 */
const CHECKED_VALUES_PER_LIST = PERSONA_LIMITS.itemsPerList * 2;

export function refineOfflineClaims(claims: readonly Claim[], context: RefineContext): Claim[] {
  const subjectNames = claims.filter((c) => c.field === "name").map((c) => String(c.value));
  let names: Set<string> | undefined;
  const namesNow = () => {
    names ??= personWords(context.sources, [...subjectNames, ...(context.people ?? [])]);
    return names;
  };
  const verdicts = new Map<string, string | null>();
  const accepted = new Map<string, number>();
  const order = claims
    .map((claim, index) => ({ claim, index }))
    .sort((a, b) => (b.claim.confidence ?? 0) - (a.claim.confidence ?? 0) || a.index - b.index);
  const kept = new Map<number, Claim>();
  for (const { claim, index } of order) {
    if (!isListField(claim.field) || typeof claim.value !== "string") {
      kept.set(index, claim);
      continue;
    }
    const value = tidyItem(completeRange(claim.value, claim.quote));
    const key = `${claim.field}\u0000${normalizeText(value)}`;
    const count = accepted.get(claim.field) ?? 0;
    const judged = verdicts.has(key);
    // A value dropped whatever its quote says (judged no item, or new past the bound) skips the quote's checks below:
    // cutBeforeNoun tags words, per claim.
    if (judged ? verdicts.get(key) !== null : count >= CHECKED_VALUES_PER_LIST) continue;
    // Whether the value heads a form line or stops short of its noun depends on this claim's quote, so neither is
    // part of the cached verdict.
    if (labelsAnswer(value, claim.quote) || cutBeforeNoun(value, claim.quote)) continue;
    if (!judged) {
      const named = STARTS_UPPER.test(value) && isPersonName(value, namesNow());
      const problem = itemProblem(value, claim.field) ?? (named ? "a person's name" : null);
      verdicts.set(key, problem);
      if (problem === null) accepted.set(claim.field, count + 1);
    }
    if (verdicts.get(key) === null) kept.set(index, { ...claim, value });
  }
  return summarizeBackground([...kept.entries()].sort(([a], [b]) => a - b).map(([, claim]) => claim));
}
