/**
 * Occupation rules as data: the subject's own role sentences ("I'm a nurse", "my day job is ...", "started as ...")
 * and third-person lines about them ("Omar joined Brightline as ...", "Ana is a nurse"), each rule with sentences it
 * must and must not read a role from. `occupation.ts` applies each table at its place in the unit loop.
 */

import { RELATION_WORDS } from "../attribution/roles.ts";
import { patternCues } from "../engine/cues.ts";
import { WHOLE } from "../engine/items.ts";
import { memo } from "../engine/memo.ts";
import { fieldRule, lowerText, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { ENDS_WITH_QUESTION, NOT_LETTERS, textBefore, WHITESPACE } from "../engine/text.ts";
import { explicitThird, isAboutSubject, subjectTopic, type Unit } from "../engine/unit.ts";
import { TRADE_WORDS } from "../lexicon/occupations.ts";
import {
  AGE_THEN_ROLE,
  CREDENTIAL,
  foreignRole,
  INTRO_APPOSITIVE,
  isHeadAt,
  isNameLine,
  NOW_ROLE,
  occupationPhrase,
  SELF_THE_ROLE,
  spanishRole,
} from "./occupation-phrase.ts";

const SELF_ROLE =
  /\b(?:I'm|I’m|I am|Im|I work as|I've been|I’ve been|I'm working as|I have been|(?:new|my|current) (?:job|role|position) as)\s+(?:a|an)\s+([^.;!?]{2,80})/gi;
/** "My day job is nursing", "my day job: bookkeeper", "by day I'm a ...". */
const DAY_JOB =
  /\b(?:[Mm]y (?:day job|main job|job title|profession|occupation|actual job|real job)|[Bb]y day)\s*(?:is|:|—|–|-|,)?\s*(?:I'm\s+|I’m\s+|I am\s+)?(?:(?:being|as)\s+)?(?:a|an|the)?\s*([^.;!?]{2,60})/g;
/** "Started as Data Analyst at ...", "joined Acme as a data analyst", "promoted to shift supervisor". */
const START_ROLE =
  /\b(?:[Ss]tarted|[Ss]tarting|[Bb]egan|[Jj]oined\s+[^.;!?]{1,40}?\s+as|[Hh]ired as|[Pp]romoted to|[Tt]ook (?:a|the|up a|up the) (?:job|role|post|position) as|[Tt]ook over as|[Ss]tepped (?:up|in) as|(?:[Ss]pent|been) the (?:last|past) \S+ (?:years?|months?) as|[Ww]ork(?:ing)?\b[^.;!?]{1,50}? as|(?:[Mm]y|[Aa]) (?:new )?(?:role|job|post|position) as|[Ii]n my (?:current )?role as|(?:now|currently) working as|[Ww]orking as|[Ww]ork as)\s+(?:(?:a|an|the|our|their)\s+)?([^.;!?]{2,70})/g;
/** "As a trainee sound engineer at Baywave Records I mixed ...": a role that frames the speaker's sentence. */
const AS_ROLE = /(?:^|[.;:!?]\s+)As\s+(?:a|an|the)\s+([^,;.!?]{2,60}?)(?:,|\s+I\b|\s+I['’])/u;
const THIRD_ROLE =
  /^(?:[\p{L}\d.,’' ]{1,40}?)(?:\s+(?:is|was|works as|has worked as|serves as|has been|is now)|['’]s(?:\s+been)?)\s+(?:a|an|the(?!\s+(?:only|one|person|kind|first|last|best)\b))\s+([^.;!?]{2,80})/giu;
const APPOSITIVE_ROLE = /^(?:a|an)\s+([^,]{2,60}),\s+\p{Lu}/iu;

/** "had just quit my post as a ward clerk", "quit my role as": a job the subject has left. */
const LEFT_BEFORE = /\b(?:left|leaving|quit|quitting|lost|gave up|resigned from|retired from)\s+$/i;

/** "used to", "until", "previously": a start sentence about an earlier job. */
const FORMERLY = /\b(?:used to|until|before|previously|back then|formerly)\b/i;

/** "a nurse by training, but these days I work in sales": the training, not the job. */
const BY_TRAINING =
  /^[^.;!?]{0,40}?\b(?:by training|by education|by background|originally|in a past life|once upon)\b/i;

export const phraseOf = (match: RegExpExecArray) => occupationPhrase(match[1] ?? "");

/**
 * "I want to work as a paralegal", "applied for a position as a developer", "training to work as a nurse": a job
 * wished for, sought or trained for, not the one held. Read in the few words before the match.
 */
const SOUGHT_BEFORE =
  /\b(?:want(?:s|ed)?|['’]d (?:like|love)|would (?:like|love)|hop(?:e|es|ing)|plan(?:s|ning)?|going|dream(?:s|ing)?(?: of)?|aim(?:s|ing)?|look(?:s|ing)? for|appl(?:y|ies|ying|ied)(?: for)?|search(?:ing)? for|seek(?:s|ing)?|interview(?:s|ed|ing)? for|train(?:s|ed|ing)?|study(?:ing)?|offered)\b[^.;!?]{0,20}$/i;

/** The match is a job only wished for or sought, or one left ("quit my job as"): not the one held. */
function notHeld(match: RegExpExecArray): boolean {
  return SOUGHT_BEFORE.test(textBefore(match, 50)) || LEFT_BEFORE.test(textBefore(match, 30));
}

/** The role a start or work phrase names, unless it is not held (see notHeld). */
const heldRole = (match: RegExpExecArray) => (notHeld(match) ? null : phraseOf(match));

/** "started as", "began as": how a career began, unless the start is recent or names where it was. */
const STARTED = /^(?:[Ss]tart(?:ed|ing)|[Bb]egan)\b/;
const RECENT_OR_PLACED =
  /\b(?:just|recently|today|this (?:week|month|year)|last (?:week|month))\b|\s(?:at|with|for|@)\s+(?:(?:a|an|the|our)\s|\p{Lu})/u;

/** "joined the bakery at sixteen as a trainee": an age dates the start of a career, not today's job. */
const AT_AN_AGE = /\b(?:at (?:the age of )?(?:\d{1,2}|\p{L}+teen|twenty|thirty|forty)|aged \d{1,2})\b/iu;
/**
 * "back in 2009", "ten years ago", "when I was nineteen", "straight out of school", "in the nineties": a start the
 * sentence dates in the past is how a career began, wherever it was ("joined the council back in 2005").
 */
const DATED_PAST =
  /\b(?:back in|back when|years ago|decades? ago|when I was|when (?:she|he) was|as a (?:teenager|kid|student)|(?:straight|fresh|right) out of|in the (?:['’]?\d0s|\d{4}s|sixties|seventies|eighties|nineties)|in (?:my|her|his) (?:teens|twenties|thirties|forties|fifties|first year))\b/i;
/** "... as a trainee and has been head baker since 2011": the start role was followed by another. */
const SUPERSEDED_AFTER =
  /^[^.;!?]*?\b(?:and|but)\s+(?:has been|is now|has since|now|later|went on to|rose to|became|was (?:later )?promoted)\b/i;

/**
 * "I started as a stock clerk" answers how long someone has worked somewhere: the first job, not today's.
 * "I just started as a night porter", "Started as Data Analyst at Brookfell" announce the present one.
 */
function isCareerStart(match: RegExpExecArray): boolean {
  if (AT_AN_AGE.test(match[0]) || SUPERSEDED_AFTER.test(match.input.slice(match.index + match[0].length))) return true;
  if (DATED_PAST.test(match.input)) return true;
  return STARTED.test(match[0]) && !RECENT_OR_PLACED.test(match.input);
}

/** The role a start phrase names, unless it is how a career began or a job only sought. */
const startRole = (match: RegExpExecArray) => (isCareerStart(match) ? null : heldRole(match));

const notFormerly = (unit: Unit): boolean => !FORMERLY.test(unit.text);

/** "My brother jokes I'm a gardener without a garden": someone else's words about the subject, often a joke. */
const SAYS_BEFORE = /\b(?:says|said|say|thinks|thought|calls me|jokes?|joked|claims?)\s+(?:that\s+)?$/i;

/** "a soon-to-be nurse", "an aspiring novelist": a role not (yet) held. */
const NOT_YET_HELD = /^(?:soon-to-be|aspiring|wannabe|would-be|future|prospective)\b/i;

/**
 * The role after "I'm a", unless it is a past training or not yet held, or a credential ("a certified X"): a
 * credential says what someone is allowed to do, not the job they hold.
 */
function selfRole(match: RegExpExecArray): string | null {
  const role = phraseOf(match);
  if (role === null || BY_TRAINING.test(match[1] ?? "") || NOT_YET_HELD.test((match[1] ?? "").trim())) return null;
  const before = textBefore(match, 30);
  if (SAYS_BEFORE.test(before) || LEFT_BEFORE.test(before)) return null;
  // Asked of the words as written: the role phrase has shed "certified", "qualified" with the other modifiers.
  const written = (match[1] ?? "").slice(0, (match[1] ?? "").indexOf(role.split(WHITESPACE)[0] ?? "") + role.length);
  return CREDENTIAL.test(role) || CREDENTIAL.test(written) || QUALIFIED.test(written) ? null : role;
}

/** "a qualified financial adviser": a qualification held, like a credential, not the job done. */
const QUALIFIED = /^(?:fully\s+)?qualified\b/i;

/** "Kemi was a chef": the past copula, which a bio also uses for a role still held. */
const PAST_COPULA = /\swas\s+(?:a|an|the)\s/;
/** "... for ten years": with the past copula, a past role that has ended (as one "before retraining" has, FORMERLY). */
const FOR_YEARS =
  /\bfor\s+(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|many|several|some)\s+(?:years?|decades?|months?)\b/i;

/** "Ana's husband Marco is", "her brother is": the copula's subject is someone related to the subject. */
const RELATIVE_SUBJECT = new RegExp(`(?:['’]s|\\b(?:her|his|their|my|our))\\s+(?:${RELATION_WORDS})s?\\b`, "i");

/** A third-person role, unless it is someone else's or in the past tense and the sentence says it has ended. */
function thirdRole(match: RegExpExecArray): string | null {
  if (RELATIVE_SUBJECT.test(match[0].slice(0, match[0].length - (match[1] ?? "").length))) return null;
  if (PAST_COPULA.test(match[0]) && (FOR_YEARS.test(match.input) || FORMERLY.test(match.input))) return null;
  return selfRole(match);
}

const I_AM = ["i'm", "i’m", "i am", "im"];

/** "About me: Senior nurse on a cardiac ward": a self-description label introduces a fragment. */
const SELF_LABEL = /^(?:about me|about|bio|me|who I am|intro|introduction|in short|tl;dr)\s*:\s*/i;
const FRAGMENT_CUT = /\s*(?:[,(;:]|\s[—–-]\s|[—–])\s*/;
const END_MARK = /[.!]$/;
/** Where a role's noun phrase ends: "Senior nurse on a ward", "Bicycle mechanic since 2015". */
const PREPOSITION = /^(?:on|at|in|for|with|from|since)$/i;
const NOT_A_ROLE_OPENER =
  /^(?:a|an|the|my|our|his|her|their|your|this|that|great|good|lovely|amazing|best|nice|awesome|terrible|bad|dear|hi|hello|thanks|thank)\b/i;
const VERB_WORD = /^(?:is|are|was|were|has|have|had|will|would|can|could|said|says)$/i;
/** "Chemistry and science teacher": coordinated words; which of them the head noun takes is not for a fragment to say. */
const CONJUNCTION = /^(?:and|or|&|\+)$/i;

/**
 * A fragment answer in an interview or form: "Sure. Lena Okafor." then "Freelance medical translator — Portuguese and
 * Tetum." A unit that opens with a bare role phrase describes the speaker.
 */
function fragmentRole(unit: Unit, previous: Unit | undefined): string | null {
  // SELF_LABEL needs a colon: most sentences have none.
  const label = unit.text.includes(":") ? SELF_LABEL.exec(unit.text) : null;
  if ((unit.firstPerson && !label) || (unit.topicBy !== "implicit" && !label) || unit.quoted) return null;
  // Only right after a question, an introduction, or as the opening of the speaker's answer (asked before the words
  // are cut out: most sentences are none of these).
  const afterQuestion =
    previous !== undefined && (ENDS_WITH_QUESTION.test(previous.text) || previous.speaker !== unit.speaker);
  const asked = unit.question !== "" && previous?.line !== unit.line;
  if (!label && !afterQuestion && !asked && !(previous && isNameLine(previous.text))) return null;
  const body = label ? unit.text.slice(label[0].length) : unit.text;
  const first = (body.split(FRAGMENT_CUT)[0] ?? "").trim().replace(END_MARK, "");
  let words = first.split(WHITESPACE);
  // "Senior nurse on a cardiac ward in Leeds": keep the noun phrase before its preposition.
  const prep = words.findIndex((w, k) => k > 0 && PREPOSITION.test(w));
  if (prep > 0 && prep <= 4) words = words.slice(0, prep);
  if (words.length === 0 || words.length > 6 || !isHeadAt(words, words.length - 1)) return null;
  if (NOT_A_ROLE_OPENER.test(first) || words.some((w) => VERB_WORD.test(w) || CONJUNCTION.test(w))) return null;
  return occupationPhrase(words.join(" "));
}

const PAST_ROLE = /\bI (?:was|worked as|used to be)\s+(?:a|an)\s+([^.;!?]{2,80})/gi;

const RETIRED = /\bretired\b|\bjubilad[ao]\b/i;

/** Whether the material says the subject is retired; computed once per set of units. */
const retiredIn = new WeakMap<readonly Unit[], boolean>();

function subjectRetired(_unit: Unit, at: Place): boolean {
  return memo(retiredIn, at.units, saysRetired);
}

const saysRetired = (units: readonly Unit[]): boolean => units.some((u) => isAboutSubject(u) && RETIRED.test(u.text));

const SIGNATURE_TITLE =
  /^(owner|founder|co-founder|director|proprietor|managing director|manager|head \w+|[\p{L} ]{2,30}?)\s+[—–|-]\s+([^|]{2,60})/iu;
const AFTER_BAR = /\s*\|.*$/;
const OWNER_TITLE = /^(?:owner|founder|co-founder|proprietor|director|managing director)$/i;
const COMPANY_SUFFIX = /\b(?:ltd|limited|llc|inc|pty|co)\b\.?/gi;

/** "Owner — Harbour Bakery": an owner is named after the trade in the company's name, else "owner of X". */
function signatureRole(line: string): string | null {
  const match = SIGNATURE_TITLE.exec(line);
  if (!match?.[1] || !match[2]) return null;
  const title = match[1].trim();
  const company = match[2].replace(AFTER_BAR, "").trim();
  if (!OWNER_TITLE.test(title)) return occupationPhrase(title);
  const words = company.replace(COMPANY_SUFFIX, "").trim().split(WHITESPACE);
  const last = (words[words.length - 1] ?? "").toLowerCase().replace(NOT_LETTERS, "");
  return TRADE_WORDS[last] !== undefined ? `${last} owner` : `owner of ${company}`;
}

/**
 * "I run operations for a freight company", "I manage payroll at a hospital": a business function the speaker runs
 * for an organisation names their job as that function's manager ("I lead design at ..." its lead). Only the functions
 * of an organisation, and only with "for"/"at" and the organisation after ("I run errands", "I run the numbers for my
 * dad's shop on weekends" are no job).
 */
const RUNS_FUNCTION =
  /\bI\s+(run|manage|oversee|head up|lead)\s+(operations|marketing|sales|IT|HR|finance|logistics|payroll|procurement|purchasing|customer support|customer service|engineering|product|communications|compliance|facilities|fundraising)\s+(?:for|at)\s+(?:a|an|the|our|\p{Lu})/gu;

function functionRole(match: RegExpExecArray): string | null {
  if (notHeld(match)) return null;
  return `${match[2]} ${match[1] === "lead" ? "lead" : "manager"}`;
}

/** One subject sentence naming their role; each rule with sentences it must and must not read a role from. */
const selfRule = (
  name: string,
  cue: Rule["cue"],
  pattern: RegExp,
  confidence: number,
  value: Rule["value"],
  fires: Rule["examples"]["fires"],
  silent: Rule["examples"]["silent"],
  when: Rule["when"] = ["self"],
): Rule => fieldRule("occupation", name, { cue, pattern, when, value, confidence, examples: { fires, silent } });

/** Rules for the subject's own role sentences, in the order the engine has always read them. */
export const SELF_ROLE_RULES: readonly Rule[] = [
  selfRule(
    "age-then-role",
    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    AGE_THEN_ROLE,
    0.75,
    phraseOf,
    [["31 y/o food science grad student @ University of Otago", "food science grad student"]],
    ["31 y/o and tired."],
  ),
  selfRule(
    "now-role",
    patternCues([NOW_ROLE]),
    NOW_ROLE,
    0.75,
    phraseOf,
    [["officially an apprentice welder now", "apprentice welder"]],
    ["now a bit tired."],
  ),
  selfRule(
    "intro-appositive",
    patternCues([INTRO_APPOSITIVE]),
    INTRO_APPOSITIVE,
    0.85,
    phraseOf,
    [["I am Maya Chen, a pediatric nurse.", "pediatric nurse"]],
    [unmatched("I am Maya Chen, and I like tea.")],
  ),
  selfRule(
    "self-the-role",
    I_AM,
    SELF_THE_ROLE,
    0.75,
    phraseOf,
    [["I'm the head winemaker at Viña Sur.", "head winemaker"]],
    [unmatched("I'm the only one at home.")],
  ),
  selfRule(
    "self-role",
    patternCues([SELF_ROLE]),
    SELF_ROLE,
    0.85,
    selfRole,
    [["I'm a community pharmacist.", "community pharmacist"]],
    // A training, a role not yet held, someone else's words about the subject, and a job left.
    [
      "I'm a nurse by training.",
      "I'm a soon-to-be nurse, graduating in June.",
      "My brother jokes I'm a gardener without a garden.",
      "That spring I quit my job as a bank clerk and bought goats.",
      // A qualification held, as written before the modifiers are shed.
      "Since May I'm a qualified tax adviser, though I still work the tills.",
    ],
  ),
  selfRule(
    "day-job",
    patternCues([DAY_JOB]),
    DAY_JOB,
    0.8,
    (match) => ((match[1] ?? "").split(WHITESPACE).length <= 8 ? phraseOf(match) : null),
    [["My day job is nursing assistant.", "nursing assistant"]],
    ["My day job is fine."],
  ),
  selfRule(
    "runs-function",
    ["i run", "i manage", "i oversee", "i head up", "i lead"],
    RUNS_FUNCTION,
    0.7,
    functionRole,
    [
      ["I'm 41 and I run operations for a regional freight company.", "operations manager"],
      ["These days I lead engineering at a small robotics start-up.", "engineering lead"],
    ],
    [
      unmatched("I run errands for my grandmother on Sundays."),
      unmatched("I run the numbers for my dad's shop on weekends."),
      // Planned, not held.
      "The plan is that by 2030 I run sales for a football club.",
    ],
  ),
  selfRule(
    "start-role",
    patternCues([START_ROLE]),
    START_ROLE,
    0.75,
    startRole,
    [
      ["Started as Data Analyst at Brookfell.", "Data Analyst"],
      ["I just started as a night porter.", "night porter"],
      ["I started as a first-year apprentice with a small outfit here.", "first-year apprentice"],
    ],
    [
      "I used to work as a cook.",
      "Twelve years in March. I started as a stock clerk actually.",
      // A start dated in the past, wherever it was.
      "I started out as a junior clerk at the town hall back in 2004.",
      "Years ago I joined a shipping firm as a cadet.",
      // A job wished for or applied for is not the one held.
      "I want to work as a paralegal someday.",
      "I applied for a position as a junior developer last week.",
      "I'm looking for a job as a night porter.",
      // A job left.
      "In 2019 I left my role as a data analyst.",
    ],
    ["self", notFormerly],
  ),
  selfRule(
    "as-role",
    ["as"],
    AS_ROLE,
    0.7,
    phraseOf,
    [["As a trainee sound engineer, I mixed the demos.", "trainee sound engineer"]],
    ["As a rule, I run."],
  ),
  selfRule(
    "foreign-intro",
    (
      "bin|arbeite|beruf|gelernte|ausgebildete|je suis|je travaille|sou|trabalho|soy|trabajo|" +
      "sono|lavoro|faccio|ik ben|werk als"
    ).split("|"),
    WHOLE,
    0.7,
    (match) => foreignRole(match[0]),
    [["Ich bin gelernter Tischler.", "carpenter"]],
    [unmatched("I am a carpenter.")],
  ),
  fieldRule("occupation", "fragment", {
    cue: "always",
    pattern: WHOLE,
    when: ["self"],
    value: (_match, unit, at) => fragmentRole(unit, at.units[at.i - 1]),
    confidence: 0.65,
    examples: {
      fires: [
        [
          "Freelance medical translator — Portuguese and Tetum.",
          "Freelance medical translator",
          { topicBy: "implicit", question: "what do you do?" },
        ],
        ["Bicycle mechanic since 2015.", "Bicycle mechanic", { topicBy: "implicit", previous: "Jonas Brandt" }],
      ],
      silent: [
        ["Freelance medical translator — Portuguese and Tetum.", { topicBy: "implicit" }],
        // Coordinated words before the head: cutting at the conjunction would keep half the phrase.
        ["Maths and year 9 physics teacher, state school", { topicBy: "implicit", question: "what do you do?" }],
      ],
    },
  }),
  selfRule(
    "retired-past",
    patternCues([PAST_ROLE]),
    PAST_ROLE,
    0.8,
    (match) => {
      const role = phraseOf(match);
      return role ? `retired ${role}` : null;
    },
    [["Retired now, but I was a midwife.", "retired midwife"]],
    ["I was a midwife."],
    ["self", subjectRetired],
  ),
  fieldRule("occupation", "signature", {
    cue: "always",
    pattern: WHOLE,
    when: ["self", underNameLine],
    read: (unit) => unit.line,
    value: (match) => signatureRole(match[0]),
    confidence: 0.7,
    examples: {
      fires: [["Owner — Harbour Bakery", "bakery owner", { previous: "Thanh" }]],
      silent: [
        ["Hello — how are you?", { previous: "Thanh" }],
        // A document's title line ("<Product> Channel Manager — Help Centre") is not under anyone's name.
        ["StaySync Channel Manager — Help Centre", { previous: "Ticket #SS-77310 · Status: Open" }],
      ],
    },
  }),
];

/** The line above, in the same source, is a name: a signature block opens on the sender's name. */
function underNameLine(unit: Unit, at: Place): boolean {
  const previous = at.units[at.i - 1];
  return previous !== undefined && previous.source === unit.source && isNameLine(previous.text);
}

export const NAMED = { topicBy: "name" } as const;

/** Rules for third-person lines about the subject, an appositive role, and a Spanish job word, in engine order. */
export const THIRD_ROLE_RULES: readonly Rule[] = [
  selfRule(
    "third-start",
    patternCues([START_ROLE]),
    START_ROLE,
    0.7,
    startRole,
    [["Omar joined Brightline as a logistics coordinator.", "logistics coordinator", NAMED]],
    [
      ["Omar used to work as a cook.", NAMED],
      ["Omar is hoping to work as a paramedic.", NAMED],
      // The start of a career, dated by an age and followed by the role held since.
      ["Omar joined the bakery at sixteen as a trainee and has been the head baker since 2011.", NAMED],
    ],
    [explicitThird, notFormerly],
  ),
  selfRule(
    "third-role",
    ["is", "was", "as", "'s", "’s", "been"],
    THIRD_ROLE,
    0.75,
    thirdRole,
    [["Bram Osei is a tree surgeon.", "tree surgeon", NAMED]],
    [
      ["One of her cousins is a locksmith.", { topic: "other" }],
      // The sentence opens on a relative of the subject, though it names her first.
      ["Ana's husband Marco is a chef in Turin.", NAMED],
      ["Ana is a registered nurse.", NAMED],
      // A past role the sentence says has ended.
      ["Ana was a nurse for 20 years before retraining as a web developer.", NAMED],
      ["Ana was a chef for ten years.", NAMED],
    ],
    [explicitThird],
  ),
  selfRule(
    "appositive",
    ["a ", "an "],
    APPOSITIVE_ROLE,
    0.75,
    phraseOf,
    [["A second-generation potter, Dela took over the family kiln.", "potter"]],
    ["A lot of clay, Dela said."],
    [subjectTopic],
  ),
  selfRule(
    "spanish-word",
    "always",
    WHOLE,
    0.6,
    // The unit's text, lowercased once for the cue scan: not again for every sentence here.
    (match, unit) => spanishRole(match[0], lowerText(unit)),
    [["Soy camionera desde hace 19 años.", "truck driver"]],
    ["A conductor with a very loud whistle."],
    ["aboutSubject"],
  ),
];
