/**
 * Occupation: every rule of the field in one table, in the order the engine has always read them (form and name
 * lines, owned businesses, verbs of work, self and third-person role sentences, inferred trades), then selection:
 * a bare "Owner" yields to a fuller role, a specific role is backed by its generic form, newer statements win.
 */
import type { NameMatcher } from "../attribution/names.ts";
import type { Candidate } from "../engine/candidate.ts";
import { memo } from "../engine/memo.ts";
import { type Rule, runRules } from "../engine/rules.ts";
import { flat, preferNewer } from "../engine/select.ts";
import { WHITESPACE } from "../engine/text.ts";
import type { Unit } from "../engine/unit.ts";
import { COMPANY_TRADE_RULE, LINE_RULES } from "./occupation-lines.ts";
import { OWNER_RULES, THIRD_TITLE_RULE } from "./occupation-owner.ts";
import { isJobTitle, occupationPhrase } from "./occupation-phrase.ts";
import { SELF_ROLE_RULES, THIRD_ROLE_RULES } from "./occupation-rules.ts";
import { VERB_INFERRED_RULE, WORK_RULES } from "./occupation-work.ts";

/** Every occupation rule, in engine order (the order candidates are made in, which selection's ties keep). */
export const OCCUPATION_RULES: readonly Rule[] = [
  ...LINE_RULES,
  ...OWNER_RULES,
  ...WORK_RULES,
  THIRD_TITLE_RULE,
  ...SELF_ROLE_RULES,
  ...THIRD_ROLE_RULES,
  VERB_INFERRED_RULE,
  COMPANY_TRADE_RULE,
];

/** A value that reads as a role: no brackets, labels or handles, at most six words. */
const ROLE_SHAPED = /^[^()[\]:@]+$/;
/**
 * A bare "CEO", "Director" or "Partner" says little about the work; any fuller role for the same person should win. (A
 * bare "Owner" or "Founder" is not weakened here: OWNERSHIP_ONLY drops it first.)
 */
const BARE_OWNER = /^(?:ceo|founder (?:&|and) ceo|co-founder (?:&|and) ceo|managing director|director|partner)$/i;

/**
 * "Owner", "founder/owner", "co-founder & owner": owning or founding something, with nothing of what it is or of the
 * work done there, is no occupation (the side role of someone whose trade the text gives elsewhere or not at all).
 */
const OWNERSHIP_ONLY =
  /^(?:co-?owner|owner|co-?founder|founder|proprietor)(?:\s*(?:\/|&|\+|and)\s*(?:co-?owner|owner|co-?founder|founder|proprietor))*$/i;

/**
 * "Owner and Director", "Founder & Principal", "Director/Owner": ownership joined only to a rank says as little of the
 * work as ownership alone (a title cut before its trade, "Owner & Principal" of "... Principal Veterinarian").
 */
const OWNER_WORD = "(?:co-?owner|owner|co-?founder|founder|proprietor)";
const RANK_WORD = "(?:principal|director|managing director|partner|managing partner|head|lead)";
const JOIN = "\\s*(?:\\/|&|\\+|and)\\s*";
const OWNERSHIP_AND_RANK = new RegExp(
  `^(?:${OWNER_WORD}(?:${JOIN}${OWNER_WORD})*${JOIN}${RANK_WORD}|${RANK_WORD}${JOIN}${OWNER_WORD})$`,
  "i",
);

const AMPERSAND = /\s+&\s+/;

/**
 * "Owner & Head Baker" -> "Owner and Head Baker": a title line's "&" between two roles, spelled as a persona's prose
 * would. Only between roles: "&" inside a name ("owner of Kopi & Kuih") is part of the name.
 */
function spelledJoin(title: string): string {
  const halves = title.split(AMPERSAND);
  if (halves.length !== 2) return title;
  const roles = halves.every((half) => occupationPhrase(half) !== null || isJobTitle(half));
  return roles ? halves.join(" and ") : title;
}

/** An academic degree alone ("PhD", "MBA") is a qualification the person holds or studies for, not their work. */
const DEGREE_ONLY =
  /^(?:ph\.?\s?d\.?|d\.?phil|mba|m\.?sc|b\.?sc|b\.?a|m\.?a|m\.?phil|m\.?res|ll\.?m|ll\.?b|m\.?eng|b\.?eng|ed\.?d)\.?$/i;

export function occupationCandidates(units: readonly Unit[], matcher: NameMatcher | null): Candidate[] {
  const scored = runRules(OCCUPATION_RULES, units, matcher)
    .filter((c) => ROLE_SHAPED.test(String(c.value)) && String(c.value).split(WHITESPACE).length <= 6)
    .filter((c) => {
      const value = String(c.value).trim();
      return !DEGREE_ONLY.test(value) && !OWNERSHIP_ONLY.test(value) && !OWNERSHIP_AND_RANK.test(value);
    })
    .map((c) => (BARE_OWNER.test(String(c.value)) ? { ...c, confidence: c.confidence - 0.2 } : c))
    .map((c) => (AMPERSAND.test(String(c.value)) ? { ...c, value: spelledJoin(String(c.value)) } : c));
  return preferNewer(preferSpecific(scored), 0.2);
}

/** "chemistry teacher" and "teacher" from the same person: the specific value is backed by the generic one. */
function preferSpecific(candidates: Candidate[]): Candidate[] {
  const flats = candidates.map((c) => flat(c.value));
  const values = [...new Set(flats)];
  // Whether a value ends on another one, decided once per value: a long text repeats its few values many times.
  const specific = new Map<string, boolean>();
  const isSpecific = (value: string) => values.some((other) => other !== value && value.endsWith(` ${other}`));
  return candidates.map((c, k) => {
    const value = flats[k] as string;
    return memo(specific, value, isSpecific) ? { ...c, confidence: c.confidence + 0.02 } : c;
  });
}
