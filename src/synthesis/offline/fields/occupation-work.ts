/**
 * Occupation from a verb of work ("I teach geography", "she repairs boilers at ...", "I've been nursing for nine
 * years", "we farm"): the agent noun of the verb and its object, as rules.
 */

import { KIN_WORDS } from "../attribution/roles.ts";
import { anyOf, tableCues } from "../engine/cues.ts";
import { WHOLE } from "../engine/items.ts";
import { type Example, fieldRule, type Place, type Rule, unmatched } from "../engine/rules.ts";
import { WHITESPACE } from "../engine/text.ts";
import { isSelf, type Unit } from "../engine/unit.ts";
import { agentFor, OCCUPATION_VERBS, workVerb } from "../lexicon/occupations.ts";

/** Things people do for pleasure or occasionally: a verb of work in such a sentence is a hobby, not a job. */
const HOBBY_CONTEXT =
  /\b(?:weekends?|on (?:mon|tues|wednes|thurs|fri|satur|sun)days?|(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:mornings?|evenings?|afternoons?|nights?)|evenings|in my (?:spare|free) time|for fun|hobby|hobbies|on the side|side hustle|volunteer\w*|sometimes|occasionally|once a|twice a|every (?:week|month|sunday|saturday)|when I'm not|when I’m not|outside (?:of )?work|after work|for (?:my )?(?:friends|family|kids)|at home|myself|used to|anymore|any more|never)\b/i;
/** Work done for or to one's own relatives or friends ("I teach piano to my niece") is family life, not a job. */
const FOR_KIN = new RegExp(`\\b(?:to|for)\\s+(?:my|our)\\s+(?:[\\w-]+\\s+)?(?:${KIN_WORDS})s?\\b`, "i");

/** A sentence that says a verb of work is the speaker's job ("It's my day job", "for a living"). */
const JOB_CONTEXT =
  /\b(?:(?:it'?s|it’s|that'?s|that’s|is)\s+my\s+(?:day\s+)?job|for a living|professionally|by trade|full[- ]time|my day job|for work)\b/i;

/** Where a job is done: "at a state secondary school", "at Lincoln High", "in a hospital". */
const WORKPLACE_AFTER =
  /^\s*(?:\S+\s+){0,4}?(?:at|in|for)\s+(?:(?:a|an|the|our|my|two|three|several|local|public|private|state|big|small)\s+){0,3}(?:\p{Lu}|(?:[\p{Ll}-]+\s+)?(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|roastery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|department|ward|unit)\b)/u;

const WORKPLACE_LATER =
  /^[^.;!?]{0,80}?\b(?:at|in)\s+(?:a|an|the|our|my|two|three|several)\s+(?:[\p{L}-]+\s+){0,3}(?:school|college|university|academy|hospital|clinic|firm|company|agency|restaurant|café|cafe|bakery|farm|studio|practice|hotel|office|centre|center|institute|lab|nursery|kindergarten|workshop)\b/iu;

/** "I mainly teach geography": an adverb between "I" and a verb of work. */
const WORK_ADVERB = String.raw`(?:(?:also|mainly|mostly|currently|now|still|basically|professionally|actually)\s+)?`;

/** "I teach geography", "I've been nursing for nine years": a verb of work names the agent. */
const PRESENT_WORK = new RegExp(
  String.raw`(?:^|[:;,—–]\s*|\b(?:and|so|basically|mainly|mostly|now)\s+)I\s+${WORK_ADVERB}(\p{Ll}+)\b([^.;!?,—–(]{0,60})`,
  "gu",
);

const TENURE_WORK =
  /\b(?:I've|I’ve|I have|I'd|I’d|we've|we’ve|she's|she has|he's|he has)?\s*been\s+(\p{Ll}+ing)\b([^.;!?]{0,60}?)\s*\b(?:for\s+(?:\S+\s+){0,2}(?:years?|decades?)|since\b|professionally\b|full[- ]time\b)/giu;

/** A whole answer that is a verb of work: "I teach geography". */
const I_VERB_REST = new RegExp(String.raw`^I\s+${WORK_ADVERB}(\p{Ll}+)\b(.*)$`, "u");

/** Where the object of a verb of work ends: its place or time follows. */
const OBJECT_END =
  /\s+(?:at|in|on|for|to|from|with|into|since|and|but|because|every|each|here|there|now|full-time|part-time)\b/i;

/** "been teaching myself": learning, not working. */
const REFLEXIVE_OBJECT = /^(?:myself|yourself|herself|himself|themselves|ourselves)\b/i;

/** The object of a verb of work, cut before its place or time ("geography at a state secondary school" -> geography). */
function workObject(rest: string): string {
  return (rest.split(OBJECT_END)[0] ?? "").trim();
}

/** Only base forms ("teach", not "teaching"/"taught") for present-simple statements. */
function baseWorkVerb(form: string): string | null {
  const verb = workVerb(form);
  return verb === form.toLowerCase() ? verb : null;
}

/** "I teach geography" -> geography teacher: the agent noun for a verb of work plus its object. */
export function verbRole(text: string): string | null {
  const match = I_VERB_REST.exec(text.trim());
  if (!match?.[1]) return null;
  const verb = baseWorkVerb(match[1]);
  return verb ? agentFor(verb, workObject(match[2] ?? "")) : null;
}

function notHobby(unit: Unit): boolean {
  return !HOBBY_CONTEXT.test(unit.text) && !FOR_KIN.test(unit.text);
}

/** Whether the unit or the next one of its source says the work is a job ("for a living", "it's my day job"). */
function nearJob(unit: Unit, at: Place): boolean {
  const next = at.units[at.i + 1];
  return (
    JOB_CONTEXT.test(unit.text) || (next !== undefined && next.source === unit.source && JOB_CONTEXT.test(next.text))
  );
}

/** A present-tense verb of work with a workplace after it, in the clause or within the next 140 characters. */
function atWork(match: RegExpExecArray, rest: string): boolean {
  const start = match.index + match[0].length - rest.length;
  return WORKPLACE_AFTER.test(rest) || WORKPLACE_LATER.test(match.input.slice(start, match.index + 140));
}

/** A present-tense "I <verb>" by the subject, not a hobby, giving the agent when `job` says it is about a job. */
function presentWorkRule(
  name: string,
  job: (match: RegExpExecArray, unit: Unit, at: Place) => boolean,
  confidence: number,
  fires: readonly [string, string],
  silent: readonly Example[],
): Rule {
  return fieldRule("occupation", name, {
    cue: "always",
    pattern: PRESENT_WORK,
    when: [isSelf, notHobby],
    value: (match, unit, at) => {
      const verb = baseWorkVerb(match[1] ?? "");
      return verb && job(match, unit, at) ? agentFor(verb, workObject(match[2] ?? "")) : null;
    },
    confidence,
    examples: { fires: [fires], silent },
  });
}

/** Verbs of work, in the order the engine has always read them (tenure, then present, then third person). */
export const WORK_RULES: readonly Rule[] = [
  fieldRule("occupation", "tenure-work", {
    cue: ["been"],
    pattern: TENURE_WORK,
    when: [isSelf],
    value: (match) => {
      const verb = workVerb(match[1] ?? "");
      const object = workObject(match[2] ?? "");
      return verb && !REFLEXIVE_OBJECT.test(object) ? agentFor(verb, object) : null;
    },
    confidence: 0.7,
    examples: {
      fires: [["I've been teaching geography for nine years.", "geography teacher"]],
      silent: ["I've been teaching myself for nine years."],
    },
  }),
  presentWorkRule(
    "present-work",
    (match, unit, at) => nearJob(unit, at) || atWork(match, match[2] ?? ""),
    0.7,
    ["I teach geography at a state secondary school.", "geography teacher"],
    // A workplace named, but the work is at weekends (notHobby).
    ["I teach geography.", "I teach geography at a state secondary school on weekends."],
  ),
  // Neither a job nor a workplace is said: only a short sentence is taken as the job ("I teach geography.").
  // Without its object the verb says an activity ("yes, I bake"), not a job: only "I teach history" is taken.
  presentWorkRule(
    "present-work-short",
    (match, unit, at) =>
      workObject(match[2] ?? "") !== "" &&
      !nearJob(unit, at) &&
      !atWork(match, match[2] ?? "") &&
      unit.text.split(WHITESPACE).length <= 6,
    0.6,
    ["I teach history.", "history teacher"],
    // A workplace named (the full rule's case); the lessons are for a relative (notHobby); no object.
    ["I teach history at a village primary school.", "I teach history to my nephews.", "Oh yes, Ana, I bake."],
  ),
];

/**
 * The roles of a lexicon table of [pattern, role] whose patterns the matched text holds. One test for all the patterns
 * first: most sentences hold none, and are then not read once per pattern.
 */
export function rolesOf(table: readonly (readonly [RegExp, string])[]): (match: RegExpExecArray) => string[] | null {
  const mayHold = anyOf(table.map(([pattern]) => pattern));
  return (match) =>
    mayHold(match[0]) ? table.filter(([pattern]) => pattern.test(match[0])).map(([, role]) => role) : null;
}

/** "I used to drive trucks", "years ago we farmed": work the sentence puts in the past. */
const PAST_WORK = /\b(?:used to|formerly|previously|back then|years ago)\b/i;

/** "we farm", "drives a truck": a verb phrase of the lexicon that names a job without saying it. */
export const VERB_INFERRED_RULE: Rule = fieldRule("occupation", "verb-inferred", {
  cue: tableCues(OCCUPATION_VERBS),
  pattern: WHOLE,
  when: ["aboutSubject", (unit) => !PAST_WORK.test(unit.text)],
  value: rolesOf(OCCUPATION_VERBS),
  confidence: 0.5,
  kind: "inferred",
  examples: {
    fires: [
      ["I drive a truck for the council.", "truck driver"],
      ["Ros farms 620 ha near Wagga.", "farmer"],
    ],
    // A counted plural is the noun: "8 farms" are places sampled, not a sign the subject farms.
    silent: [
      unmatched("I drive a car."),
      "Survey week: 40 water samples, 5 farms in Marlow District.",
      // Work the sentence puts in the past.
      "I used to drive a truck for the council, now I sell insurance.",
    ],
  },
});
