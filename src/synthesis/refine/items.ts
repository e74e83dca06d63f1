/**
 * Whether a list value reads as an item a person would write: a phrase with a head (a noun, a verb or, for traits,
 * an adjective), not a lone number or interjection, not a pronoun fragment, not a clause cut mid-way. Uses the
 * part-of-speech tags of `compromise` on the item itself (and its lexicon for words alone); the fixed word lists below
 * are closed classes (fillers, subordinators, particles, verbs of saying, shell nouns), not topic lexicons.
 */
import nlp from "compromise";
import type { ListField } from "../../personas/schemas.ts";
import { STARTS_UPPER, WHITESPACE_RUNS } from "../offline/engine/text.ts";
import { TRAIT_NOUNS, TRAIT_WORDS } from "../offline/lexicon/traits.ts";

const LEADING_COLON = /^\s*:/;
const FROM_WITHOUT_TO = /\bfrom\b(?!.*\bto\b)/i;
const TO_FIGURE = /^\s+to\s+(?:(?:about|around|like|roughly)\s+)?[\d.,]+\s*(?:%|percent|per cent)?/i;

interface Term {
  text: string;
  normal: string;
  tags: string[];
  /** The verb's or noun's base form ("knows" -> "know"), when compromise has one. */
  root?: string;
}

/** Spoken fillers and vague quantifiers in front of an item: "um", "ha", "a lot of", "like". */
const LEADING_FILLER =
  /^(?:um+|uh+|erm?|hm+|ha(?:ha)*|oh|ah|well|so|like|just|really|basically|honestly|actually|and|but|also|plus|a lot of|lots of|lot of|a bit of|bit of|plenty of|tons of|loads of|some)\b[\s,:;-]*/i;
/** Tails that add nothing: "and stuff", "etc.", "or something", "I guess". */
const TRAILING_FILLER =
  /[\s,;:-]*\b(?:and stuff|and so on|and things|and all that|etc\.?|or so|or something|or whatever|you know|i guess|i think|lol|haha)$/i;
/**
 * Half of a bracketed aside at an item's edge: a transcript's "[laughs]" or "[inaudible]" cut by the rule that found
 * the item ("laughs] radio" -> "radio"). A whole bracket stays ("multilingual (Welsh, English)").
 */
