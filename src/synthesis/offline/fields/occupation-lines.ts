/**
 * Occupation from lines rather than sentences: a form answer ("What do you do? Plumber"), a labelled field
 * ("Occupation: nurse"), and the lines around the subject's name (a role in brackets after it, the segments of a
 * signature or bio line, the title line under a name line, a company named after the surname), as rules.
 */
import { isOrganisationWord, NAME_GAPS, type NameMatcher, nameTokens, nameWordSet } from "../attribution/names.ts";
import { isFormAnswerLine } from "../engine/context.ts";
import { containsAny, patternCues, unspacedCues } from "../engine/cues.ts";
import { WHOLE } from "../engine/items.ts";
import { memo } from "../engine/memo.ts";
import { fieldRule, firstOfLine, lowerText, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { POSSESSIVE, trimPunctuation, WHITESPACE } from "../engine/text.ts";
import { notAboutOther, type Unit } from "../engine/unit.ts";
import { TRADE_WORDS } from "../lexicon/occupations.ts";
import {
  isHeadAt,
  isJobTitle,
  isNameLine,
  isTitleCase,
  occupationPhrase,
  preferredTitle,
} from "./occupation-phrase.ts";
import { verbRole } from "./occupation-work.ts";

/** Needs a "?" (checked first: most lines have none). */
const WORK_QUESTION =
  /\b(?:what(?:'s|’s| is) your (?:day job|job|occupation|profession|line of work|role|job title|current role|work)|what do you do(?: for (?:work|a living))?|(?:your )?(?:occupation|job title|profession|day job)|what is your job|(?:your )?current role)\s*\?\s*(.+)$/i;

const FIELD_ROLE =
  /^(?:(?:Q\s?\d{1,2}[.):]?|\d{1,2}[.)])\s+)?(?:occupation|job|role|title|position|profession|job title|ocupación|profesión)\s*:\s*(.+)$/i;

const SEGMENT_SPLIT = /\s*(?:[—–|·]|,)\s*/;
const SEGMENT_STOP = /^(?:plan|status|priority|channel)\b/i;
const SEGMENT_CLAUSE = /\b(?:I|we|my|our|he|she|they)\b/i;
/** "Supervisor: Dr. Colm Byrne": a labelled field of the record, naming someone else's role, not a title. */
const SEGMENT_LABEL = /^[\p{L} ]{2,30}:\s/u;
/** "owner & lead dentist": two roles joined into one title. */
const ROLE_JOIN = /\s+(?:&|and)\s+/;
const BRACKET_TAIL = /\s*\(.*$/;

/** Where a form answer's role phrase ends: before any elaboration. */
const ANSWER_CUT = /\s*(?:[,(;]|\s[—–-]\s|[—–])\s*/;
const SELF_OPENER = /^(?:I|I'm|I’m|I am|Im)\b/i;
const UP_TO_ARTICLE = /^.*?\b(?:a|an|as)\s+/i;
/** Where a free-text role ends: before an organisation or place ("Nurse at St Mary's", "baker, near Kumasi"). */
const ROLE_CUT = /\s*[,(;|·]\s*|\s+(?:at|@|near|in|for|with|from)\s+/;
const NOT_A_TITLE = /\b(?:I|I'm|we|my|our|you|it|is|are|was|need|want|would|like|please|tool|app)\b/i;

/**
 * A field's value that fills the blank without naming work: a placeholder ("N/A", "TBC", "see notes") or the
 * person's part in the document itself ("Applicant", "Respondent", "Participant").
 */
const NO_ROLE_VALUE =
  /^(?:n\/?a|none|nil|null|unknown|not (?:given|stated|known|applicable|provided)|tb[cd]|other|various|see\b.*|applicant|candidate|participant|respondent|interviewee|customer|client|user|guest|patient|member)$/i;

/** The first comma segment of a title line under a name line ("Orchard Manager, Hillside Farm"). */
const FIRST_SEGMENT = /^[^,]*/;
const SENTENCE_MARKS = /[:!?]|\.$/;
const SENTENCE_OPENER = /^(?:my|our|his|her|their|the|a|an|I|we)\b/i;
const PLAIN_NAME = /^[\p{L}'’-]+$/u;

/** Per matcher, what the per-unit name readers need, built once rather than for every unit. */
interface OwnName {
  /** The name's tokens, lowercased. */
  tokens: ReadonlySet<string>;
  /** "Priya Nair (...)": the last name before a bracket, when the name has two tokens or more. */
  bracket: RegExp | null;
  /** "Harris Plumbing Ltd": a capitalised word after the surname, and the surname when it is plain letters. */
  company: { pattern: RegExp; literal: string | null } | null;
}
const ownNames = new WeakMap<NameMatcher, OwnName>();

/** The last matcher asked about: one input has one, and the name readers ask for every unit. */
let lastOwn: { matcher: NameMatcher; own: OwnName } | null = null;

function ownName(matcher: NameMatcher): OwnName {
  if (lastOwn?.matcher !== matcher) lastOwn = { matcher, own: memo(ownNames, matcher, ownNameOf) };
  return lastOwn.own;
}

function ownNameOf(matcher: NameMatcher): OwnName {
  const full = nameTokens(matcher.full);
  const last = full[full.length - 1];
  const named = last !== undefined && full.length >= 2;
  return {
    tokens: nameWordSet(matcher),
    bracket: named ? new RegExp(`\\b${last}\\s*\\(([^,)]{2,50})`, "u") : null,
    company: named
      ? {
          pattern: new RegExp(`\\b${last}\\s+(\\p{Lu}\\p{Ll}+)(?:\\s+(?:Ltd|Limited|LLC|Inc|& Sons|Co)\\b)?`, "u"),
          // A surname of letters only matches itself, so a unit without it cannot match (checked first).
          literal: PLAIN_NAME.test(last) ? last : null,
        }
      : null,
  };
}

/** "Dr. Kofi Mensah, DDS, MPH — Community Dentist, Kumasi": the first role segment after the subject's name. */
function rolesFromSegments(line: string, lower: string, matcher: NameMatcher): string | null {
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
      .split(NAME_GAPS)
      .some((w) => tokens.has(w.replace(POSSESSIVE, ""))),
  );
  if (nameIndex < 0) return null;
  for (const part of parts.slice(nameIndex + 1)) {
    if (SEGMENT_STOP.test(part) || SEGMENT_LABEL.test(part)) break;
    // A clause ("and I coach my daughter's team") is not a title segment.
    const head = part.replace(BRACKET_TAIL, "").trim();
    if (SEGMENT_CLAUSE.test(head) || head.split(WHITESPACE).length > 8) continue;
    // A whole capitalised title keeps its complement ("Director of Operations", not "Director").
    if (isJobTitle(head)) return head;
    const role = jointRole(head) ?? occupationPhrase(part);
    if (role) return role;
  }
  return null;
}

/** "owner & lead dentist": a segment that is two whole roles joined, kept as one title (else null). */
function jointRole(head: string): string | null {
  const halves = head.split(ROLE_JOIN);
  if (halves.length !== 2) return null;
  return halves.every((half) => occupationPhrase(half) === half.trim()) ? head : null;
}

/** A form answer to "What do you do?": the role phrase before any elaboration. */
function answerRole(answer: string): string | null {
  const first = (answer.split(ANSWER_CUT)[0] ?? "").trim();
  const verb = verbRole(first);
  if (verb) return verb;
  if (SELF_OPENER.test(first)) return occupationPhrase(first.replace(UP_TO_ARTICLE, ""));
  return plainRole(first);
}

/**
 * A free-text role answer or field value, kept only when it reads as a job title: cut before an organisation or
 * place ("Nurse at St Mary's", "baker, near Kumasi"), at most five words, no pronouns, verbs or brackets.
 */
function plainRole(raw: string): string | null {
  const role = trimPunctuation((raw.split(ROLE_CUT)[0] ?? "").trim());
  if (!role || role.split(WHITESPACE).length > 5) return null;
  if (NOT_A_TITLE.test(role) || NO_ROLE_VALUE.test(role)) return null;
  const words = role.split(WHITESPACE);
  return occupationPhrase(role) ?? (words.some((_, k) => isHeadAt(words, k)) || isTitleCase(role) ? role : null);
}

/**
 * The text holding a work question and its answer: the unit's line ("What do you do? Plumber"), else the question a
 * form put to the subject with their answer. Line-level: read once per line, not once per sentence of a long line.
 */
function questionAndAnswer(unit: Unit, at: Place): string | null {
  if (!firstOfLine(unit, at)) return null;
  if (unit.line.includes("?") && WORK_QUESTION.test(unit.line)) return unit.line;
  const asked = unit.speaker === "subject" && (unit.question.includes("?") || unit.text.includes("?"));
  if (!asked || !(questionMayAskWork(unit.question) || mayAskWork(lowerText(unit)))) return null;
  return `${unit.question} ${unit.text}`;
}

/** Words without spaces of which a work question holds one (read joined by a space, none spans the join). */
const WORK_QUESTION_WORDS = unspacedCues(patternCues([WORK_QUESTION]));
const mayAskWork = WORK_QUESTION_WORDS === "always" ? () => true : containsAny(WORK_QUESTION_WORDS);

/** mayAskWork of a question, remembered for the last one: the sentences of an answer share their question. */
let lastQuestion: { text: string; asks: boolean } | null = null;

function questionMayAskWork(question: string): boolean {
  if (lastQuestion?.text !== question) lastQuestion = { text: question, asks: mayAskWork(question.toLowerCase()) };
  return lastQuestion.asks;
}

/** A short line right under a name line that names the subject (team pages, speaker lists, signatures). */
function underSubjectsName(unit: Unit, at: Place): boolean {
  const previous = at.units[at.i - 1];
  const { matcher } = at;
  if (
    !previous ||
    !matcher ||
    unit.line.length >= 90 ||
    previous.text.length >= 60 ||
    previous.text.split(WHITESPACE).length > 5 ||
    !isNameLine(previous.text) ||
    SENTENCE_MARKS.test(unit.text.split(",")[0] ?? "") ||
    SENTENCE_OPENER.test(unit.text)
  )
    return false;
  const tokens = matcher.tokens.map((t) => t.toLowerCase());
  const prevLower = previous.text.toLowerCase();
  return tokens.filter((t) => prevLower.includes(t)).length >= Math.min(2, tokens.length);
}

/** Not about someone else, or a form's answer (read as the asker's question, the answer is the respondent's). */
export function notAboutOtherOrAnswered(unit: Unit): boolean {
  return notAboutOther(unit) || isFormAnswerLine(unit);
}

function knowsName(_unit: Unit, at: Place): boolean {
  return Boolean(at.matcher);
}

function shortLine(unit: Unit): boolean {
  return unit.text.length < 160;
}

/** The name-reading rules' matcher: their `when` has checked that there is one. */
const matcherOf = (at: Place) => at.matcher as NameMatcher;

const NAMED = "Ana Ruiz";

/** "Riverside Community Hospital": a title-case phrase ending in an organisation's word names a workplace. */
function namesOrganisation(phrase: string): boolean {
  const words = phrase.trim().split(WHITESPACE);
  return isOrganisationWord(words[words.length - 1] ?? "");
}

/** Rules for form answers, labelled fields and the lines around the subject's name, in engine order. */
export const LINE_RULES: readonly Rule[] = [
  fieldRule("occupation", "work-question", {
    cue: "always",
    pattern: WORK_QUESTION,
    when: [],
    read: questionAndAnswer,
    value: (match, unit) => {
      const answer = match[1];
      return answer && unit.text.includes(answer.slice(0, 10)) ? answerRole(answer) : null;
    },
    confidence: 0.9,
    examples: {
      fires: [
        ["What do you do for work? Plumber, self-employed.", "Plumber"],
        ["Plumber, self-employed.", "Plumber", { question: "Q2. What do you do for work?" }],
      ],
      silent: [unmatched("What do you do for fun? Climbing.")],
    },
  }),
  fieldRule("occupation", "field-label", {
    cue: patternCues([FIELD_ROLE]),
    pattern: FIELD_ROLE,
    when: [notAboutOtherOrAnswered],
    value: (match) => plainRole(match[1] ?? ""),
    confidence: 0.85,
    examples: {
      fires: [
        ["Occupation: Nurse at St Mary's", "Nurse"],
        ["Q4. Occupation: Retired (letter carrier, 31 years)", "Retired", { speaker: "other", topic: "other" }],
        ["3. Profession : Midwife, maternity unit", "Midwife", { speaker: "other", topic: "other" }],
      ],
      silent: [
        ["Occupation: Nurse at St Mary's", { topic: "other" }],
        "Occupation: I need a tool",
        // A placeholder, or the person's part in the form, names no work.
        "Occupation: n/a (looking)",
        "Position: Applicant",
      ],
    },
  }),
  fieldRule("occupation", "name-parenthesis", {
    cue: ["("],
    pattern: WHOLE,
    when: [knowsName],
    value: (match, _unit, at) => {
      const { bracket } = ownName(matcherOf(at));
      const inside = bracket?.exec(match[0])?.[1]?.trim();
      if (!inside) return null;
      return occupationPhrase(inside) ?? (isTitleCase(inside) && !namesOrganisation(inside) ? inside : null);
    },
    confidence: 0.75,
    examples: {
      fires: [["Ana Ruiz (Head of Operations, Acme) wrote:", "Head of Operations", { name: NAMED }]],
      silent: [
        ["Ana Ruiz (she/her) wrote:", { name: NAMED }],
        // The bracket names where she works, not what she does.
        ["Ana Ruiz (Riverside Community Hospital) wrote:", { name: NAMED }],
      ],
    },
  }),
  fieldRule("occupation", "name-segments", {
    cue: "always",
    pattern: WHOLE,
    // Not a sentence about someone else: a relative shares the surname ("Her son Ben Ruiz (19, apprentice)").
    when: [shortLine, knowsName, notAboutOther],
    value: (match, unit, at) => rolesFromSegments(match[0], lowerText(unit), matcherOf(at)),
    confidence: 0.8,
    examples: {
      fires: [
        ["Dr. Ana Ruiz, DVM, PhD — Equine Surgeon, Newmarket", "Equine Surgeon", { name: NAMED }],
        ["Ana Ruiz | Director of Operations", "Director of Operations", { name: NAMED }],
        ["Contact: Ana Ruiz — owner & lead dentist (endodontics)", "owner & lead dentist", { name: NAMED }],
      ],
      silent: [
        ["Banana, nurse", { name: NAMED }],
        // The advisor is another person: a labelled field names their role, not the subject's.
        ["Candidate: Ana Ruiz (MPhil, term 2) · Supervisor: Dr. Colm Byrne", { name: NAMED }],
        ["Her son Ben Ruiz (19, apprentice electrician) fixed the lights.", { name: NAMED, topic: "other" }],
      ],
    },
  }),
  fieldRule("occupation", "title-under-name", {
    cue: "always",
    pattern: FIRST_SEGMENT,
    when: [underSubjectsName],
    value: (match, _unit, at) => {
      const title = preferredTitle(match[0]);
      const lower = title.toLowerCase();
      if (matcherOf(at).tokens.some((t) => lower.includes(t.toLowerCase()))) return null;
      return occupationPhrase(title) ?? (isJobTitle(title) ? title.trim() : null);
    },
    confidence: 0.8,
    examples: {
      // The title must not name the subject: "Ana" would be found in "Manager".
      fires: [["Orchard Manager, Hillside Farm", "Orchard Manager", { name: "Kofi Mensah", previous: "Kofi Mensah" }]],
      silent: [["My favourite orchard", { name: "Kofi Mensah", previous: "Kofi Mensah" }]],
    },
  }),
];

/** "Harris Plumbing Ltd": a company named after the subject's surname and a trade word names the trade. */
export const COMPANY_TRADE_RULE: Rule = fieldRule("occupation", "company-trade", {
  cue: "always",
  pattern: WHOLE,
  when: ["aboutSubject", knowsName],
  value: (match, _unit, at) => {
    const { company } = ownName(matcherOf(at));
    if (!company || (company.literal !== null && !match[0].includes(company.literal))) return null;
    const word = company.pattern.exec(match[0])?.[1];
    return word ? (TRADE_WORDS[word.toLowerCase()] ?? null) : null;
  },
  confidence: 0.6,
  kind: "inferred",
  examples: {
    fires: [["We set up Ruiz Plumbing in 1998.", "plumber", { name: NAMED }]],
    silent: [["We like Ruiz Plumbing.", { name: "Ana" }]],
  },
});
