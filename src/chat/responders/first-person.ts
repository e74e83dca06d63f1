/**
 * Says a sentence of the material as the persona. A sentence already in the persona's own "I" is said as written
 * (without the "um, so" of a transcript); a simple third-person sentence about the persona ("She runs a team of 40",
 * "Her boss Dave approves anything over $5k") is turned into the first person; anything else is quoted as evidence
 * rather than rewritten, because a wrong rewrite would put words in the persona's mouth.
 */
import type { MaterialSentence } from "./material.ts";

export interface Spoken {
  text: string;
  /** Rephrased or said as is (true), or quoted (false). */
  voiced: boolean;
}

/** Spoken fillers and connectives that open transcript sentences and mean nothing on their own. */
const FILLER = /^(?:(?:um+|uh+|erm?|so|well|yeah|yes|oh|okay|ok|honestly|like|and|but|I mean|you know)[,.!?…—-]*\s+)+/i;

/** Forms of "to be/have/do" and modals after a third-person subject, in the first person. */
const AUXILIARIES: Record<string, string> = {
  is: "am",
  "isn't": "am not",
  "isn’t": "am not",
  was: "was",
  "wasn't": "wasn't",
  "wasn’t": "wasn’t",
  has: "have",
  "hasn't": "haven't",
  "hasn’t": "haven’t",
  does: "do",
  "doesn't": "don't",
  "doesn’t": "don’t",
  had: "had",
  did: "did",
  "didn't": "didn't",
  "didn’t": "didn’t",
  can: "can",
  "can't": "can't",
  "can’t": "can’t",
  will: "will",
  would: "would",
  should: "should",
  could: "could",
  might: "might",
  must: "must",
};

/** Words between a subject and its verb that stay as they are ("she also runs", "he never uses"). */
const ADVERBS = new Set([
  "also",
  "always",
  "never",
  "often",
  "usually",
  "still",
  "just",
  "really",
  "mostly",
  "sometimes",
  "rarely",
  "now",
  "already",
  "currently",
]);

/** Third-person verb -> first person: "runs" -> "run", "watches" -> "watch", "studies" -> "study". */
function baseForm(verb: string): string | null {
  const lower = verb.toLowerCase();
  if (/ed$/.test(lower)) return verb; // past tense is the same for "I"
  if (!/s$/.test(lower) || /ss$/.test(lower) || lower.length < 3) return null;
  if (/[^aeiou]ies$/.test(lower)) return `${verb.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z|o)es$/.test(lower)) return verb.slice(0, -2);
  return verb.slice(0, -1);
}

const THIRD_PERSON = /\b(?:she|he|her|hers|him|his|herself|himself)\b/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The sentence's opening subject and verb in the first person, or null when it is not that simple. */
function leadingSubjectToFirst(sentence: string, names: readonly string[]): string | null {
  const subjects = ["she", "he", ...names.map(escapeRe)];
  const subject = new RegExp(`^(?:${subjects.join("|")})(?:\\s+(?:${names.map(escapeRe).join("|") || "(?!)"}))?`, "i");
  const lead = subject.exec(sentence);
  if (!lead) return null;
  let rest = sentence.slice(lead[0].length);
  // "She's", "Priya's frustrated": is/has; "Priya's boss …" is a possessive.
  const contraction = /^['’]s\s+(\S+)/.exec(rest);
  if (contraction) {
    const next = contraction[1] ?? "";
    const isVerb = /^(?:a|an|the|not|very|so|been|got|always|never|also|\d.*|\w+ing|\w+ed)$/i.test(next);
    const pronoun = /^(?:she|he)$/i.test(lead[0]);
    if (isVerb || pronoun) return `I'm ${rest.slice(3)}`;
    return `My ${rest.slice(3)}`;
  }
  rest = rest.trimStart();
  const words = rest.split(/\s+/);
  const adverbs: string[] = [];
  while (words.length > 0 && ADVERBS.has((words[0] ?? "").toLowerCase())) adverbs.push(words.shift() ?? "");
  const verb = words.shift();
  if (!verb) return null;
  const auxiliary = AUXILIARIES[verb.toLowerCase()];
  const first = auxiliary ?? baseForm(verb);
  if (!first) return null;
  const said = adverbs.length === 0 && first === "am" ? ["I'm"] : ["I", ...adverbs, first];
  return coordinatedToFirst([...said, ...words].join(" "));
}

