/**
 * Background as a short summary of the facts the engine established ("Priya, 41, operations manager in Columbus."),
 * not a raw sentence of the material. The summary is one claim per fact it restates, all with the same value, so the
 * persona's background evidence lists each fact's own quote.
 */
import type { Claim } from "../types.ts";

type Fact = "name" | "age" | "occupation" | "location";

function topClaim(claims: readonly Claim[], field: Fact): Claim | undefined {
  let best: Claim | undefined;
  for (const claim of claims) {
    if (claim.field === field && (best === undefined || (claim.confidence ?? 0) > (best.confidence ?? 0))) best = claim;
  }
  return best;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The summary sentence, or null when the facts say no more than a name (or an age). */
export function summarySentence(facts: Partial<Record<Fact, string | number>>): string | null {
  const { name, age, occupation, location } = facts;
  if (occupation === undefined && location === undefined) return null;
  const role =
    occupation !== undefined
      ? `${occupation}${location !== undefined ? ` in ${location}` : ""}`
      : `based in ${location}`;
  if (name !== undefined) return `${[name, age, role].filter((part) => part !== undefined).join(", ")}.`;
  return `${capitalised(role)}${age !== undefined ? `, aged ${age}` : ""}.`;
}

/** Replaces the engine's background claims with the summary of the chosen facts (none when there is none). */
export function summarizeBackground(claims: readonly Claim[]): Claim[] {
  const others = claims.filter((claim) => claim.field !== "background");
  const used: Claim[] = [];
  const facts: Partial<Record<Fact, string | number>> = {};
  for (const field of ["name", "age", "occupation", "location"] as const) {
    const claim = topClaim(others, field);
    if (claim === undefined) continue;
    facts[field] = claim.value;
    used.push(claim);
  }
  const value = summarySentence(facts);
  if (value === null) return others;
  const confidence = Math.min(...used.map((claim) => claim.confidence ?? 0.5));
  const summary = used.map(({ source_id, quote, kind }) => ({
    field: "background" as const,
    value,
    source_id,
    quote,
    kind,
    confidence,
    rule: "background/summary",
  }));
  return [...others, ...summary];
}