const HALF_BRACKET = /^[^[\]]*\]\s*|\s*\[[^[\]]*$/g;
/**
 * A square-bracketed span is the transcriber's, not the speaker's ("[laughs]", "[inaudible]", "[crosstalk]", "[sic]"):
 * it is never part of an item, and an item that is nothing else is no item. Round brackets are the writer's own
 * ("multilingual (Welsh, English)"), and asterisks or angle brackets mark emphasis or markup, unless they hold a note on
 * a sound, a gesture or a silence ("(laughs)", "*sighs*", "<pause>").
 */
const SOUND_NOTE = String.raw`(?:laugh(?:s|ing|ter)?|chuckl(?:es|ing)|giggl(?:es|ing)|sigh(?:s|ing)?|cough(?:s|ing)?|shrug(?:s|ging)?|smil(?:es|ing)|pause[sd]?|long pause|silence|inaudible|unclear|crosstalk|overlapping|background noise)(?:\s+[^()*<>\[\]]{1,20})?`;
const TRANSCRIBER_NOTE = new RegExp(
  String.raw`\s*(?:\[[^[\]]*\]|\(${SOUND_NOTE}\)|\*${SOUND_NOTE}\*|<${SOUND_NOTE}>)\s*`,
  "gi",
);
/** A hedge before a figure: "from like 88 percent" -> "from 88 percent". */
const HEDGE_BEFORE_FIGURE = /\b(?:like|about|around|roughly)\s+(?=\d)/gi;
/**
 * Quotes, punctuation and emoji around an item (brackets stay: "multilingual (Welsh, English, French)"); a persona's
 * item is written, not posted ("get through March without losing my mind 😅").
 */
const EDGE_RUN = String.raw`(?:[\s"'“”‘’,;:.!?…\p{Extended_Pictographic}-]|\u{FE0F}|\u{200D})+`;
const EDGE_PUNCTUATION = new RegExp(`^${EDGE_RUN}|${EDGE_RUN}$`, "gu");

/** A value opening with one of these is the first half of a sentence ("If a driver's HOS"). */
const SUBORDINATORS = new Set(
  "if when whenever because cause although though unless whether while since once until whereas".split(" "),
);
/** The person's own "I"/"we" in front of an item adds nothing: "We cycle to work 4 days a week". */
const OWN_SUBJECT = /^(?:i|we)\s+(?=\p{L})/iu;
/** A value opening with another subject is a clause about someone, not an item ("she does the books"). */
const SUBJECT_PRONOUNS = new Set(["i", "i'm", "im", "he", "she", "they", "we", "it", "you", "it's", "that's"]);
/** Nouns too vague to carry an item on their own ("stuff", "things like that"). */
const VAGUE_NOUNS = new Set(
  "stuff thing things lot lots bit kind sort way ways one everything something anything nothing".split(" "),
);
/** Words that may end a phrase after a verb ("sign off", "working out"). */
const PARTICLES = new Set(["up", "out", "off", "back", "down", "on", "in", "over", "away", "around", "through"]);
/** Word classes an item cannot end with: "know before that", "get our". */
const DANGLING = ["Determiner", "Preposition", "Conjunction", "Possessive"];

/** The listener: an item is about the person, so "you"/"your" means the value is a quote of talk to someone. */
const SECOND_PERSON = new Set(["you", "your", "yours", "yourself", "yourselves"]);
/** A person or thing as the object of the item's verb ("pay them properly", "teach her everything"). */
const OBJECT_PRONOUNS = new Set(["them", "us", "him", "it"]);
/** After "her", words that make it the object rather than a possessive ("teach her everything", not "her shop"). */
const AFTER_OBJECT_HER = new Set(["everything", "something", "anything", "all", "how", "to", "properly", "more"]);

/**
 * Verbs of saying, knowing and thinking: their content is what matters, so without a concrete object after them the
 * value is a piece of talk ("say that at the start", "know what it's like"), not an item.
 */
const TALK_VERBS = new Set("say tell discuss explain mention know think mean guess realise".split(" "));
/**
 * Shell nouns name a slot for content ("the plan", "the problem") and say nothing alone; with a modifier they can
 * ("business plan").
 */
const SHELL_NOUNS = new Set("plan idea problem issue reason point part fact question goal".split(" "));
/**
 * compromise's own lexicon (word -> class) and its list of words with two classes ("travel": "Noun|Verb"). Alone, a
 * word is tagged a verb even when it is mostly a noun ("overtime"), so a lone word counts as a verb only when the
 * lexicon knows it as nothing else.
 */
const MODEL = nlp.model() as {
  one: { lexicon: Record<string, string | string[]> };
  two: { switches: Record<string, string> };
};
const VERB_FORMS = new Set(["Verb", "Infinitive", "PresentTense", "PastTense", "Participle", "PhrasalVerb", "Gerund"]);
/** A switch that can read the word as a noun: "Noun|Verb" ("travel"), and "Plural|Verb" ("schedules", "delays"). */
const NOUN_SWITCH = /\b(?:Noun|Plural|Singular)\b/;
const onlyAVerb = (word: string) => {
  const classes = [MODEL.one.lexicon[word] ?? []].flat();
  return (
    classes.length > 0 && classes.every((c) => VERB_FORMS.has(c)) && !NOUN_SWITCH.test(MODEL.two.switches[word] ?? "")
  );
};
/** What may come before a form label at the start of a quote: a question number ("Q12.", "3)"). */
const LABEL_AT_START = /^\s*(?:\p{L}{0,2}\d+[.)]?\s*)?/u;

const has = (term: Term, tag: string) => term.tags.includes(tag);

/** "pay them properly", "teach her everything": the verb's object is a pronoun the item never names. */
function pronounObject(terms: readonly Term[]): boolean {
  const [verb, object, next] = terms;
  if (!verb || !object || !has(verb, "Verb")) return false;
  if (OBJECT_PRONOUNS.has(object.normal)) return true;
  if (object.normal !== "her") return false;
  if (next === undefined || AFTER_OBJECT_HER.has(next.normal)) return true;
  // "start her own agency", "give her first talk": a modifier then a noun makes "her" the possessive.
  const modified = (has(next, "Adjective") || has(next, "Ordinal")) && terms.slice(3).some((t) => has(t, "Noun"));
  return !has(next, "Noun") && !modified;
}

function termsOf(value: string): Term[] {
  const doc = nlp(value);
  doc.compute("root");
  const sentences = doc.json() as { terms: Term[] }[];
  return sentences.flatMap((sentence) => sentence.terms).filter((term) => term.normal !== "");
}

