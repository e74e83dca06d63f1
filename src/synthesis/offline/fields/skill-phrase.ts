/** The wording of a skill: the object of a skill verb and a phrase short and specific enough to be an item. */
import { firstClause, stripDeterminers, stripLeadingFillers, trimPunctuation, wordCount } from "../engine/text.ts";

// "... in wild fermentation and speaks Welsh": a second verb starts a new statement.
const NEXT_PREDICATE =
  /\s+and\s+(?:is|was|has|had|speaks|lives|works|runs|leads|trains|teaches|holds|enjoys|loves|plays|spends)\b.*$/i;

const AND_SPLIT = /\s+and\s+/;
const QUANTIFIER = /^(?:all|most|some|many)\s+(?:of\s+)?/i;
/** Where, when and why follow a skill's object. */
const OBJECT_CUT = /\s+(?:at|in|for|to|on|from|with|because|so|since|every|each|when|while|as|like|into|by)\s+/i;
/** Pronouns, vague nouns and particles are no object of a skill. */
const NOT_AN_OBJECT =
  /^(?:it|them|you|me|us|her|him|this|that|what|things|stuff|sure|everything|something|to|for|at|in|on|with|about|from|back|up|out|down)\b/i;
/** "German I speak slowly": a manner, not what is spoken. */
const MANNER_ONLY = /^(?:slow|slowly|fast|quickly|well|badly|poorly|a bit|a little|a lot)$/i;
/** "I wire the panels myself": the reflexive says who does it, not what. */
const REFLEXIVE_TAIL = /\s+(?:myself|herself|himself|themselves|ourselves)$/i;

/** The object of a skill verb, cut before where, when and why ("chemistry at a public school" -> chemistry). */
export function skillObject(raw: string): string | null {
  const head = (raw.split(AND_SPLIT)[0] ?? "").replace(QUANTIFIER, "").split(OBJECT_CUT)[0];
  const object = skillPhrase((head ?? "").replace(REFLEXIVE_TAIL, ""), 4);
  if (!object || NOT_AN_OBJECT.test(object) || MANNER_ONLY.test(object)) return null;
  return object;
}

/** A head noun that names no particular ability ("technical steps", "computer stuff", "admin tasks"). */
const VAGUE_HEAD = /\b(?:things|stuff|steps|bits|tasks|basics|aspects)$/i;

/** How a skill was learnt, not the skill: "an apprenticeship in X" is X; "joinery through an apprenticeship" is joinery. */
const TRAINING_OF =
  /^(?:[\p{L}-]+\s+)?(?:apprenticeship|internship|traineeship|course|diploma|degree)\s+(?:in|as)\s+/iu;
const LEARNT_THROUGH = /\s+(?:through|via|during)\s+.*$/i;
const TRAINING_ONLY = /\b(?:apprenticeship|internship|traineeship)s?$/i;

export function skillPhrase(raw: string, maxWords = 5): string | null {
  const clause = stripDeterminers(firstClause(stripLeadingFillers(raw.replace(NEXT_PREDICATE, ""))));
  const phrase = trimPunctuation(clause.replace(TRAINING_OF, "").replace(LEARNT_THROUGH, ""));
  if (phrase === "" || wordCount(phrase) > maxWords || VAGUE_HEAD.test(phrase) || TRAINING_ONLY.test(phrase))
    return null;
  return phrase;
}
