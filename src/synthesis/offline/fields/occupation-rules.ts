/**
 * Occupation rules as data: the subject's own role sentences ("I'm a nurse", "my day job is ...", "started as ...")
 * and third-person lines about them ("Omar joined Brightline as ...", "Ana is a nurse"), each rule with sentences it
 * must and must not read a role from. `occupation.ts` applies each table at its place in the unit loop.
 */
import { WHOLE } from "../engine/items.ts";
import type { Rule } from "../engine/rules.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import {
  AGE_THEN_ROLE,
  CREDENTIAL,
  INTRO_APPOSITIVE,
  NOW_ROLE,
  occupationPhrase,
  SELF_THE_ROLE,
  SELF_TITLE_AT,
  spanishRole,
} from "./occupation-phrase.ts";

const SELF_ROLE =
  /\b(?:I'm|I’m|I am|Im|I work as|I've been|I’ve been|I'm working as|I have been|(?:new|my|current) (?:job|role|position) as)\s+(?:a|an)\s+([^.;!?]{2,80})/gi;
/** "My day job is nursing", "my day job: bookkeeper", "by day I'm a ...". */
const DAY_JOB =
  /\b(?:[Mm]y (?:day job|main job|job title|profession|occupation|actual job|real job)|[Bb]y day)\s*(?:is|:|—|–|-|,)?\s*(?:I'm\s+|I’m\s+|I am\s+)?(?:(?:being|as)\s+)?(?:a|an|the)?\s*([^.;!?]{2,60})/g;
/** "Started as Product Designer at ...", "joined Acme as a data analyst", "promoted to shift supervisor". */
const START_ROLE =
  /\b(?:[Ss]tarted|[Ss]tarting|[Bb]egan|[Jj]oined\s+[^.;!?]{1,40}?\s+as|[Hh]ired as|[Pp]romoted to|[Tt]ook (?:a|the|up a|up the) (?:job|role|post|position) as|[Tt]ook over as|[Ss]tepped (?:up|in) as|(?:[Ss]pent|been) the (?:last|past) \S+ (?:years?|months?) as|[Ww]ork(?:ing)?\b[^.;!?]{1,50}? as|(?:[Mm]y|[Aa]) (?:new )?(?:role|job|post|position) as|[Ii]n my (?:current )?role as|(?:now|currently) working as|[Ww]orking as|[Ww]ork as)\s+(?:(?:a|an|the|our|their)\s+)?([^.;!?]{2,70})/g;
/** "As a junior UX designer at Onda Studio I ran ...": a role that frames the speaker's sentence. */
const AS_ROLE = /(?:^|[.;:!?]\s+)As\s+(?:a|an|the)\s+([^,;.!?]{2,60}?)(?:,|\s+I\b|\s+I['’])/u;
const THIRD_ROLE =
  /^(?:[\p{L}\d.,’' ]{1,40}?)(?:\s+(?:is|was|works as|has worked as|serves as|has been|is now)|['’]s(?:\s+been)?)\s+(?:a|an|the(?!\s+(?:only|one|person|kind|first|last|best)\b))\s+([^.;!?]{2,80})/giu;
const APPOSITIVE_ROLE = /^(?:a|an)\s+([^,]{2,60}),\s+\p{Lu}/iu;

/** "used to", "until", "previously": a start sentence about an earlier job. */
const FORMERLY = /\b(?:used to|until|before|previously|back then|formerly)\b/i;

/** "a nurse by training, but these days I work in sales": the training, not the job. */
const BY_TRAINING =
  /^[^.;!?]{0,40}?\b(?:by training|by education|by background|originally|in a past life|once upon)\b/i;
const WHITESPACE_RUN = /\s+/;

const phraseOf = (match: RegExpExecArray) => occupationPhrase(match[1] ?? "");

function notFormerly(unit: Unit): boolean {
  return !FORMERLY.test(unit.text);
}

/** The role after "I'm a", unless it is a past training; credentials ("a certified X") go to their own, weaker rule. */
function selfRole(credential: boolean) {
  return (match: RegExpExecArray): string | null => {
    const role = phraseOf(match);
    if (role === null || BY_TRAINING.test(match[1] ?? "")) return null;
    return CREDENTIAL.test(role) === credential ? role : null;
  };
}

const START_CUE = [
  "start",
  "began",
  "joined",
  "hired",
  "promoted",
  "took",
  "stepped",
  "spent",
  "been the",
  "work",
].concat(["role as", "job as", "post as", "position as"]);

const I_AM = ["i'm", "i’m", "i am", "im"];
const SELF_ROLE_CUE = [
  ...I_AM,
  "i work as",
  "i've been",
  "i’ve been",
  "i have been",
  "job as",
  "role as",
  "position as",
];

/** One subject sentence naming their role; each rule with sentences it must and must not read a role from. */
const selfRule = (
  name: string,
  cue: Rule["cue"],
  pattern: RegExp,
  confidence: number,
  value: (match: RegExpExecArray) => string | null,
  fires: readonly [string, string],
  silent: string,
  when: Rule["when"] = ["self"],
): Rule => ({
  id: `occupation/${name}`,
  field: "occupation",
  cue,
  pattern,
  when,
  value,
  confidence,
  examples: { fires: [fires], silent: [silent] },
});

/** Rules for the subject's own role sentences, in the order the engine has always read them. */
export const SELF_ROLE_RULES: readonly Rule[] = [
  selfRule(
    "age-then-role",
    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    AGE_THEN_ROLE,
    0.75,
    phraseOf,
    ["27 y/o marine biology grad student @ University of Hawaii", "marine biology grad student"],
    "27 y/o and tired.",
  ),
  selfRule(
    "now-role",
    ["officially", "finally", "now"],
    NOW_ROLE,
    0.75,
    phraseOf,
    ["officially an apprentice welder now", "apprentice welder"],
    "now a bit tired.",
  ),
  selfRule(
    "intro-appositive",
    [...I_AM, "my name is"],
    INTRO_APPOSITIVE,
    0.85,
    phraseOf,
    ["I am Maya Chen, a pediatric nurse.", "pediatric nurse"],
    "I am Maya Chen, and I like tea.",
  ),
  selfRule(
    "self-the-role",
    I_AM,
    SELF_THE_ROLE,
    0.75,
    phraseOf,
    ["I'm the head winemaker at Viña Sur.", "head winemaker"],
    "I'm the only one at home.",
  ),
  selfRule(
    "title-at",
    ["i'm", "i’m", "i am"],
    SELF_TITLE_AT,
    0.8,
    phraseOf,
    ["I'm Product Designer at Haventrack.", "Product Designer"],
    "I'm happy at Haventrack.",
  ),
  selfRule(
    "self-role",
    SELF_ROLE_CUE,
    SELF_ROLE,
    0.85,
    selfRole(false),
    ["I'm a community pharmacist.", "community pharmacist"],
    "I'm a nurse by training.",
  ),
  selfRule(
    "self-credential",
    SELF_ROLE_CUE,
    SELF_ROLE,
    0.5,
    selfRole(true),
    ["I'm a registered nurse.", "registered nurse"],
    "I'm a community pharmacist.",
  ),
  selfRule(
    "day-job",
    ["day job", "main job", "job title", "profession", "occupation", "actual job", "real job", "by day"],
    DAY_JOB,
    0.8,
    (match) => ((match[1] ?? "").split(WHITESPACE_RUN).length <= 8 ? phraseOf(match) : null),
    ["My day job is nursing assistant.", "nursing assistant"],
    "My day job is fine.",
  ),
  selfRule(
    "start-role",
    START_CUE,
    START_ROLE,
    0.75,
    phraseOf,
    ["Started as Product Designer at Haventrack.", "Product Designer"],
    "I used to work as a cook.",
    ["self", notFormerly],
  ),
  selfRule(
    "as-role",
    ["as"],
    AS_ROLE,
    0.7,
    phraseOf,
    ["As a junior UX designer, I ran the tests.", "junior UX designer"],
    "As a rule, I run.",
  ),
];

function explicitThird(unit: Unit): boolean {
  return unit.topic === "subject" && !unit.firstPerson && unit.topicBy !== "implicit";
}

function subjectTopic(unit: Unit): boolean {
  return unit.topic === "subject";
}

function subjectOrSelf(unit: Unit): boolean {
  return unit.topic === "subject" || isSelf(unit);
}

const NAMED = { topicBy: "name" } as const;

/** Rules for third-person lines about the subject, an appositive role, and a Spanish job word, in engine order. */
export const THIRD_ROLE_RULES: readonly Rule[] = [
  {
    ...selfRule(
      "third-start",
      START_CUE,
      START_ROLE,
      0.7,
      phraseOf,
      ["Omar joined Brightline as a logistics coordinator.", "logistics coordinator"],
      "Omar used to work as a cook.",
      [explicitThird, notFormerly],
    ),
    examples: {
      fires: [["Omar joined Brightline as a logistics coordinator.", "logistics coordinator", NAMED]],
      silent: [["Omar used to work as a cook.", NAMED]],
    },
  },
  {
    ...selfRule(
      "third-role",
      ["is", "was", "as", "'s", "’s", "been"],
      THIRD_ROLE,
      0.75,
      selfRole(false),
      ["", ""],
      "",
      [explicitThird],
    ),
    examples: {
      fires: [["Inés Varga is a landscape architect.", "landscape architect", NAMED]],
      silent: [
        ["One of them is a landlord.", { topic: "other" }],
        ["Ana is a registered nurse.", NAMED],
      ],
    },
  },
  {
    ...selfRule(
      "third-credential",
      ["is", "was", "as", "'s", "’s", "been"],
      THIRD_ROLE,
      0.5,
      selfRole(true),
      ["", ""],
      "",
      [explicitThird],
    ),
    examples: {
      fires: [["Ana is a registered nurse.", "registered nurse", NAMED]],
      silent: [["Inés Varga is a landscape architect.", NAMED]],
    },
  },
  selfRule(
    "appositive",
    ["a ", "an "],
    APPOSITIVE_ROLE,
    0.75,
    phraseOf,
    ["A third-generation farmer, Ros took over the family block.", "farmer"],
    "A lot of rain, Ros said.",
    [subjectTopic],
  ),
  selfRule(
    "spanish-word",
    "always",
    WHOLE,
    0.6,
    (match) => spanishRole(match[0]),
    ["Soy camionera desde hace 19 años.", "truck driver"],
    "A conductor with the most incredible hat.",
    [subjectOrSelf],
  ),
];