/** A word that can carry the item: a concrete noun, a full verb, an adjective (traits are adjectives). */
function isHead(term: Term): boolean {
  if (has(term, "Pronoun") || VAGUE_NOUNS.has(term.normal)) return false;
  if (has(term, "Noun") || has(term, "Adjective")) return true;
  return has(term, "Verb") && !has(term, "Auxiliary") && !has(term, "Copula") && !has(term, "Modal");
}

/** "funnily enough", "really well": an adverb with no noun or full verb after it comments on talk, names nothing. */
function asideOnly(terms: readonly Term[]): boolean {
  const [first] = terms;
  const carries = (term: Term) => has(term, "Noun") || (has(term, "Verb") && isHead(term));
  return first !== undefined && has(first, "Adverb") && !terms.some(carries);
}

/**
 * Words that name a part of a document or of a profile ("Pain points", "Next steps", "Rep notes", "Background"): a
 * closed class of section names. A value made only of them, or a noun phrase ending in a word for notes
 * ("interviewer comments"), is a heading the rule took for an item.
 */
const SECTION_WORDS = new Set(
  "pain pains point points goal goals aim aims objective objectives interest interests hobby hobbies skill skills value values trait traits personality personal profile bio background summary overview context notes note comments remarks observations takeaways minutes agenda next steps step action actions item items follow-up follow-ups key main other misc general details info information about frustrations challenges concerns priorities needs".split(
    " ",
  ),
);
const NOTE_HEADS = new Set("notes comments remarks observations takeaways minutes agenda summary overview".split(" "));
const SECTION_FILLERS = ["Determiner", "Possessive", "Conjunction", "Preposition"];

function isHeading(terms: readonly Term[]): boolean {
  const words = terms.filter((term) => !SECTION_FILLERS.some((tag) => has(term, tag)));
  const last = terms[terms.length - 1] as Term;
  if (words.length > 0 && words.every((term) => SECTION_WORDS.has(term.normal))) return true;
  return NOTE_HEADS.has(last.normal) && !terms.some((term) => has(term, "Verb"));
}

/** Fields whose items are things done or known, never a statement: a subject with its verb is a sentence about it. */
const CLAUSE_FREE = new Set<ListField>(["skills", "interests"]);
const FINITE = ["PresentTense", "PastTense"];
const NOT_FINITE = ["Gerund", "Participle", "Infinitive", "Auxiliary", "Modal"];
const OBJECT_OPENING = ["Determiner", "Possessive", "Pronoun"];

/**
 * "the crew trusts her", "spreadsheets are her thing": a noun followed by a finite verb is a sentence about that noun
 * (a skill is "reading spreadsheets", a pastime "choir singing"). A value opening with its verb has no subject.
 */
function finiteClause(terms: readonly Term[]): boolean {
  return terms.some((term, k) => {
    const before = terms[k - 1];
    if (k === 0 || before === undefined || !has(term, "Verb")) return false;
    // "carving seats": a word that is also a plural noun is read as one, unless an object follows it ("trusts her").
    const next = terms[k + 1];
    const object = next !== undefined && OBJECT_OPENING.some((tag) => has(next, tag));
    const plural = NOUN_SWITCH.test(MODEL.two.switches[term.normal] ?? "") && !object;
    const finite = FINITE.some((tag) => has(term, tag)) && !NOT_FINITE.some((tag) => has(term, tag)) && !plural;
    const copula = has(term, "Copula");
    return (finite || copula) && has(before, "Noun") && !has(before, "Possessive") && !has(terms[0] as Term, "Verb");
  });
}

/** Words that grade a trait ("too", "a bit of a"), not a thing that troubles the person. */
const DEGREE_WORDS = new Set("too very so quite really a bit of little rather overly extremely kind sort".split(" "));

/** "impatient", "a bit of a perfectionist": what the person is like, which troubles no one as a pain point. */
function traitOnly(terms: readonly Term[]): boolean {
  const rest = terms.filter((term) => !DEGREE_WORDS.has(term.normal));
  const [only] = rest;
  return rest.length === 1 && only !== undefined && (only.normal in TRAIT_WORDS || only.normal in TRAIT_NOUNS);
}

/** Removes fillers around an item and hedges before figures; the item's evidence quote is unchanged. */
export function tidyItem(value: string): string {
  let item = value.replace(TRANSCRIBER_NOTE, " ").replace(WHITESPACE_RUNS, " ").replace(EDGE_PUNCTUATION, "");
  for (let previous = ""; previous !== item; ) {
    previous = item;
    item = item
      .replace(LEADING_FILLER, "")
      .replace(OWN_SUBJECT, "")
      .replace(TRAILING_FILLER, "")
      .replace(HALF_BRACKET, "")
      .replace(EDGE_PUNCTUATION, "");
  }
  return item.replace(HEDGE_BEFORE_FIGURE, "");
}

