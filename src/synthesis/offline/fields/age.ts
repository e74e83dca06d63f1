/**
 * Rules for age: the subject's age as stated ("I'm 52", "turning 45 in June" -> 44, "Age: 41", "27F", "ich bin 27").
 * Each rule names one way a text says it; a rule's value builder drops numbers that are not an age ("I'm 5 minutes
 * away", "when I was 25"). Newer dated statements win over older ones.
 */
import { isPlausibleName, NAME_GAPS, type NameMatcher, nameWordSet } from "../attribution/names.ts";
import type { Candidate } from "../engine/candidate.ts";
import { WHOLE } from "../engine/items.ts";
import {
  type Example,
  type ExampleSetting,
  fieldRule,
  firstOfLine,
  type Place,
  type Rule,
  runRules,
  unmatched,
} from "../engine/rules.ts";
import { preferNewer } from "../engine/select.ts";
import { LEADING_BULLET, NUMBER_PATTERN, parseNumber } from "../engine/text.ts";
import { explicitSubject, isSelf, notAboutOther, type Unit } from "../engine/unit.ts";

const NUM = NUMBER_PATTERN;

const NOT_AN_AGE_AFTER =
  /^\s*(?:%|percent|foot|feet|ft\b|cm\b|inches|minutes?|mins?|hours?|hrs?|km|miles?|kg|lbs?|pounds?|dollars?|euros?|times|x\b|weeks?|days?|months?|hectares?|ha\b|years? (?:in|of|at|with|on|experience|sober|clean|married|into|out|away|ago|behind|ahead|[a-z]+ing\b)|nights?|people|kids|children|pages|copies|[£$€₱]|to \d|(?:am|pm|a\.m\.|p\.m\.|o['’]clock)\b)/i;

/** "my 40th is next Sat" -> 39; "my 40th was last week" -> 40: a birthday that belongs to the speaker. */
const OWN_BIRTHDAY =
  /\bmy\s+(\d{1,3})(?:st|nd|rd|th)(?:\s+birthday|\s+bday)?\s+(?:is|'s|’s|will be|falls)\s+(?:next|this|on|coming|tomorrow|in|soon|around)\b/giu;

const OWN_BIRTHDAY_PAST =
  /\b(?:my\s+(\d{1,3})(?:st|nd|rd|th)(?:\s+birthday|\s+bday)?\s+was\s+(?:yesterday|today|last|on)|(?:celebrated|celebrating)\s+my\s+(\d{1,3})(?:st|nd|rd|th))\b/giu;

/** Pronoun-dropped lines ("turning 41 in March", "26 today and ...", "Turned 29 last week") in posts and forms. */
const DROPPED_AGE = /^(?:just\s+)?(?:turned|turning)\s|^\d{1,3}\s+today\b/i;

/** "31 today", "[3 Sep 2025 21:05] 35 today 🎉": a post opening on the age, after its timestamp if any. */
const TODAY_AGE = /^(?:\[[^\]\n]{1,30}\]\s*)?(\d{1,3})\s+today\b/gi;

/** "Age: 41", "How old are you? 41": a form answer. */
const AGE_QUESTION = /\b(?:how old are you|your age|(?:^|\s)age(?:\s*\(.*?\))?)\s*\??\s*$/i;

const AGE_ANSWER = new RegExp(
  `^(?:(turning|turned|I'm|I’m|I am)\\s+)?(${NUM})(?:\\s+(?:years?(?:\\s+old)?|y\\/o|yo))?(?=\\s|[,.;!?]|$)`,
  "iu",
);

/** Profile shorthand "33F, nurse", "(M41)", "me (29f)": age with a sex marker, not a temperature. */
const AGE_SEX = /(?:^|[\s(,])(?:(\d{2})\s?[MFmf]|[MF](\d{2}))(?=\s*[,)/]|$)/gu;

const TEMPERATURE = /°|\bdegrees?\b|\btemperature|\boutside\b|\bcold\b|\bwarm\b|\bweather\b|\bfreezing\b|\bhot\b/i;

/** "36 years old, nurse, Quito" / "Maria — 36 years old": an age opening a profile segment. */
// The name's run is bounded: with the i flag \p{Lu} matches any letter, so an unbounded run rescanned a long word from
// each of its letters (quadratic). An unanchored search finds the same age through the name's last 41 letters.
const SEGMENT_YEARS_OLD = new RegExp(
  `(?:^|[—–:|·]\\s*|(?:\\p{Lu}[\\p{Ll}'’-]{1,40}|here|me),\\s*)(${NUM})\\s+(?:years?|yrs?)\\s+old\\b(?!\\s+(?:this|next|last|in)\\b)`,
  "giu",
);

/** "I'm a retired teacher, 68, and ...": a role then the age. */
const ROLE_THEN_AGE = /\b(?:I'm|I’m|I am|Im)\s+(?:a|an)\s+[^,.;!?]{2,40},\s+(\d{2})\s*(?:,|and\b|$)/u;

/** "💬 Pieter (Data Engineer, Acme): I'm 34": someone else's words quoted in the subject's feed. */
const OTHER_LABEL =
  /^(?:💬|↳|>|—|-)?\s*(?:(?:Reply|Comment|Response|Answer|Message) (?:from|by)\s+)?\p{Lu}[\p{L}.’'-]*(?:\s(?:(?:de|van|von|der|den|da|di|del|la|le|du|dos|das|bin|al|el)\s)?\p{Lu}[\p{L}.’'-]*){0,3}\s*(?:\([^)]{1,60}\))?:\s/u;

/** "Q2. Age: 29": a numbered form answer belongs to the respondent even though the line reads like a question. */
const FORM_AGE = /^Q\s?\d{1,2}[.):]?\s*(?:your\s+)?(?:age|edad)\s*[:?]\s*(\d{1,3})\s*$/i;

/**
 * "Age: 41", "Age at submission: 37": an age field, possibly saying when it was taken; not a range ("Age: 30-40"). The
 * number ends where its digits do, else backtracking read "Age: 100-110" as 10.
 */
const AGE_FIELD =
  /(?<![\p{L}])(?:age|âge|edad)(?:\s+(?:at|on|when)\s+[a-z ]{1,20}?)?\s*[:=]\s*(\d{1,3})(?!\d|\s*[-–—]\s*\d)/giu;

const YEAR_OLD = new RegExp(`\\b(?:is|I'm|I’m|I am|am|was)\\s+an?\\s+(${NUM})[- ]years?[- ]old\\b`, "giu");

const INTRO_AGE_SHORT =
  /\b(?:I'm|I’m|I am|Im|[Mm]y name is|[Ii]ch bin|[Jj]e suis|[Mm]e llamo|[Ss]oy|[Ss]ono|[Ee]u sou|[Ii]k ben|[Jj]eg er|[Jj]ag är)\s+\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){0,2}\s*(?:,|\s[—–-])\s+(\d{1,3})\s*(?:,|[—–·|]|\s-\s|years?\b|jaar\b|Jahre\b|ans\b|años\b|anos\b|anni\b|år\b|$)/u;

/** "Age 37, lives in Quito" / "…, age 52 |": a bare age label opening a segment. */
const AGE_LABEL = /(?:^|[|·—–]\s*|\p{Lu}[\p{Ll}'’-]+,\s*)[Aa]ge\s+(\d{1,2})\b(?!\s*(?:[-–—,&]|to|and|or)\s*\d)/gu;

/** "Koa here, 24, ...": a posted self-introduction. */
const HERE_AGE = /^(?:[\p{L}!,.]+\s+)?\p{Lu}[\p{Ll}'’-]+\s+here\s*[,—–-]\s*(\d{1,2})\s*(?:,|[—–-]|$)/u;

const INTRO_AGE = new RegExp(
  `\\b(?:I'm|I’m|I am|Im|[Mm]y name is)\\s+\\p{Lu}[^,]{1,40},\\s+an?\\s+(${NUM})[- ]years?[- ]old\\b`,
  "u",
);

const ME_LABEL = /^(?:💬|↳|>)?\s*(?:me|I)\b/i;
/**
 * "when I was 25", "started at 25": the past, not the present age; "before I'm 60", "once I'm 18", "if I'm 70",
 * "by the time I'm 50", "tomorrow I'm 30": an age ahead or supposed, not the present one.
 */
const PAST_BEFORE = /\b(?:was|when|since|at|before|after|until|till|once|if|unless|by the time|tomorrow)\s*$/i;
/** French words after "j'ai N ans" that put the birthday ahead ("samedi", "demain", "la semaine prochaine"). */
const FRENCH_SOON =
  "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|bientôt|la semaine prochaine|le mois prochain|dans \\d{1,2} jours)\\b";
const FOREIGN_PAST_BEFORE = /\b(?:war|als|quand|quando|toen|when)\s*$/i;
const TURNING = /^turning$/i;

function inRange(value: number | null, low = 5, high = 110): number | null {
  return value !== null && value >= low && value <= high ? value : null;
}

/** The age a match states, plus an offset ("turning 45" is 44 now); null when a unit follows ("45 minutes"). */
function ageFrom(match: RegExpExecArray, offset: number): number | null {
  if (NOT_AN_AGE_AFTER.test(match.input.slice(match.index + match[0].length))) return null;
  const value = parseNumber(match[1] ?? "");
  return value === null ? null : inRange(value + offset);
}

/** An age a cue states, unless the few words before it put it in the past ("when I was 25"). */
function statedAge(offset: number, past: RegExp | null = null) {
  return (match: RegExpExecArray): number | null => {
    if (past?.test(match.input.slice(Math.max(0, match.index - 14), match.index))) return null;
    return ageFrom(match, offset);
  };
}

/** What "… is N" is said of: the words before the verb. */
const AGE_OWNER = /^(.*?)(?:\s+is|\s*['’]s)\s/u;
const PERSON_PRONOUN = /^(?:(?:says|said|mentioned|mentions|notes|noted|thinks)\s+)?(?:she|he)$/i;

/**
 * Whether "… is N" is said of the subject: "she", "he" or a name ("Maria"), not "ERP" or "the warehouse"; a name
 * must be the subject's when it is known ("Ottilie is nine", in the subject's answer, is her daughter).
 */
function isSubjectWord(statement: string, matcher: NameMatcher | null | undefined): boolean {
  const owner = (AGE_OWNER.exec(statement)?.[1] ?? "").trim();
  if (PERSON_PRONOUN.test(owner)) return true;
  return isPlausibleName(owner) && namesSubject(owner, matcher);
}

/** Whether a phrase holds a word of the subject's name (always, when no name is known). */
function namesSubject(phrase: string, matcher: NameMatcher | null | undefined): boolean {
  const tokens = nameWordSet(matcher);
  return tokens.size === 0 || phrase.split(NAME_GAPS).some((word) => tokens.has(word.toLowerCase()));
}

/** The first group as a number in the given range, with no check of what follows. */
function plainAge(low = 5, high = 110) {
  return (match: RegExpExecArray): number | null => inRange(parseNumber(match[1] ?? match[2] ?? ""), low, high);
}

/** Someone else's words quoted in the subject's feed ("💬 Pieter (Data Engineer, Acme): I'm 34"). */
function notQuotedOther(unit: Unit): boolean {
  return !(OTHER_LABEL.test(unit.text) && !ME_LABEL.test(unit.text));
}

function subjectSpeaks(unit: Unit): boolean {
  return unit.speaker === "subject";
}

/** The subject saying their own age: first person, or a pronoun-dropped line ("turning 41 in March"). */
function ownStatement(unit: Unit): boolean {
  return isSelf(unit) && notQuotedOther(unit) && (unit.firstPerson || DROPPED_AGE.test(unit.text));
}

/** A third-person line about the subject that is not their own statement ("Ilse's a radiographer. She's 44."). */
function thirdPersonLine(unit: Unit): boolean {
  return unit.topic === "subject" && !unit.firstPerson && !ownStatement(unit);
}

function noTemperature(unit: Unit): boolean {
  return !TEMPERATURE.test(unit.text);
}

/** "Q2. Age: 29": the number must be in this unit, not only on its line. */
function formAge(match: RegExpExecArray, unit: Unit): number | null {
  const raw = match[1] ?? "";
  return unit.text.includes(raw) ? inRange(parseNumber(raw)) : null;
}

/** "I'm Maya Chen, a 34-year-old nurse", "I'm Bruna, 35, …", "Koa here, 24": the age in a self-introduction. */
function introAge(match: RegExpExecArray): number | null {
  const intro = INTRO_AGE.exec(match[0]) ?? INTRO_AGE_SHORT.exec(match[0]) ?? HERE_AGE.exec(match[0]);
  return intro?.[1] ? inRange(parseNumber(intro[1])) : null;
}

/** The answer to "How old are you?": "Forty-two.", "turning 30" (29). */
function answeredAge(match: RegExpExecArray): number | null {
  const value = parseNumber(match[2] ?? "");
  if (value === null || NOT_AN_AGE_AFTER.test(match.input.slice(match[0].length))) return null;
  return inRange(value + (match[1] && TURNING.test(match[1]) ? -1 : 0));
}

const trimmed = (unit: Unit) => unit.text.trim();
const unbulleted = (unit: Unit) => unit.text.replace(LEADING_BULLET, "");

type Condition = Rule["when"][number];

/** A row of the table: a rule named without its field, whose value and examples are ages. */
type AgeRow = Omit<Rule, "id" | "field" | "value" | "examples"> & {
  name: string;
  value: (match: RegExpExecArray, unit: Unit, at: Place) => number | null;
  fires: readonly (readonly [text: string, age: number, unit?: ExampleSetting])[];
  silent: Rule["examples"]["silent"];
};

const I_AM = ["i'm", "i’m", "i am", "im"];
const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const SELF = [ownStatement];
const FOREIGN = ["self", notQuotedOther] as const;

/**
 * A maker of rows that read one kind of sentence stating N: the same conditions, confidence and words that put it in
 * the past; each row its own name, cue, pattern, offset (N - 1 for "turning N") and examples.
 */
const statedRows =
  (past: RegExp | null, when: readonly Condition[], confidence: (offset: number) => number, read?: Rule["read"]) =>
  (
    name: string,
    cue: Rule["cue"],
    pattern: RegExp,
    offset: number,
    fires: readonly [string, number, Partial<Unit>?],
    ...silent: Example[]
  ): AgeRow => ({
    name,
    cue,
    pattern,
    value: statedAge(offset, past),
    confidence: confidence(offset),
    when,
    ...(read ? { read } : {}),
    fires: [fires],
    silent,
  });

/** How a language says "I am N" (German, French, Portuguese, Italian, Dutch, Nordic, Polish, Turkish). */
const foreign = statedRows(FOREIGN_PAST_BEFORE, FOREIGN, () => 0.85);

/** The subject saying "I'm N", "I turned N", "turning N next month" (N - 1), in English or Spanish. */
const own = statedRows(PAST_BEFORE, SELF, (offset) => (offset === 0 ? 0.9 : 0.85));

/** A third-person line about the subject: "Maria just turned 40", "She's 44", "Omar Farouk, 46, surveyor". */
const thirdRow = statedRows(null, [thirdPersonLine], () => 0.8, unbulleted);
const third = (name: string, cue: Rule["cue"], pattern: RegExp, fires: readonly [string, number], silent: Example) =>
  thirdRow(name, cue, pattern, 0, fires, silent);

const SPANISH = { firstPerson: true };

const AGE_ROWS: readonly AgeRow[] = [
  {
    name: "form",
    cue: "always",
    pattern: FORM_AGE,
    read: (unit) => unit.line,
    value: formAge,
    confidence: 0.85,
    when: [],
    fires: [["Q2. Age: 29", 29]],
    silent: [unmatched("Q2. Your age?")],
  },
  {
    name: "introduction",
    cue: [...I_AM, ..."my name is|ich bin|je suis|me llamo|soy|sono|eu sou|ik ben|jeg er|jag är|here".split("|")],
    pattern: WHOLE,
    value: introAge,
    confidence: 0.85,
    when: ["self"],
    fires: [
      ["I'm Bruna, 35, and a vet.", 35],
      ["Koa here, 24, first post.", 24],
      ["I'm Gil, a seventy-three-year-old sailor.", 73],
    ],
    silent: ["I'm Bruna and I love cats."],
  },
  {
    name: "age-label",
    cue: ["age"],
    pattern: AGE_LABEL,
    value: statedAge(0),
    confidence: 0.8,
    when: [explicitSubject],
    fires: [["Bio: Teresa Lindqvist, age 52, lives in Uppsala.", 52]],
    silent: [unmatched("Kids age 5 to 11 welcome.")],
  },
  {
    name: "age-field",
    cue: ["age", "âge", "edad"],
    pattern: AGE_FIELD,
    value: statedAge(0),
    confidence: 0.85,
    when: [notAboutOther],
    fires: [
      ["Age: 41", 41],
      ["Lead applicant: Efua Mensah · Age at submission: 37", 37],
      ["2. Âge : 34 ans", 34],
    ],
    silent: [unmatched("Age: 100-110")],
  },
  {
    name: "year-old",
    cue: ["year"],
    pattern: YEAR_OLD,
    value: plainAge(),
    confidence: 0.85,
    when: [notAboutOther, explicitSubject],
    fires: [["I am a 41-year-old architect.", 41]],
    silent: [unmatched("I have a 41-year-old car.")],
  },
  {
    name: "birthday-ahead",
    cue: ["my"],
    pattern: OWN_BIRTHDAY,
    value: statedAge(-1),
    confidence: 0.85,
    when: [subjectSpeaks, notQuotedOther],
    fires: [["Quick note: my 30th is next Friday, drinks on me.", 29]],
    silent: [unmatched("My 30th was great.")],
  },
  {
    name: "birthday-past",
    cue: ["my"],
    pattern: OWN_BIRTHDAY_PAST,
    value: plainAge(),
    confidence: 0.8,
    when: [subjectSpeaks, notQuotedOther],
    fires: [["My 50th was last weekend and the cake was enormous.", 50]],
    silent: [unmatched("My 50th is next week.")],
  },
  {
    name: "answer",
    cue: "always",
    pattern: AGE_ANSWER,
    read: trimmed,
    value: answeredAge,
    confidence: 0.85,
    when: [firstOfLine, subjectSpeaks, notAboutOther, (unit) => AGE_QUESTION.test(unit.question)],
    fires: [["Forty-two.", 42, { question: "how old are you?" }]],
    silent: ["Forty-two."],
  },
  foreign(
    "german-ich-bin",
    ["bin"],
    /\b(?:ich bin|bin)\s+(\d{1,3})(?:\s+Jahre(?:\s+alt)?)?(?=\s*[,.;!?)]|\s+(?:und|Jahre)\b|$)/giu,
    0,
    ["Ich bin 27 und wohne in Graz.", 27],
    unmatched("Ich bin müde."),
  ),
  foreign(
    "french-ans",
    ["ans"],
    new RegExp(`\\b(?:j['’]ai|il a|elle a)\\s+(\\d{1,3})\\s+ans\\b(?!\\s+${FRENCH_SOON})`, "giu"),
    0,
    ["J'ai 40 ans.", 40],
    unmatched("J'ai 40 euros."),
  ),
  // "J'ai 33 ans samedi": the birthday is ahead, so 32 today (as "turning 33 on Saturday").
  foreign(
    "french-ans-soon",
    ["ans"],
    new RegExp(`\\b(?:j['’]ai|il a|elle a)\\s+(\\d{1,3})\\s+ans\\s+${FRENCH_SOON}`, "giu"),
    -1,
    ["J'ai 29 ans mardi, pas 40 !", 28],
    unmatched("J'ai 33 ans."),
  ),
  foreign(
    "portuguese-anos",
    ["anos"],
    /\b(?:tenho|tem)\s+(\d{1,3})\s+anos\b/giu,
    0,
    ["Tenho 34 anos.", 34],
    unmatched("Tenho 34 livros."),
  ),
  {
    name: "age-sex",
    cue: DIGITS,
    pattern: AGE_SEX,
    value: plainAge(13, 99),
    confidence: 0.8,
    when: ["self", notQuotedOther, noTemperature],
    fires: [["Long-time lurker here. 27F, junior architect.", 27]],
    silent: [unmatched("It was 27F outside this morning.")],
  },
  {
    name: "years-old-segment",
    cue: ["old"],
    pattern: SEGMENT_YEARS_OLD,
    value: statedAge(0),
    confidence: 0.8,
    when: ["self", notQuotedOther],
    fires: [["Dina here — 36 years old, midwife, Quito.", 36]],
    silent: [unmatched("The house is 36 years old.")],
  },
  {
    name: "role-then-age",
    cue: I_AM,
    pattern: ROLE_THEN_AGE,
    value: plainAge(16),
    confidence: 0.85,
    when: ["self", notQuotedOther],
    fires: [["I'm a retired postman, 71, and I walk the dog twice a day.", 71]],
    silent: [unmatched("I'm a retired postman and I walk the dog.")],
  },
  {
    name: "today",
    cue: ["today"],
    pattern: TODAY_AGE,
    value: statedAge(0),
    confidence: 0.85,
    when: ["self", notQuotedOther],
    fires: [
      ["31 today and I still can't cook rice properly.", 31],
      ["[3 Sep 2025 21:05] 35 today 🎉 and repainting the shed.", 35],
    ],
    silent: [unmatched("Today I'm tired.")],
  },
  own(
    "i-am",
    I_AM,
    new RegExp(`\\b(?:I'm|I’m|I am|Im)\\s+(?:now\\s+)?(${NUM})(?:\\s+years?\\s+old)?(?=\\s|[,.;!?)]|$)`, "gi"),
    0,
    ["I'm 52 and still learning new tricks at work.", 52],
    "I'm 5 minutes away.",
    // A height, and "N years <doing>": how tall and how long, not how old.
    "Yes I'm 5 foot 2 and I hate high shelves.",
    "I am 12 years teaching and still nervous on day one.",
    // An age ahead or supposed, not the present one.
    "I want to see Patagonia before I am sixty.",
    "Tomorrow I'm 30, so the office gets cake.",
    "By the time I'm 50 the mortgage should be gone.",
  ),
  own(
    "turned",
    ["turned"],
    // "I turned", or no subject at all (a note's "Just turned 40!"): a noun before the verb is someone else's birthday.
    new RegExp(
      `(?:^\\s*|[.!?;:,(—–]\\s*|\\bI\\s+|\\bI['’]ve\\s+)(?:just\\s+|finally\\s+)?turned\\s+(${NUM})\\b`,
      "giu",
    ),
    0,
    ["I just turned 40.", 40],
    unmatched("I turned left."),
    unmatched("Grandad turned 90 on Sunday, so we all went to the lake."),
  ),
  own(
    "turning",
    ["turning"],
    new RegExp(`\\b(?:I'm|I’m|I am|Im)?\\s*turning\\s+(${NUM})(?=\\s+(?:next|this|in|on|tomorrow|soon))`, "gi"),
    -1,
    ["turning 45 in June, which feels unreal", 44],
    unmatched("I'm turning 45 pages."),
  ),
  own(
    "i-turn",
    ["turn"],
    new RegExp(`\\bI\\s+turn\\s+(${NUM})(?=\\s+(?:next|this|in|on|tomorrow|soon))`, "gi"),
    -1,
    ["I turn 35 next Tuesday!", 34],
    unmatched("I turn 35 pages a day."),
  ),
  own(
    "tengo",
    ["tengo"],
    /\btengo\s+(\d{1,3})\s+años\b/gi,
    0,
    ["Tengo 41 años.", 41, SPANISH],
    unmatched("Tengo 41 libros."),
  ),
  own(
    "cumpli",
    ["cumpl"],
    /\bcumpl[íi]\s+(\d{1,3})\b/gi,
    0,
    ["Cumplí 30 el sábado.", 30, SPANISH],
    unmatched("Cumplí mi sueño."),
  ),
  // Profile shorthand: "27 y/o", "27yo", "27 yrs old".
  own(
    "shorthand",
    ["y/o", "y.o.", "yo", "yr"],
    /(?<![\d/])(\d{1,2})\s?(?:y\/o|y\.o\.|yo|yrs? old)(?![\p{L}])/giu,
    0,
    ["About me: 23 y/o geology undergrad, climbs on weekends", 23],
    unmatched("Yo, what's up?"),
  ),
  third(
    "third-turned",
    ["turned"],
    new RegExp(`^(?:[\\p{L}.’' ]{1,30}?)\\s+(?:just\\s+)?turned\\s+(${NUM})\\b`, "giu"),
    ["Maria just turned 40.", 40],
    unmatched("Maria turned left."),
  ),
  {
    name: "third-is",
    cue: "always",
    pattern: new RegExp(
      `^(?:she|he|[\\p{L}.’' ]{1,30}?)(?:\\s+is|\\s*'s|\\s*’s)\\s+(${NUM})(?:\\s+years?\\s+old)?(?=[,.;!?\\s]|$)`,
      "giu",
    ),
    value: (match, _unit, at) => (isSubjectWord(match[0], at.matcher) ? ageFrom(match, 0) : null),
    confidence: 0.8,
    when: [thirdPersonLine],
    read: unbulleted,
    fires: [
      ["She's 44.", 44],
      ["Maria Lopez is 44.", 44],
      ["Lopez is 44.", 44, { name: "Maria Lopez" }],
      ["Says he's 57 and still plays five-a-side.", 57],
    ],
    // "ERP is 12 yrs old": a system, a building or a firm has an age too; only a pronoun or a name is a person.
    silent: [
      "She's 44 minutes away.",
      "ERP is 12 yrs old, never patched.",
      "The warehouse is 40 years old.",
      // A kinship word used as a name is another person.
      "Mum is 80 and still gardening.",
      // Another named person, when the subject's name is known.
      unmatched("Ottilie is nine, she's in year four.", { name: "Henrike Vos" }),
    ],
  },
  {
    name: "third-comma",
    cue: DIGITS,
    pattern: /^(?:[\p{L} ]{1,20}:\s*)?[\p{L}.’' ]{1,40}?,\s+(\d{2}),\s/gu,
    // The words before the age introduce whoever it is; when the subject's name is known, one of them must be it.
    value: (match, _unit, at) => (namesSubject(match[0], at.matcher) ? ageFrom(match, 0) : null),
    confidence: 0.8,
    // "attributed": under a handle the segmenter could not place, "Name, 38, nurse" is that writer introducing
    // themselves, not a narrator describing the subject.
    when: [thirdPersonLine, "attributed", notQuotedOther],
    read: unbulleted,
    fires: [
      ["Omar Farouk, 46, quantity surveyor.", 46],
      ["Member card: Omar Farouk, 46, surveyor.", 46, { name: "Omar Farouk" }],
    ],
    silent: [
      unmatched("Omar Farouk, quantity surveyor."),
      // A commenter introducing themselves under the subject's post.
      ["Priya here, 29, midwife in Leeds, same problem!", { name: "Henrike Vos" }],
      ["Priya here, 29, midwife, same problem!", { speaker: "unknown" }],
    ],
  },
  // "Birgit (she's 52, mentioned ...) runs": an aside in brackets right after the name.
  third(
    "third-aside",
    ["("],
    new RegExp(`^[\\p{L}.’' ]{1,30}?\\s*\\((?:she|he|they)(?:'s|’s| is| are)\\s+(${NUM})(?=[,;)\\s])`, "giu"),
    ["Birgit (she's 52, mentioned her grandson) runs a bakery.", 52],
    unmatched("Birgit (she's great) runs a bakery."),
  ),
];

export const AGE_RULES: readonly Rule[] = AGE_ROWS.map(({ name, fires, silent, ...rule }) =>
  fieldRule("age", name, { ...rule, examples: { fires, silent } }),
);

/** A year and a day: a birthday has surely passed since. */
const A_YEAR = 366 * 24 * 3600 * 1000;

/**
 * `matcher` is the subject's name, for the rules that check whose age a sentence states. An age holds on the day it
 * was written: stated under a date at least a year older than the material's newest date, it is no longer the age
 * (a 2019 speaker page's "Mara, 30" is not her age in a 2025 email), and which one it is now depends on a birthday
 * nothing gives, so it is not taken.
 */
export function ageCandidates(units: readonly Unit[], matcher: NameMatcher | null = null): Candidate[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const unit of units) if (unit.date !== null && unit.date > newest) newest = unit.date;
  const current = runRules(AGE_RULES, units, matcher).filter((c) => c.date === null || newest - c.date < A_YEAR);
  return preferNewer(current, 0.3);
}
