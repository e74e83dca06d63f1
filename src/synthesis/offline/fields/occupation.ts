/** Rules for occupation. */
import type { EvidenceKind } from "../../../personas/schemas.ts";
import { type NameMatcher, nameTokens } from "../attribution/names.ts";
import { type Candidate, fromUnit } from "../engine/candidate.ts";
import { applyRules, lowerText } from "../engine/rules.ts";
import { flat, preferNewer } from "../engine/select.ts";
import { trimPunctuation } from "../engine/text.ts";
import { isAboutSubject, isSelf, type Unit } from "../engine/unit.ts";
import { FOREIGN_BUSINESSES } from "../lexicon/foreign-roles.ts";
import { BUSINESS_NOUNS, BUSINESS_TRADE, OCCUPATION_VERBS } from "../lexicon/occupations.ts";
import { PAST_OR_FUTURE } from "./location-place.ts";
import {
  isHeadAt,
  isJobTitle,
  isNameLine,
  isTitleCase,
  occupationPhrase,
  preferredTitle,
  tradeFromCompany,
  verbRole,
  workRoles,
} from "./occupation-phrase.ts";
import { SELF_ROLE_RULES, THIRD_ROLE_RULES } from "./occupation-rules.ts";

/** Needs a "?" (checked first: most lines have none). */
const WORK_QUESTION =
  /\b(?:what(?:'s|’s| is) your (?:day job|job|occupation|profession|line of work|role|job title|current role|work)|what do you do(?: for (?:work|a living))?|(?:your )?(?:occupation|job title|profession|day job)|what is your job|(?:your )?current role)\s*\?\s*(.+)$/i;

const FIELD_ROLE = /^(?:occupation|job|role|title|position|profession|job title|ocupación|profesión)\s*:\s*(.+)$/i;

/** "I own a family bakery", "she owns a 3-chair dental practice", "I run a guesthouse": owners are named after what they own. */
const OWNS_BUSINESS = new RegExp(
  `\\b(?:I|[Ss]he|[Hh]e|[Ww]e)?\\s*(?:own|owns|run|runs|running|co-own|co-owns|manage my|opened|founded|set up|started)\\s+(?:a|an|the|my|our|her|his)\\s+(?:(?:small|little|tiny|family|family-run|busy|local|\\d+-\\w+|independent|new|second|own)\\s+)*((?:[\\p{Ll}-]+\\s+)?(?:${BUSINESS_NOUNS}))\\b`,
  "gu",
);

/** Every OWNS_BUSINESS match contains one of these (its verbs, matched case-sensitively there too). */
const OWNS_VERB = /own|run|manage my|opened|founded|set up|started/;

/** "Head of Fleet Operations": titles that need no article ("is Head of X", not "is a Head of X"). */
const THIRD_TITLE =
  /^(?:[\p{L}\d.’' ]{1,40}?)\s+is\s+(?:the\s+)?((?:Head|Director|VP|Vice President|Chief)\s+of\s+[^,.;!?]{2,50})/u;

const SEGMENT_SPLIT = /\s*(?:[—–|·]|,)\s*/;
const SEGMENT_STOP = /^(?:plan|status|priority|channel)\b/i;
const SEGMENT_CLAUSE = /\b(?:I|we|my|our|he|she|they)\b/i;
const BRACKET_TAIL = /\s*\(.*$/;
const NAME_WORD_GAPS = /[^\p{L}'’-]+/u;
const WHITESPACE = /\s+/;
const POSSESSIVE = /['’]s$/;

/** Per matcher, what the per-unit name readers need, built once rather than for every unit. */
interface OwnName {
  /** The name's tokens, lowercased. */
  tokens: Set<string>;
  /** "Priya Nair (...)": the last name before a bracket, when the name has two tokens or more. */
  bracket: RegExp | null;
}
const ownNames = new WeakMap<NameMatcher, OwnName>();

function ownName(matcher: NameMatcher): OwnName {
  let own = ownNames.get(matcher);
  if (own === undefined) {
    const full = nameTokens(matcher.full);
    const last = full[full.length - 1];
    own = {
      tokens: new Set(matcher.tokens.map((t) => t.toLowerCase())),
      bracket: last && full.length >= 2 ? new RegExp(`\\b${last}\\s*\\(([^,)]{2,50})`, "u") : null,
    };
    ownNames.set(matcher, own);
  }
  return own;
}

/** "Dr. Wambui Njoroge, BVM, MSc — Wildlife Veterinarian, Laikipia": the first role segment after the subject's name. */
function rolesFromSegments(line: string, lower: string, matcher: NameMatcher | null): string | null {
  if (!matcher) return null;
  const { tokens } = ownName(matcher);
  // Pre-check: a part names the subject only if a name token occurs somewhere in the lowercased line.
  let named = false;
  for (const t of tokens) if (lower.includes(t)) named = true;
  if (!named) return null;
  const parts = line.split(SEGMENT_SPLIT);
  // The subject's name as whole words ("Ana" is not in "Banana").
  const nameIndex = parts.findIndex((part) =>
    part
      .toLowerCase()
      .split(NAME_WORD_GAPS)
      .some((w) => tokens.has(w.replace(POSSESSIVE, ""))),
  );
  if (nameIndex < 0) return null;
  for (const part of parts.slice(nameIndex + 1)) {
    if (SEGMENT_STOP.test(part)) break;
    // A clause ("and I coach my daughter's team") is not a title segment.
    const head = part.replace(BRACKET_TAIL, "");
    if (SEGMENT_CLAUSE.test(head) || head.split(WHITESPACE).length > 8) continue;
    const role = occupationPhrase(part);
    if (role) return role;
  }
  return null;
}

/** "Ana Ruiz — 1:1 notes — Data / Platform team": the author of a team's 1:1 notes leads that team. */
function ownTeam(line: string, matcher: NameMatcher | null): string | null {
  if (!matcher || !/\b1:1\b|\bone-on-one\b/i.test(line)) return null;
  const first = matcher.tokens[0];
  if (!first || !line.startsWith(first)) return null;
  const team = /[—–|]\s*([\p{L}& ]{2,30}?)(?:\s*\/[^—–|]*)?\s+team\s*$/u.exec(line)?.[1];
  return team ? `${team.trim()} team lead` : null;
}

/** "Priya Nair (Head of Operations, Acme)": the role in brackets after the subject's name. */
function parentheticalRole(text: string, matcher: NameMatcher | null): string | null {
  // The pattern needs a bracket: most units have none.
  if (!matcher || !text.includes("(")) return null;
  const { bracket } = ownName(matcher);
  if (!bracket) return null;
  const inside = bracket.exec(text)?.[1]?.trim();
  if (!inside) return null;
  return occupationPhrase(inside) ?? (isTitleCase(inside) ? inside : null);
}

/** A form answer to "What do you do?": the role phrase before any elaboration. */
function answerRole(answer: string): string | null {
  const first = (answer.split(/\s*(?:[,(;]|\s[—–-]\s|[—–])\s*/)[0] ?? "").trim();
  const verb = verbRole(first);
  if (verb) return verb;
  if (/^(?:I|I'm|I’m|I am|Im)\b/i.test(first)) return occupationPhrase(first.replace(/^.*?\b(?:a|an|as)\s+/i, ""));
  return plainRole(first);
}

/**
 * A free-text role answer or field value, kept only when it reads as a job title: cut before an organisation or
 * place ("Nurse at St Mary's", "baker, near Kumasi"), at most five words, no pronouns, verbs or brackets.
 */
function plainRole(raw: string): string | null {
  const role = trimPunctuation((raw.split(/\s*[,(;|·]\s*|\s+(?:at|@|near|in|for|with|from)\s+/)[0] ?? "").trim());
  if (!role || role.split(/\s+/).length > 5) return null;
  if (/\b(?:I|I'm|we|my|our|you|it|is|are|was|need|want|would|like|please|tool|app)\b/i.test(role)) return null;
  const words = role.split(/\s+/);
  return occupationPhrase(role) ?? (words.some((_, k) => isHeadAt(words, k)) || isTitleCase(role) ? role : null);
}

/** An occupation candidate tagged with the producer that made it ("occupation/self-role"), for per-rule figures. */
function said(
  producer: string,
  unit: Unit,
  value: string,
  confidence: number,
  kind: EvidenceKind = "stated",
): Candidate {
  return { ...fromUnit(unit, "occupation", value, confidence, kind), rule: `occupation/${producer}` };
}

export function occupationCandidates(units: readonly Unit[], matcher: NameMatcher | null): Candidate[] {
  const out: Candidate[] = [];
  units.forEach((unit, i) => {
    const about = isAboutSubject(unit);
    // Line-level rules run once per line, not once per sentence of a (possibly huge) line.
    const firstOfLine = units[i - 1]?.line !== unit.line;
    const inline = firstOfLine && unit.line.includes("?") ? WORK_QUESTION.exec(unit.line) : null;
    // Form answers carry their question separately ("Q4. What do you do for work?" -> "Plumber, self-employed").
    const asked =
      firstOfLine && unit.speaker === "subject" && (unit.question.includes("?") || unit.text.includes("?"))
        ? WORK_QUESTION.exec(`${unit.question} ${unit.text}`)
        : null;
    const answer = inline ?? asked;
    if (answer?.[1] && unit.text.includes(answer[1].slice(0, 10))) {
      const role = answerRole(answer[1]);
      if (role) out.push(said("work-question", unit, role, 0.9));
    }
    const field = FIELD_ROLE.exec(unit.text);
    const fieldRole = field?.[1] && unit.topic !== "other" ? plainRole(field[1]) : null;
    if (fieldRole) out.push(said("field-label", unit, fieldRole, 0.85));
    const parenthetical = parentheticalRole(unit.text, matcher);
    if (parenthetical) out.push(said("name-parenthesis", unit, parenthetical, 0.75));
    const segmentRole = rolesFromSegments(unit.text, lowerText(unit), matcher);
    if (segmentRole && unit.text.length < 160) out.push(said("name-segments", unit, segmentRole, 0.8));
    const team = ownTeam(unit.text, matcher);
    if (team) out.push(said("own-team", unit, team, 0.6, "inferred"));
    // A name line followed by a title line (team pages, speaker lists).
    const previous = units[i - 1];
    if (
      previous &&
      matcher &&
      unit.line.length < 90 &&
      previous.text.length < 60 &&
      previous.text.split(/\s+/).length <= 5 &&
      isNameLine(previous.text) &&
      !/[:!?]|\.$/.test(unit.text.split(",")[0] ?? "") &&
      !/^(?:my|our|his|her|their|the|a|an|I|we)\b/i.test(unit.text)
    ) {
      const tokens = matcher.tokens.map((t) => t.toLowerCase());
      const prevLower = previous.text.toLowerCase();
      if (tokens.filter((t) => prevLower.includes(t)).length >= Math.min(2, tokens.length)) {
        const title = preferredTitle(unit.text.split(",")[0] ?? "");
        const namesSubject = tokens.some((t) => title.toLowerCase().includes(t));
        const role = namesSubject ? null : (occupationPhrase(title) ?? (isJobTitle(title) ? title.trim() : null));
        if (role) out.push(said("title-under-name", unit, role, 0.8));
      }
    }
    if (!about) return;
    // OWNS_BUSINESS needs one of its verbs (lowercase as written); most units have none, so test that first.
    const ownsVerb = OWNS_VERB.test(unit.text);
    const notBusiness =
      ownsVerb &&
      /\b(?:used to|anymore|any more|never|for fun|as a hobby|volunteer\w*|one day|someday|dream)\b/i.test(unit.text);
    const pastOrFuture = ownsVerb && PAST_OR_FUTURE.test(unit.text);
    for (const match of notBusiness || !ownsVerb ? [] : unit.text.matchAll(OWNS_BUSINESS)) {
      const business = trimPunctuation(match[1] ?? "").replace(/^(?:café|cafe)$/, "café");
      // "we opened a second shop" is the business's history; "runs the company" is too vague to name a trade.
      if (!business || /^(?:company|business|startup|start-up|estate)$/.test(business)) continue;
      // "I run a workshop for new parents", "I started a new school": events and schooling, not businesses.
      if (/\b(?:kitchen|workshop|stall)$/.test(business)) continue;
      const founding = /\b(?:opened|founded|set up|started)\b/.test(match[0]);
      if (founding && (pastOrFuture || /\b(?:school|practice|nursery|daycare|kindergarten)$/.test(business))) continue;
      const core = business.split(" ").slice(-1)[0] ?? business;
      const trade = BUSINESS_TRADE[business] ?? BUSINESS_TRADE[core];
      out.push(said("owns-business", unit, trade ?? `${business} owner`, 0.7));
    }
    for (const [pattern, role] of FOREIGN_BUSINESSES) {
      if ((isSelf(unit) || unit.topic === "subject") && pattern.test(unit.text))
        out.push(said("foreign-business", unit, role, 0.65));
    }
    for (const [role, confidence] of workRoles(units, i)) out.push(said("work-roles", unit, role, confidence));
    if (unit.topic === "subject" && unit.topicBy === "name") {
      const title = THIRD_TITLE.exec(unit.text.replace(/^[-•*]\s*/, ""));
      const role = title?.[1] ? occupationPhrase(title[1]) : null;
      if (role) out.push(said("third-title", unit, role, 0.75));
    }
    if (isSelf(unit)) {
      // "I'm a nurse", "my day job is ...", "started as ...": the subject's own role sentences, as rules.
      for (const c of applyRules(SELF_ROLE_RULES, unit, undefined, { units, i })) out.push(c);
    }
    // "Omar joined Brightline as ...", "Ana is a nurse", "A farmer, Ros ...", "soy camionera": as rules.
    for (const c of applyRules(THIRD_ROLE_RULES, unit, undefined, { units, i })) out.push(c);
    for (const [pattern, role] of OCCUPATION_VERBS) {
      if (pattern.test(unit.text)) out.push(said("verb-inferred", unit, role, 0.5, "inferred"));
    }
    const trade = tradeFromCompany(unit, matcher);
    if (trade) out.push(said("company-trade", unit, trade, 0.6, "inferred"));
  });
  // A bare "Owner" or "Founder" says nothing about the work; any fuller role for the same person should win.
  const scored = out
    .filter((c) => /^[^()[\]:@]+$/.test(String(c.value)) && String(c.value).split(/\s+/).length <= 6)
    .map((c) =>
      /^(?:owner|founder|co-founder|cofounder|proprietor|ceo|founder (?:&|and) ceo|co-founder (?:&|and) ceo|managing director|director|partner)$/i.test(
        String(c.value),
      )
        ? { ...c, confidence: c.confidence - 0.2 }
        : c,
    );
  return preferNewer(preferSpecific(scored), 0.2);
}

/** "chemistry teacher" and "teacher" from the same person: the specific value is backed by the generic one. */
function preferSpecific(candidates: Candidate[]): Candidate[] {
  const values = [...new Set(candidates.map((c) => flat(c.value)))];
  return candidates.map((c) => {
    const value = flat(c.value);
    return values.some((other) => other !== value && value.endsWith(` ${other}`))
      ? { ...c, confidence: c.confidence + 0.02 }
      : c;
  });
}