/**
 * A lone word is an item only when it names a thing or an activity: a noun ("privacy", "chess"), a gerund
 * ("knitting"), a word that is also a noun ("travel"), a name as written ("Excel"), or an adjective for traits. Not a
 * bare verb ("know"), an adjective outside traits ("big"), a person ("woman") or a shell noun ("plan").
 */
function loneWordProblem(term: Term, written: string, field: ListField | undefined): string | null {
  if (STARTS_UPPER.test(written)) return null;
  if (SHELL_NOUNS.has(term.normal)) return "a lone word that names no content (a shell noun)";
  // Traits are adjectives or nouns for a kind of person ("perfectionist"), and compromise tags many of them as verbs
  // ("organised", "obstinate"); a lone word there is judged by the trait rules, not by its word class.
  if (field === "traits") return null;
  if (has(term, "Date") || has(term, "Duration")) return "a lone word for a time";
  if (has(term, "Noun")) return has(term, "Actor") ? "a lone word naming a person or people" : null;
  if (has(term, "Verb") && !has(term, "Gerund") && onlyAVerb(term.normal)) return "a lone verb";
  // "managing", "pushing": an -ing form the language never uses as a noun is an action with its object cut off;
  // one it does ("nursing", "hiking", "teaching") names the activity itself.
  // A pastime is often an -ing form with no object ("skiing", "drumming"), so interests are not judged by this.
  if (field !== "interests" && has(term, "Gerund") && onlyAVerb(term.normal))
    return "a lone verb (an -ing form with its object cut off)";
  if (field !== undefined && has(term, "Adjective")) return "a lone adjective outside traits";
  return null;
}

/**
 * "say that at the start", "know what it's like", "the job is explaining": a verb of saying or knowing at either end
 * of the value, with no noun after it before the next preposition or question word, leaves out what is said.
 */
function talkWithoutObject(terms: readonly Term[]): boolean {
  return [0, terms.length - 1].some((at) => {
    const verb = terms[at] as Term;
    if (!has(verb, "Verb") || !TALK_VERBS.has(verb.root ?? verb.normal)) return false;
    for (const term of terms.slice(at + 1)) {
      if (has(term, "Preposition") || has(term, "Conjunction") || has(term, "QuestionWord")) return true;
      if (has(term, "Noun") && !has(term, "Pronoun") && !VAGUE_NOUNS.has(term.normal)) return false;
    }
    return true;
  });
}

/**
 * "Weekends / family: Saturday we hike…": a value its quote opens with and follows by a colon is the heading of a
 * form line, not an answer, whatever its words. A bulleted line ("- Excel: her templates…") is a list item with its
 * gloss, so a bullet before the value keeps it.
 */
export function labelsAnswer(item: string, quote: string): boolean {
  const lead = LABEL_AT_START.exec(quote)?.[0].length ?? 0;
  const rest = quote.slice(lead);
  return rest.toLowerCase().startsWith(item.toLowerCase()) && LEADING_COLON.test(rest.slice(item.length));
}

/**
 * Why a tidied value is not an item a person would write, or null when it is one. The field matters: traits are
 * naturally adjectives ("patient"), goals naturally open with "to" and a verb.
 */
