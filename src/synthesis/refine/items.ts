/**
 * Whether a list value reads as an item a person would write: a phrase with a head (a noun, a verb or, for traits,
 * an adjective), not a lone number or interjection, not a pronoun fragment, not a clause cut mid-way. Uses the
 * part-of-speech tags of `compromise` on the item itself; the fixed word lists below are closed classes (fillers,
 * subordinators, particles), not topic lexicons.
 */
import nlp from "compromise";

interface Term {
  text: string;
  normal: string;
  tags: string[];
}

/** Spoken fillers and vague quantifiers in front of an item: "um", "ha", "a lot of", "like". */
const LEADING_FILLER =
  /^(?:um+|uh+|erm?|hm+|ha(?:ha)*|oh|ah|well|so|like|just|really|basically|honestly|actually|and|but|also|plus|a lot of|lots of|lot of|a bit of|bit of|plenty of|tons of|loads of|some)\b[\s,:;-]*/i;
/** Tails that add nothing: "and stuff", "etc.", "or something", "I guess". */
const TRAILING_FILLER =
  /[\s,;:-]*\b(?:and stuff|and so on|and things|and all that|etc\.?|or so|or something|or whatever|you know|i guess|i think|lol|haha)$/i;
/** A hedge before a figure: "from like 88 percent" -> "from 88 percent". */
const HEDGE_BEFORE_FIGURE = /\b(?:like|about|around|roughly)\s+(?=\d)/gi;
/**
 * Quotes, punctuation and emoji around an item (brackets stay: "multilingual (Welsh, English, French)"); a persona's
 * item is written, not posted ("survive winter without crying in the van 😅").
 */
const EDGE_RUN = String.raw`(?:[\s"'“”‘’,;:.!?…\p{Extended_Pictographic}-]|\u{FE0F}|\u{200D})+`;
const EDGE_PUNCTUATION = new RegExp(`^${EDGE_RUN}|${EDGE_RUN}$`, "gu");

/** A value opening with one of these is the first half of a sentence ("If a driver's HOS"). */
const SUBORDINATORS = new Set([
  "if",
  "when",
  "whenever",
  "because",
  "cause",
  "although",
  "though",
  "unless",
  "whether",
  "while",
  "since",
  "once",
  "until",
  "whereas",
]);
/** The person's own "I"/"we" in front of an item adds nothing: "We eat home-cooked 5 days a week". */
const OWN_SUBJECT = /^(?:i|we)\s+(?=\p{L})/iu;
/** A value opening with another subject is a clause about someone, not an item ("she does the books"). */
const SUBJECT_PRONOUNS = new Set(["i", "i'm", "im", "he", "she", "they", "we", "it", "you", "it's", "that's"]);
/** Nouns too vague to carry an item on their own ("stuff", "things like that"). */
const VAGUE_NOUNS = new Set(
  ["stuff", "thing", "things", "lot", "lots", "bit", "kind", "sort", "way", "ways", "one"].concat([
    "everything",
    "something",
    "anything",
    "nothing",
  ]),
);
/** Words that may end a phrase after a verb ("sign off", "working out"). */
const PARTICLES = new Set(["up", "out", "off", "back", "down", "on", "in", "over", "away", "around", "through"]);
/** Word classes an item cannot end with: "know before that", "get our". */
const DANGLING = ["Determiner", "Preposition", "Conjunction", "Possessive"];

/** A person or thing as the object of the item's verb ("pay them properly", "teach her everything"). */
const OBJECT_PRONOUNS = new Set(["them", "us", "him", "it"]);
/** After "her", words that make it the object rather than a possessive ("teach her everything", not "her shop"). */
const AFTER_OBJECT_HER = new Set(["everything", "something", "anything", "all", "how", "to", "properly", "more"]);

const has = (term: Term, tag: string) => term.tags.includes(tag);

/** "pay them properly", "teach her everything": the verb's object is a pronoun the item never names. */
function pronounObject(terms: readonly Term[]): boolean {
  const [verb, object, next] = terms;
  if (!verb || !object || !has(verb, "Verb")) return false;
  if (OBJECT_PRONOUNS.has(object.normal)) return true;
  return object.normal === "her" && (next === undefined || AFTER_OBJECT_HER.has(next.normal) || !has(next, "Noun"));
}

function termsOf(value: string): Term[] {
  const sentences = nlp(value).json() as { terms: Term[] }[];
  return sentences.flatMap((sentence) => sentence.terms).filter((term) => term.normal !== "");
}

/** A word that can carry the item: a concrete noun, a full verb, an adjective (traits are adjectives). */
function isHead(term: Term): boolean {
  if (has(term, "Pronoun") || VAGUE_NOUNS.has(term.normal)) return false;
  if (has(term, "Noun") || has(term, "Adjective")) return true;
  return has(term, "Verb") && !has(term, "Auxiliary") && !has(term, "Copula") && !has(term, "Modal");
}

/** Removes fillers around an item and hedges before figures; the item's evidence quote is unchanged. */
export function tidyItem(value: string): string {
  let item = value.replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "");
  for (let previous = ""; previous !== item; ) {
    previous = item;
    item = item
      .replace(LEADING_FILLER, "")
      .replace(OWN_SUBJECT, "")
      .replace(TRAILING_FILLER, "")
      .replace(EDGE_PUNCTUATION, "");
  }
  return item.replace(HEDGE_BEFORE_FIGURE, "");
}

/** Why a tidied value is not an item a person would write, or null when it is one. */
export function itemProblem(item: string): string | null {
  const terms = termsOf(item);
  const first = terms[0];
  const last = terms[terms.length - 1];
  if (first === undefined || last === undefined) return "empty";
  if (!terms.some(isHead)) return "no head (a number, an interjection or a pronoun)";
  if (SUBORDINATORS.has(first.normal)) return "a clause cut mid-way (opens with a subordinator)";
  if (SUBJECT_PRONOUNS.has(first.normal) || (has(first, "Pronoun") && !has(first, "Possessive"))) {
    return "a clause about someone (opens with a pronoun)";
  }
  // "designing WITH people, not for them" names what "them" is; "deal with it" does not.
  const antecedent = terms.some((term) => has(term, "Noun") && !has(term, "Pronoun") && !VAGUE_NOUNS.has(term.normal));
  if ((has(first, "Modal") || has(first, "Auxiliary")) && !antecedent) {
    return 'a clause without its subject or object ("must finish")';
  }
  const afterVerb = terms.length > 1 && has(terms[terms.length - 2] as Term, "Verb");
  const particle = PARTICLES.has(last.normal) && (afterVerb || has(last, "Particle"));
  if (!particle && DANGLING.some((tag) => has(last, tag))) return "a clause cut mid-way (ends on a function word)";
  if (has(last, "Pronoun") && !antecedent) return "a pronoun fragment (ends on a pronoun it never names)";
  if (pronounObject(terms)) return "a pronoun fragment (its verb's object is a pronoun it never names)";
  return null;
}

/**
 * "get our on-time delivery from like 88 percent" when the quote goes on "to 95": a range cut in half loses the
 * point of the item, so the missing end is taken from the quote.
 */
export function completeRange(value: string, quote: string): string {
  if (!/\bfrom\b(?!.*\bto\b)/i.test(value)) return value;
  const at = quote.toLowerCase().indexOf(value.toLowerCase());
  if (at < 0) return value;
  const rest = /^\s+to\s+(?:(?:about|around|like|roughly)\s+)?[\d.,]+\s*(?:%|percent|per cent)?/i.exec(
    quote.slice(at + value.length),
  );
  return rest ? `${value}${rest[0].trimEnd()}` : value;
}
