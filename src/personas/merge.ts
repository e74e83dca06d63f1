import { z } from "@hono/zod-openapi";
import { sameListItem } from "../synthesis/assemble.ts";
import { contentTokens, sameNormalized } from "../synthesis/normalize.ts";
import type { Equivalence } from "../synthesis/types.ts";
import {
  type Evidence,
  EvidenceEntry,
  LIST_FIELDS,
  PERSONA_LIMITS,
  type Persona,
  SCALAR_FIELDS,
  type ScalarField,
} from "./schemas.ts";

export interface PersonaDoc {
  persona: Persona;
  evidence: Evidence;
}

const Value = z.union([z.string(), z.number()]);

export const Conflict = z
  .object({
    field: z.string(),
    current: z.object({ value: Value, evidence: z.array(EvidenceEntry) }),
    incoming: z.object({ value: Value, evidence: z.array(EvidenceEntry) }),
    /** Which value the persona now holds. */
    resolution: z.enum(["current", "incoming"]),
    rule: z.enum(["recency", "stated_beats_inferred"]),
  })
  .openapi("Conflict");
export type Conflict = z.infer<typeof Conflict>;

export const Changes = z
  .object({
    added: z.array(z.object({ field: z.string(), value: Value, evidence: z.array(EvidenceEntry) })),
    updated: z.array(z.object({ field: z.string(), from: Value, to: Value, evidence: z.array(EvidenceEntry) })),
    conflicts: z.array(Conflict),
  })
  .openapi("Changes");
export type Changes = z.infer<typeof Changes>;

const isStated = (entries: EvidenceEntry[]) => entries.some((e) => e.kind === "stated");

function appendEvidence(into: EvidenceEntry[], more: EvidenceEntry[]): EvidenceEntry[] {
  const seen = new Set(into.map((e) => `${e.source_id}\u0000${e.quote}`));
  return [...into, ...more.filter((e) => !seen.has(`${e.source_id}\u0000${e.quote}`))];
}

/** "Manchester" -> "Manchester, UK": the incoming value says the same and more, so it is a refinement, not a clash. */
function refines(current: string | number, incoming: string | number): boolean {
  if (typeof current !== "string" || typeof incoming !== "string") return false;
  const incomingTokens = new Set(contentTokens(incoming));
  const currentTokens = contentTokens(current);
  return currentTokens.length > 0 && currentTokens.every((t) => incomingTokens.has(t));
}

export interface MergeOptions {
  /** New values an LLM judged to mean the same as existing ones. */
  equivalences?: readonly Equivalence[];
  /**
   * When the material of a source is from (ms since the epoch): its own date, else when it was added. Values whose
   * sources are unknown here count as older than any dated material.
   */
  materialTime?: (sourceId: string) => number | undefined;
}

/** The newest material behind a value: a value is as recent as the latest source that says it. */
function newestMaterial(entries: readonly EvidenceEntry[], materialTime: MergeOptions["materialTime"]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const entry of entries) newest = Math.max(newest, materialTime?.(entry.source_id) ?? Number.NEGATIVE_INFINITY);
  return newest;
}

/**
 * Merges a persona read from new material into the current one.
 * Scalars: equal values pool their evidence; a refinement replaces; a different value is decided by the date of the
 * material behind each value (newest wins, whatever order the material arrived in; a tie goes to the incoming value),
 * unless the current value is stated and the incoming one only inferred. Every replaced or kept-against value is a
 * conflict. Lists: union; near-duplicates (the same rule as extraction uses, `sameListItem`) pool evidence under the
 * existing wording.
 */
export function mergePersonaDocs(
  current: PersonaDoc,
  incoming: PersonaDoc,
  { equivalences = [], materialTime }: MergeOptions = {},
): { doc: PersonaDoc; changes: Changes } {
  // An LLM may have judged a new wording to mean an existing value; trust that alongside the token rule.
  const sameAs = (field: string, have: string | number, next: string | number) =>
    equivalences.some((e) => e.field === field && e.value === next && e.same_as === String(have));
  const persona: Persona = structuredClone(current.persona);
  const evidence: Evidence = structuredClone(current.evidence);
  const changes: Changes = { added: [], updated: [], conflicts: [] };

  const newer = (have: readonly EvidenceEntry[], next: readonly EvidenceEntry[]) =>
    newestMaterial(have, materialTime) > newestMaterial(next, materialTime);
  for (const field of SCALAR_FIELDS) mergeScalar(field, persona, evidence, incoming, changes, sameAs, newer);

  for (const field of LIST_FIELDS) {
    incoming.persona[field].forEach((item, i) => {
      const itemEvidence = incoming.evidence[field][i] ?? [];
      const existing = persona[field].findIndex((have) => sameListItem(have, item) || sameAs(field, have, item));
      if (existing >= 0) {
        evidence[field][existing] = appendEvidence(evidence[field][existing] ?? [], itemEvidence);
        return;
      }
      if (persona[field].length >= PERSONA_LIMITS.itemsPerList) return;
      persona[field].push(item);
      evidence[field].push(itemEvidence);
      changes.added.push({ field, value: item, evidence: itemEvidence });
    });
  }
  return { doc: { persona, evidence }, changes };
}

function mergeScalar(
  field: ScalarField,
  persona: Persona,
  evidence: Evidence,
  incoming: PersonaDoc,
  changes: Changes,
  sameAs: (field: string, have: string | number, next: string | number) => boolean,
  currentIsNewer: (have: readonly EvidenceEntry[], next: readonly EvidenceEntry[]) => boolean,
): void {
  const next = incoming.persona[field];
  const nextEvidence = incoming.evidence[field];
  if (next === null) return;
  const have = persona[field];
  const set = (value: string | number) => {
    // Each scalar has its own type; the schema validation of the merged persona re-checks it.
    (persona as Record<ScalarField, string | number | null>)[field] = value;
  };
  if (have === null) {
    set(next);
    evidence[field] = nextEvidence;
    changes.added.push({ field, value: next, evidence: nextEvidence });
    return;
  }
  const equal = typeof have === "string" && typeof next === "string" ? sameNormalized(have, next) : have === next;
  if (equal || sameAs(field, have, next)) {
    evidence[field] = appendEvidence(evidence[field], nextEvidence);
    return;
  }
  if (refines(have, next)) {
    set(next);
    evidence[field] = appendEvidence(nextEvidence, evidence[field]);
    changes.updated.push({ field, from: have, to: next, evidence: nextEvidence });
    return;
  }
  const haveEvidence = evidence[field];
  const statedBeatsInferred = isStated(haveEvidence) && !isStated(nextEvidence);
  const keepCurrent = statedBeatsInferred || currentIsNewer(haveEvidence, nextEvidence);
  changes.conflicts.push({
    field,
    current: { value: have, evidence: haveEvidence },
    incoming: { value: next, evidence: nextEvidence },
    resolution: keepCurrent ? "current" : "incoming",
    rule: statedBeatsInferred ? "stated_beats_inferred" : "recency",
  });
  if (keepCurrent) return;
  set(next);
  evidence[field] = nextEvidence;
  changes.updated.push({ field, from: have, to: next, evidence: nextEvidence });
}