/**
 * A second verb of the same subject ("… and works as a manager", "… but hates the portal"): recognised by what
 * follows it (an article or a preposition), so "and kids" or "and spreadsheets" stay as they are.
 */
function coordinatedToFirst(sentence: string): string {
  return sentence.replace(
    /\b(and|but|or)\s+(\w+s)(?=\s+(?:a|an|the|as|at|in|on|for|to|with|by|from|my|her|his|it|them|every|all)\b)/gi,
    (whole, conjunction: string, verb: string) => {
      const base = AUXILIARIES[verb.toLowerCase()] ?? baseForm(verb);
      return base ? `${conjunction} ${base}` : whole;
    },
  );
}

/** Words that open an adverbial phrase of time or place before the subject ("On weekends", "Every morning"). */
const OPENERS =
  /^(?:on|at|in|every|each|most|some|since|after|before|during|for|last|this|next|outside|nowadays|today|lately|recently|usually|often|sometimes)\b/i;

/**
 * A subject after a short opening phrase ("On weekends she goes hiking"): the phrase stays, the rest is turned as
 * a sentence of its own. Only a phrase of up to four words that opens like one (OPENERS), so clauses are left alone.
 */
function openingPhraseThenSubject(sentence: string, names: readonly string[]): string | null {
  const match = /^((?:[\p{L}\d'’-]+,?\s+){1,4}?)(she|he)\b/iu.exec(sentence);
  const opening = match?.[1];
  if (!opening || !OPENERS.test(opening) || /\b(?:she|he|her|his|him)\b/i.test(opening)) return null;
  // A capitalised word inside the phrase is likely another person ("After Gemma left she …"): left alone.
  if (/\s\p{Lu}/u.test(opening.trim())) return null;
  const rest = leadingSubjectToFirst(sentence.slice(opening.length), names);
  return rest === null ? null : `${opening}${rest}`;
}

/** The remaining possessive and object pronouns: "her team" -> "my team", "asks him" -> "asks me". */
function pronounsToFirst(sentence: string): string {
  return sentence
    .replace(/\b(?:herself|himself)\b/gi, "myself")
    .replace(/\bhis\b/gi, (m) => (m[0] === "H" ? "My" : "my"))
    .replace(
      /\bher\b(?=\s+(?:[.,;:!?]|$|to|the|a|an|about|with|for|at|on|in|and|or|that|when|if|so|back|up|out|off|again|yesterday|today)\b)/gi,
      "me",
    )
    .replace(/\bher\b/gi, (m) => (m[0] === "H" ? "My" : "my"))
    .replace(/\bhim\b/gi, "me");
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const withStop = (s: string) => (/[.!?…"”’)]$/.test(s) ? s : `${s}.`);

/** The sentence as the persona says it, or as a quote when it cannot be said in the first person safely. */
export function speak(sentence: MaterialSentence, personaName: string | null): Spoken {
  const text = sentence.text.replace(FILLER, "").trim();
  if (text === "") return { text: sentence.text, voiced: false };
  if (sentence.firstPerson) return { text: withStop(capitalise(text)), voiced: true };
  const names = (personaName ?? "").split(/\s+/).filter((n) => n.length > 1);
  let rephrased: string | null = null;
  if (sentence.aboutPersona) rephrased = leadingSubjectToFirst(text, names) ?? openingPhraseThenSubject(text, names);
  // "Her boss Dave approves …": a possessive opening a note about the persona is the persona's.
  if (rephrased === null && /^(?:her|his)\s+\S/i.test(text)) rephrased = `My ${text.replace(/^\S+\s+/, "")}`;
  if (rephrased !== null) {
    rephrased = pronounsToFirst(rephrased);
    const nameLeft = names.some((n) => new RegExp(`\\b${escapeRe(n)}\\b`, "i").test(rephrased ?? ""));
    // Another "she" or the persona's name still in the sentence: whose is ambiguous, so quote instead.
    if (!THIRD_PERSON.test(rephrased) && !/\b(?:she|he)\b/i.test(rephrased) && !nameLeft)
      return { text: withStop(capitalise(rephrased)), voiced: true };
  }
  return { text, voiced: false };
}