export function itemProblem(item: string, field?: ListField): string | null {
  const terms = termsOf(item);
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (first === undefined || last === undefined) return "empty";
  if (!terms.some(isHead)) return "no head (a number, an interjection or a pronoun)";
  if (isHeading(terms)) return "a heading (names a part of the notes, not an item)";
  if (field !== "traits" && asideOnly(terms)) return "an aside (an adverb with no noun or verb)";
  if (terms.length === 1) {
    const problem = loneWordProblem(first, item, field);
    if (problem !== null) return problem;
  }
  if (SUBORDINATORS.has(first.normal)) return "a clause cut mid-way (opens with a subordinator)";
  // "not the cheese", "right, not fast": what the person says it is not, a thing or a lone quality ("not good at
  // sales" names a weakness and stays).
  const negated = terms[1];
  if (first.normal === "not" && negated !== undefined && (has(negated, "Determiner") || terms.length === 2)) {
    return "a negation (says what it is not)";
  }
  if (SUBJECT_PRONOUNS.has(first.normal) || (has(first, "Pronoun") && !has(first, "Possessive"))) {
    return "a clause about someone (opens with a pronoun)";
  }
  if (terms.some((term) => SECOND_PERSON.has(term.normal))) return "said to the listener (a second-person pronoun)";
  if (first.normal === "please") return 'said to the listener (a request: "please ...")';
  // "on-time delivery" opens with a hyphenated compound, not a preposition.
  if (has(first, "Preposition") && !has(first, "Hyphenated") && first.normal !== "to") {
    return "a fragment (opens with a preposition)";
  }
  // Goals are naturally "to" + verb ("to open a second clinic"); elsewhere "to" opens a fragment of a sentence.
  const infinitive = first.normal === "to" && terms[1] !== undefined && has(terms[1], "Verb");
  if (first.normal === "to" && !(infinitive && field === "goals")) return 'a fragment (opens with "to")';
  if (talkWithoutObject(terms)) return "talk without its content (a verb of saying or knowing with no object)";
  // "cooking WITH kids, not for them" names what "them" is; "deal with it" does not.
  const antecedent = terms.some((term) => has(term, "Noun") && !has(term, "Pronoun") && !VAGUE_NOUNS.has(term.normal));
  if ((has(first, "Modal") || has(first, "Auxiliary")) && !antecedent) {
    return 'a clause without its subject or object ("must finish")';
  }
  const afterVerb = terms.length > 1 && has(terms[terms.length - 2] as Term, "Verb");
  const particle = PARTICLES.has(last.normal) && (afterVerb || has(last, "Particle"));
  if (!particle && DANGLING.some((tag) => has(last, tag))) return "a clause cut mid-way (ends on a function word)";
  if (has(last, "Pronoun") && !antecedent) return "a pronoun fragment (ends on a pronoun it never names)";
  // "a form that proves the room is": a noun's copula with its complement cut off ("who I am" is whole).
  const beforeLast = terms[terms.length - 2];
  if (has(last, "Copula") && beforeLast && has(beforeLast, "Noun") && !has(beforeLast, "Pronoun")) {
    return "a clause cut mid-way (ends on its verb to be)";
  }
  if (pronounObject(terms)) return "a pronoun fragment (its verb's object is a pronoun it never names)";
  if (field !== undefined && CLAUSE_FREE.has(field) && finiteClause(terms)) {
    return "a clause (a subject and its verb), not a skill or a pastime";
  }
  if (field === "pain_points" && traitOnly(terms)) return "a trait of the person, not a pain point";
  return null;
}

/** What the quote says after the value's first occurrence in it (case aside), or null when the quote lacks it. */
function textAfter(value: string, quote: string): string | null {
  const at = quote.toLowerCase().indexOf(value.toLowerCase());
  return at < 0 ? null : quote.slice(at + value.length);
}

/** The word right after the item in its quote, when only spaces part them (no comma, dash or full stop). */
const NEXT_WORD = /^\s+(\p{L}[\p{L}'’-]*)/u;
/** Words that want a noun after them: a number ("two"), an adjective ("old"), a determiner or possessive ("the", "my"). */
const WANTS_NOUN = ["Value", "Adjective", "Determiner", "Possessive"];

/**
 * "a test with residents from two" when the quote goes on "two retirement clubs": an item that stops on a word that
 * wants a noun while its quote goes straight on with that noun was cut inside a noun phrase, and says something else
 * (a number of people, not of clubs). Rules that cut at a word count do this; the whole phrase is not recoverable
 * here, so the item is dropped.
 */
export function cutBeforeNoun(item: string, quote: string): boolean {
  const after = textAfter(item, quote);
  if (after === null) return false;
  const next = NEXT_WORD.exec(after)?.[1];
  if (next === undefined) return false;
  const terms = termsOf(`${item} ${next}`);
  const last = terms[terms.length - 2];
  const following = terms[terms.length - 1];
  if (last === undefined || following === undefined || following.normal !== next.toLowerCase()) return false;
  return WANTS_NOUN.some((tag) => has(last, tag)) && has(following, "Noun") && !has(following, "Pronoun");
}

/**
 * "get our on-time delivery from like 88 percent" when the quote goes on "to 95": a range cut in half loses the
 * point of the item, so the missing end is taken from the quote.
 */
export function completeRange(value: string, quote: string): string {
  if (!FROM_WITHOUT_TO.test(value)) return value;
  const after = textAfter(value, quote);
  if (after === null) return value;
  const rest = TO_FIGURE.exec(after);
  return rest ? `${value}${rest[0].trimEnd()}` : value;
}
